"""Tests of the store: the file, its layout, crashes, concurrency, backups, migrations."""
