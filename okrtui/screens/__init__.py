"""The screens of the TUI, one Screen or ModalScreen per module.

`base` holds what every screen shares: the typed app, and the workers that read the
workspace and run services off the UI thread and post a message back.
"""
