"""Policy terms stated in Spanish, French and German: a gift card that runs out, and support
hours other than Monday to Saturday, 8:00-20:00 Eastern.

Worded unlike the probes the rules were written from: other verbs, other layouts of days and hours."""

from __future__ import annotations

import pytest

from apps.guardrails.check import guard_answer
from apps.guardrails.evidence import Evidence


def _failed_keys(snapshot, answer: str) -> set[str]:
    verdict = guard_answer(answer, Evidence(knowledge=snapshot))
    return {
        key
        for claim in verdict.failed
        for key in ("gift-card-expiry", "support-hours")
        if key in claim.evidence
    }


@pytest.mark.parametrize(
    "answer",
    [
        "Tenga en cuenta que el saldo de su tarjeta regalo vence al cabo de un año.",
        "Votre carte cadeau est valable 12 mois à partir de l'achat.",
        "Ihr Geschenkgutschein ist drei Jahre gültig, danach läuft er ab.",
    ],
)
def test_a_gift_card_said_to_run_out_contradicts_the_expiry_fact(snapshot, answer):
    assert "gift-card-expiry" in _failed_keys(snapshot, answer)


@pytest.mark.parametrize(
    "answer",
    [
        "Las tarjetas regalo no tienen fecha de caducidad.",
        "Les cartes cadeaux n'expirent jamais, vous pouvez les utiliser quand vous voulez.",
        "Ein Geschenkgutschein ist unbegrenzt gültig.",
    ],
)
def test_a_gift_card_that_never_runs_out_passes(snapshot, answer):
    assert "gift-card-expiry" not in _failed_keys(snapshot, answer)


@pytest.mark.parametrize(
    "answer",
    [
        "Nuestro equipo de soporte atiende de lunes a viernes, de 8:00 a 20:00.",
        "Le service client répond du lundi au samedi de 9h à 18h.",
        "Unser Kundenservice ist rund um die Uhr für Sie da.",
        "Das Team ist Mo-Fr von 8 bis 20 Uhr erreichbar.",
    ],
)
def test_other_support_hours_contradict_the_fact(snapshot, answer):
    assert "support-hours" in _failed_keys(snapshot, answer)


@pytest.mark.parametrize(
    "answer",
    [
        "Nuestro equipo de soporte atiende de lunes a sábado, de 8:00 a 20:00 (hora del Este).",
        "Le service client répond du lundi au samedi de 8h à 20h.",
        "Das Team ist Mo-Sa von 8 bis 20 Uhr erreichbar; sonntags ist niemand da.",
        "Nuestro equipo tarda de 5 a 7 días hábiles en procesar el reembolso.",  # no hours
    ],
)
def test_the_facts_hours_and_other_spans_pass(snapshot, answer):
    assert "support-hours" not in _failed_keys(snapshot, answer)
