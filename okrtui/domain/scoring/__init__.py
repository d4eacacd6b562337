"""Scores, status words and RAG colours, and the scored views every screen and report
reads off a workspace."""
