"""Tests of the Textual app: Pilot behaviour and snapshots."""
