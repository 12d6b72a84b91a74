"""End-to-end evaluation: simulated customers chat with the agent on tau-bench retail tasks."""
