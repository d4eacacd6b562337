"""Safe JSON storage for workspaces: the only package that imports tinydb."""

from okrtui.store.errors import (
    ReadOnlyWorkspace,
    StoreError,
    SyncInProgress,
    WorkspaceFileError,
    WorkspaceLocked,
)
from okrtui.store.store import Store

__all__ = [
    "ReadOnlyWorkspace",
    "Store",
    "StoreError",
    "SyncInProgress",
    "WorkspaceFileError",
    "WorkspaceLocked",
]
