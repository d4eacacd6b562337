"""What the tests share: a fixed clock, builders, TUI and merge helpers, workers."""
