"""Tests of the benchmark's structure (never its times)."""
