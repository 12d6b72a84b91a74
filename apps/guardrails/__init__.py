"""Guardrails: every answer, whoever wrote it (the agent, the offline engine, a supervisor's
assist), is checked against the facts and the turn's tool calls before it is stored or sent;
every customer message is inspected for attempts to instruct the agent.

    evidence = evidence_for_turn(conversation_id, observations, actions)   # turn.py
    verdict = guard_answer(answer, evidence)   # check.py: pass | repair | block
    audit_guard_decision(verdict, stream=..., actor=...)
"""
