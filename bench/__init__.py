"""Benchmarks of cloudseal against the scanners users would pick instead; run with `python -m bench.run`."""
