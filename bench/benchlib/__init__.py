"""Helpers for bench/bench.py: corpus preparation, engines, queries, measurement."""
