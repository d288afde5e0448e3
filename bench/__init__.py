"""Benchmarks of kb: a synthetic knowledge-base generator and the benchmark runner."""
