"""Tests of the domain: models, rules, periods, scoring, merges (no files but tmp ones)."""
