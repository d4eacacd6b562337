"""Tests of the layering: what a command imports, and the import contracts."""
