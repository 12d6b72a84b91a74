"""Adding trials up: pass^k, cost per tier, the router mix and the saving against all-reasoning,
as data for the JSON file and as a table for people."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from math import comb
from typing import Any

from .records import TierUsage, TrialRecord

TIER_ORDER = ("fast", "reasoning", "offline", "human")


def pass_hat_k(records: Sequence[TrialRecord], k: int) -> float | None:
    """tau-bench's pass^k: the chance that k trials of a task, drawn from those run, all succeed,
    averaged over the tasks run at least k times (None when no task was)."""
    outcomes: dict[int, list[bool]] = defaultdict(list)
    for record in records:
        outcomes[record.task_index].append(record.success)
    eligible = [runs for runs in outcomes.values() if len(runs) >= k]
    if not eligible:
        return None
    return sum(comb(sum(runs), k) / comb(len(runs), k) for runs in eligible) / len(eligible)


@dataclass
class Saving:
    """The routed run's model cost against an all-reasoning run of the same task trials."""

    baseline: str  # where the all-reasoning records came from
    matched: int  # task trials in both runs
    routed_cost: float
    baseline_cost: float
    routed_pass_1: float
    baseline_pass_1: float

    @property
    def saved(self) -> float:
        return round(self.baseline_cost - self.routed_cost, 6)

    @property
    def fraction(self) -> float | None:
        return self.saved / self.baseline_cost if self.baseline_cost else None


@dataclass
class Summary:
    tasks: int
    trials: int  # task trials run
    successes: int
    max_k: int
    pass_hat: dict[int, float | None]
    errors: int
    ended_by: dict[str, int]
    handoffs: dict[str, int]
    guardrails: dict[str, int]
    usage: dict[str, TierUsage]  # model calls per tier, summed over the trials
    cost: float
    tier_turns: dict[str, int]  # turns per tier the router (or its override) chose
    route_labels: dict[str, int]
    engines: dict[str, int]  # task trials each engine served at least once
    mean_trial_ms: float
    mean_turn_ms: float
    slowest_turn_ms: float
    saving: Saving | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def cost_per_task(self) -> float:
        return self.cost / self.trials if self.trials else 0.0

    @property
    def cost_per_resolved(self) -> float | None:
        return self.cost / self.successes if self.successes else None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["pass_hat"] = {f"pass^{k}": value for k, value in self.pass_hat.items()}
        data["cost_per_task"] = self.cost_per_task
        data["cost_per_resolved"] = self.cost_per_resolved
        data["cost_by_tier"] = {
            tier: {
                "cost": usage.cost,
                "per_task": usage.cost / self.trials if self.trials else 0.0,
                "per_resolved": usage.cost / self.successes if self.successes else None,
            }
            for tier, usage in self.usage.items()
        }
        if self.saving is not None:
            data["saving"].update(saved=self.saving.saved, fraction=self.saving.fraction)
        return data


def summarize(
    records: Sequence[TrialRecord],
    *,
    trials: int,
    baseline: Sequence[TrialRecord] = (),
    baseline_name: str = "",
) -> Summary:
    """The run's figures; with `baseline` (an all-reasoning run), the saving on the shared trials."""
    usage: dict[str, TierUsage] = {}
    for record in records:
        for tier, calls in record.usage.items():
            total = usage.setdefault(tier, TierUsage())
            total.calls += calls.calls
            total.failed_calls += calls.failed_calls
            total.input_tokens += calls.input_tokens
            total.output_tokens += calls.output_tokens
            total.cost = round(total.cost + calls.cost, 6)
            total.latency_ms = round(total.latency_ms + calls.latency_ms, 1)
    turns = sum(record.turns for record in records)
    agent_ms = sum(record.latency_ms.get("agent", 0.0) for record in records)
    return Summary(
        tasks=len({record.task_index for record in records}),
        trials=len(records),
        successes=sum(record.success for record in records),
        max_k=trials,
        pass_hat={k: pass_hat_k(records, k) for k in range(1, trials + 1)},
        errors=sum(record.error is not None for record in records),
        ended_by=dict(Counter(record.ended_by for record in records)),
        handoffs=dict(Counter(reason for record in records for reason in record.handoffs)),
        guardrails=dict(Counter(g["verdict"] for record in records for g in record.guardrails)),
        usage=dict(sorted(usage.items(), key=lambda item: _tier_rank(item[0]))),
        cost=round(sum(record.cost for record in records), 6),
        tier_turns=_sum_counts(record.tiers for record in records),
        route_labels=_sum_counts(record.routes for record in records),
        engines=dict(Counter(engine for record in records for engine in record.engines)),
        mean_trial_ms=_mean([record.latency_ms.get("trial", 0.0) for record in records]),
        mean_turn_ms=round(agent_ms / turns, 1) if turns else 0.0,
        slowest_turn_ms=max((record.latency_ms.get("slowest_turn", 0.0) for record in records), default=0.0),
        saving=_saving(records, baseline, baseline_name) if baseline else None,
    )


