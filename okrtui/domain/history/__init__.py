"""What my own actions changed, and how to reverse them: the undo journal's rules."""
