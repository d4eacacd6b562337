"""okrtui serve: the TUI in a real web browser."""
