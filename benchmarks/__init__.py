"""Benchmarks of the generated models and the generator against their peers."""
