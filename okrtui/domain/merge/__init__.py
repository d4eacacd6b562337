"""Merging versions of a workspace's raw tables (sync conflict copies, git branches): the
merge itself, its base, its checks, and its decisions told as sentences."""
