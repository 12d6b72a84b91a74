"""Fixtures for evaluation runs: no model key in the environment unless a test sets one."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command


@pytest.fixture
def no_keys(monkeypatch):
    """The CI situation: no key for any tier or for the customer's model."""
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)


@pytest.fixture
def evaluate(db, tmp_path):
    """Run `manage.py evaluate` with these options; returns (printed lines, results file as JSON)."""

    def run(*args, output=None):
        output = output or tmp_path / "results.json"
        out = io.StringIO()
        call_command("evaluate", *args, "--output", str(output), "--no-progress", stdout=out)
        return out.getvalue().splitlines(), json.loads(output.read_text())

    return run
