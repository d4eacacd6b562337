"""How the long-running TUI process hands memory back to the system, and keeps the
garbage collector's passes short.

The TUI reads the open file (megabytes) in worker threads each time a teammate or a save
changes it. glibc's malloc serves a large block from the heap of the thread that asks for
it once a large block has been freed (its mmap threshold grows to the largest block
freed), and a heap gives back little of what is freed between live objects: each
teammate's check-in then left a few MiB more resident, about 3.5 MiB per change at team
scale. A fixed threshold keeps every large block (a file read, a table's bytes) in its
own mapping, returned whole when freed. Small objects are Python's own allocator's and
are not affected.

Start-up is also where the collector costs most for nothing: importing okrtui's TUI set
off about 130 passes (some 60 ms of a first paint of 0.8 s) that found a few hundred
objects to free, and a check-in's imports a share of them (a check-in took 0.77 times
as long with the collector held off until its imports were done, 20 pairs). The entry
point holds the collector off while it imports, and what the imports made is frozen
before it runs again.
"""

from __future__ import annotations

import gc
import sys

_paused = False

M_MMAP_THRESHOLD = -3
"""glibc's mallopt parameter (malloc.h)."""

LARGE_BLOCK = 128 * 1024
"""Blocks this large or larger get their own mapping (glibc's initial threshold)."""


def return_large_blocks() -> bool:
    """Have malloc map every large block on its own, so that freeing it gives the memory
    back; True where that was done (glibc on Linux), False elsewhere (nothing changes)."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes  # only here: the CLI never pays for it

    try:
        libc = ctypes.CDLL(None)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False  # not glibc (musl has no mallopt): its malloc is left as it is
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, LARGE_BLOCK))


def exempt_from_collection() -> None:
    """Leave every object alive now out of the cyclic garbage collector's full passes.

    The TUI starts with the modules and classes of textual, rich and pydantic and the
    workspace it read: hundreds of thousands of objects that live as long as the process.
    Each full pass of the collector walks every tracked object, and an organisation's
    first dashboard set off passes that walked them all again and again (about 0.4 s of
    its 3.5 s first load, measured; half that with them frozen). Frozen objects are still
    freed when nothing refers to them; only a cycle among them would stay, and what is
    alive at start-up is kept anyway.
    """
    gc.freeze()


def pause_collection() -> None:
    """Hold the cyclic garbage collector off while okrtui starts (the entry point calls
    this before its imports; `resume_collection` lets it run again)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collection() -> None:
    """Let the collector run again, leaving what start-up made out of its passes (as
    `exempt_from_collection`). Only undoes `pause_collection`: in a process that did not
    pause it (tests calling the CLI in-process), nothing changes and nothing is frozen."""
    global _paused
    if _paused:
        gc.freeze()
        gc.enable()
        _paused = False
