"""The vocabulary of a workspace: records as pydantic models, the workspace aggregate over
a file's raw tables, periods, errors, and the safe handling of text and numbers."""
