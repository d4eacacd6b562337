"""Reusable widgets of the TUI: score bars, status labels, tables, charts, forms.

Modules here may import textual (only app.py, screens/ and widgets/ may). `format` is
plain Python so that its helpers can be tested without a terminal.
"""
