"""Benchmarks (`make bench`): timings and ratios printed as a table; never asserted in tests."""
