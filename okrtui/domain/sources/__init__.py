"""Numbers that arrive by themselves: what a source declaration names, how a number is
read from what a source printed, and what a reading would record."""
