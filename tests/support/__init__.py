"""Test doubles shared across the test suite (not tests themselves)."""
