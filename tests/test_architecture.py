"""The import contracts in pyproject.toml hold, and they would catch the mistakes they exist for.

`make test` runs lint-imports on the tree; these tests run it on a copy of the code with one
import added, to show a contract breaks (so a contract that silently matches nothing is caught).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_copy(tmp_path: Path, *, append: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run lint-imports on a copy of the code, with `append[path]` added to the end of each file."""
    for package in ("apps", "supportagent"):
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__", "*.json*")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for relative, code in (append or {}).items():
        with (tmp_path / relative).open("a") as module:
            module.write(code)
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def hidden_import(module: str, name: str) -> str:
    """An import inside a function: invisible at import time, still a dependency."""
    return f"\n\ndef _probe():\n    from {module} import {name}\n\n    return {name}\n"


def test_the_contracts_hold_on_the_code_as_it_is(tmp_path):
    result = lint_copy(tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 4 kept, 0 broken." in result.stdout


def test_conversations_importing_the_agent_breaks_the_contracts(tmp_path):
    result = lint_copy(
        tmp_path,
        append={"apps/conversations/services.py": hidden_import("apps.agent.dispatch", "turn_enqueue")},
    )

    broken = result.stdout.split("Broken contracts")[-1]
    assert result.returncode != 0
    assert "apps.conversations.services -> apps.agent.dispatch" in broken
    assert "Layers point one way" in broken
    assert "Conversations never import the agent" in broken


@pytest.mark.parametrize(
    ("module", "target", "name"),
    [
        ("apps/commerce/services.py", "apps.knowledge.services", "price_fact_mirror"),
        ("apps/offline/engine.py", "apps.agent.loop", "run_agent"),
        ("apps/accounts/principals.py", "apps.rbac.selectors", "user_can"),
    ],
)
def test_a_lower_layer_importing_a_higher_one_breaks_the_layers(tmp_path, module, target, name):
    result = lint_copy(tmp_path, append={module: hidden_import(target, name)})

    importer = module.removesuffix(".py").replace("/", ".")
    assert result.returncode != 0
    assert f"{importer} -> {target}" in result.stdout.split("Broken contracts")[-1]


def test_a_cycle_between_modules_of_one_app_breaks_the_contracts(tmp_path):
    # apps.agent.dispatch imports apps.agent.services; the reverse makes a cycle.
    result = lint_copy(
        tmp_path, append={"apps/agent/services.py": hidden_import("apps.agent.dispatch", "turn_enqueue")}
    )

    assert result.returncode != 0
    assert "No import cycles between the modules of an app" in result.stdout.split("Broken contracts")[-1]
