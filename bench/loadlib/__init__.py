"""The pieces of bench/load.py: the loopback model (model), the processes under test (topology),
the simulated customers (client) and the printed figures (report)."""
