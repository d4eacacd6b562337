"""The pure domain layer: pydantic models and OKR rules.

Nothing here touches files, the clock, TinyDB or Textual; "today" is always passed in.
"""
