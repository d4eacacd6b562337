"""Errors about the workspace file itself, each one line that names the file."""

from __future__ import annotations

from okrtui.domain.records.errors import OkrError


class StoreError(OkrError):
    """The workspace file cannot be read or written as asked."""


class WorkspaceFileError(StoreError):
    """The file exists but is not a workspace okrtui can read (never treated as empty)."""


class SyncInProgress(StoreError):
    """The file vanished or emptied after a good version existed: a sync tool is mid-write."""


class WorkspaceLocked(StoreError):
    """Another okrtui held the lock for longer than we wait."""


class ReadOnlyWorkspace(StoreError):
    """The file was written by a newer okrtui; this one only reads it."""


class SaveFailed(StoreError, OSError):
    """The operating system refused the save (a full disk, a read-only folder): nothing
    was written. Also an OSError, for callers that treat any OS refusal alike."""
