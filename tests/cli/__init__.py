"""Tests of the command line, run in-process and as real processes."""