def _saving(records: Sequence[TrialRecord], baseline: Sequence[TrialRecord], name: str) -> Saving:
    theirs = {record.key: record for record in baseline}
    pairs = [(record, theirs[record.key]) for record in records if record.key in theirs]
    matched = len(pairs)
    return Saving(
        baseline=name,
        matched=matched,
        routed_cost=round(sum(ours.cost for ours, _ in pairs), 6),
        baseline_cost=round(sum(base.cost for _, base in pairs), 6),
        routed_pass_1=sum(ours.success for ours, _ in pairs) / matched if matched else 0.0,
        baseline_pass_1=sum(base.success for _, base in pairs) / matched if matched else 0.0,
    )


def _sum_counts(counts: Any) -> dict[str, int]:
    total: Counter[str] = Counter()
    for count in counts:
        total.update(count)
    return dict(sorted(total.items(), key=lambda item: (_tier_rank(item[0]), item[0])))


def _tier_rank(name: str) -> int:
    return TIER_ORDER.index(name) if name in TIER_ORDER else len(TIER_ORDER)


def _mean(values: Sequence[float]) -> float:
    return round(sum(values) / len(values), 1) if values else 0.0


# -- the table ------------------------------------------------------------------------------


def _money(value: float | None) -> str:
    return "-" if value is None else f"{value:.6f}"


def _share(fraction: float, *, places: int = 0) -> str:
    return f"{fraction * 100:.{places}f}" + "%"


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} {count}" for name, count in counts.items()) or "none"


def pass_lines(summary: Summary) -> list[str]:
    """`pass^1 X/Y` (successful task trials out of all), then pass^2.. as fractions."""
    lines = [f"pass^1 {summary.successes}/{summary.trials}"]
    for k in range(2, summary.max_k + 1):
        value = summary.pass_hat.get(k)
        lines.append(f"pass^{k} " + ("-" if value is None else f"{value:.3f}"))
    return lines


def render_table(summary: Summary, *, title: str) -> str:
    """The report people read; the pass^k lines come last, on their own."""
    out = [title, ""]
    out.append(f"  engines          {_counts(summary.engines)}")
    out.append(f"  chats ended by   {_counts(summary.ended_by)}")
    out.append(f"  hand-offs        {_counts(summary.handoffs)}")
    out.append(f"  guardrails       {_counts(summary.guardrails)}")
    out.append(
        f"  latency          {summary.mean_trial_ms / 1000:.2f} s per chat, "
        f"{summary.mean_turn_ms:.0f} ms per agent turn (slowest {summary.slowest_turn_ms:.0f} ms)"
    )
    if summary.errors:
        out.append(f"  errors           {summary.errors} trial(s) raised; see `error` in the records")
    out.append("")
    header = f"  {'cost by tier':<14}{'calls':>7}{'input tok':>12}{'output tok':>12}{'cost':>12}"
    out.append(header + f"{'per task':>12}{'per resolved':>14}")
    rows = [*summary.usage.items(), ("total", _total(summary.usage))]
    for tier, usage in rows:
        per_resolved = usage.cost / summary.successes if summary.successes else None
        per_task = usage.cost / summary.trials if summary.trials else 0.0
        out.append(
            f"  {tier:<14}{usage.calls:>7}{usage.input_tokens:>12}{usage.output_tokens:>12}"
            f"{_money(usage.cost):>12}{_money(per_task):>12}{_money(per_resolved):>14}"
        )
    out.append("")
    turns = sum(summary.tier_turns.values())
    mix = ", ".join(f"{tier} {count} ({_share(count / turns)})" for tier, count in summary.tier_turns.items())
    out.append(f"  router mix       {mix or 'no turns'}")
    labels = sum(summary.route_labels.values())
    out.append(
        "  router labels    "
        + (
            ", ".join(
                f"{name} {count} ({_share(count / labels)})" for name, count in summary.route_labels.items()
            )
            or "-"
        )
    )
    saving = summary.saving
    if saving is not None:
        fraction = "-" if saving.fraction is None else _share(saving.fraction, places=1)
        per = max(saving.matched, 1)
        out.append(
            f"  vs all-reasoning {saving.matched} shared trial(s) of {saving.baseline}: cost per task "
            f"{_money(saving.baseline_cost / per)} -> {_money(saving.routed_cost / per)}, saving "
            f"{_money(saving.saved / per)} per task ({fraction}); pass^1 {saving.baseline_pass_1:.3f} -> "
            f"{saving.routed_pass_1:.3f}"
        )
    out.extend(f"  note: {note}" for note in summary.notes)
    out.append("")
    out.extend(pass_lines(summary))
    return "\n".join(out)


def _total(usage: dict[str, TierUsage]) -> TierUsage:
    total = TierUsage()
    for tier in usage.values():
        total.calls += tier.calls
        total.input_tokens += tier.input_tokens
        total.output_tokens += tier.output_tokens
        total.cost = round(total.cost + tier.cost, 6)
    return total
