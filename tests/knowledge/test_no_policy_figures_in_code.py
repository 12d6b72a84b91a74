"""No policy figure is written in code: the store's terms come from the knowledge facts (seeded
from apps/knowledge/seed/policy.json), so what admins edit is what the prompts, the tool
descriptions and the offline engine say. This scans every string in apps/ for a figure."""

import ast
import re
from pathlib import Path

import pytest

APPS = Path(__file__).resolve().parents[2] / "apps"
# Data, not code: the seed file, the demo store and migrations, which freeze past text.
EXCLUDED_PARTS = {"migrations", "seed", "tau_data"}
EXCLUDED_FILES = {"demo.py"}

_NUMBER = r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|fourteen|thirty|sixty|ninety)"
FIGURES = re.compile(
    rf"\b{_NUMBER}(?:\s*(?:-|\u2013|to)\s*{_NUMBER})?\s+(?:business\s+|working\s+|calendar\s+)?"
    r"(?:days?|weeks?|months?|hours?)\b"  # "30 days", "5 to 7 business days"
    r"|\$\s?\d"  # "$5.99"
    r"|\b\d+(?:\.\d+)?\s?%",  # "15%"
    re.IGNORECASE,
)


def _docstrings(tree: ast.AST) -> set[int]:
    # Docstrings explain code to its readers and reach no customer or model; they may give examples.
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def figures_in(source: str) -> list[tuple[int, str]]:
    """(line, figure) for every policy figure in the source's string literals and f-strings."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    return [
        (node.lineno, match.group())
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
        for match in FIGURES.finditer(node.value)
    ]


def _code_files() -> list[Path]:
    return [
        path
        for path in sorted(APPS.rglob("*.py"))
        if not EXCLUDED_PARTS.intersection(path.relative_to(APPS).parts) and path.name not in EXCLUDED_FILES
    ]


@pytest.mark.parametrize(
    "source",
    [
        'POLICY = "refunds arrive within 5 to 7\\nbusiness days"',
        'description = f"return it within 30 days, {name}"',
        'FEE = "standard shipping is $5.99"',
        'line = "a 15% restocking fee"',
        'text = ("refunds take " "five to seven business days")',
    ],
)
def test_the_scan_finds_a_written_figure(source):
    assert figures_in(source)


def test_the_scan_reads_the_code_in_apps():
    assert len(_code_files()) > 50


def test_no_policy_figure_is_written_in_code():
    # given every module of the apps but data and migrations
    found = [
        f"{path.relative_to(APPS.parent)}:{line}: {figure!r}"
        for path in _code_files()
        for line, figure in figures_in(path.read_text(encoding="utf-8"))
    ]

    # then no string in them states a figure: quote the fact instead ({return_window_days})
    assert found == [], "policy figures written in code; quote the knowledge facts instead:\n" + "\n".join(
        found
    )
