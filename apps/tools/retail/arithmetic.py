"""Exact arithmetic for the `calculate` tool, without eval: a tiny parser over Python's ast."""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable
from decimal import ROUND_HALF_EVEN, Decimal, DivisionByZero, InvalidOperation

from apps.core.errors import InvalidRequest

_ALLOWED = set("0123456789+-*/(). ")
_BINARY: dict[type, Callable[[Decimal, Decimal], Decimal]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}
_MAX_DEPTH = 50


def _evaluate(node: ast.AST, depth: int = 0) -> Decimal:
    if depth > _MAX_DEPTH:
        raise InvalidRequest("The expression is nested too deeply.")
    if isinstance(node, ast.Expression):
        return _evaluate(node.body, depth + 1)
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return Decimal(str(node.value))
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        return _BINARY[type(node.op)](_evaluate(node.left, depth + 1), _evaluate(node.right, depth + 1))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        value = _evaluate(node.operand, depth + 1)
        return -value if isinstance(node.op, ast.USub) else value
    raise InvalidRequest("Only numbers, + - * /, parentheses and spaces are allowed.")


def calculate(expression: str) -> str:
    """The value of `expression`, rounded to two decimals, as text (e.g. '536.65')."""
    if not expression.strip() or not set(expression) <= _ALLOWED:
        raise InvalidRequest("Only numbers, + - * /, parentheses and spaces are allowed.")
    if "**" in expression or "//" in expression:
        raise InvalidRequest("Only + - * / are allowed; no powers or floor division.")
    try:
        tree = ast.parse(expression, mode="eval")
        value = _evaluate(tree)
    except SyntaxError as exc:
        raise InvalidRequest(f"The expression is not well formed: {exc.msg}.") from exc
    except (ZeroDivisionError, DivisionByZero, InvalidOperation) as exc:
        raise InvalidRequest("The expression divides by zero.") from exc
    return str(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN))
