"""Keys typed in a burst reach the screen they were typed for, in order.

A person who types `enter c` on the dashboard means "open this objective, then check in";
`c 5 tab backspace 9` means "open the form, type 5, fix the confidence to 9". Textual
hands each key to the focused widget the moment it arrives, without waiting for what the
key before it set off: a screen pushed by a message, a form whose fields take the focus
when mounted, a screen whose data is still being read. Typed quickly (a paste, SSH over a
slow link), keys land on the screen being left, or on one that cannot take them yet, and
are lost or go where they were not meant to.

The gate gives a burst what a slow typist gets. A key goes through only when the app has
handled everything the key before it set off (no message or callback waiting anywhere on
the screen stack) and the screen on top is ready for keys (a workspace screen once it has
its first view; a form whose keys are typed on a record's values, the check-in
correction, once it has read them: see `ready`). Until then keys wait in order, and a
worker lets them through one at a time. Store reads and saves in workers are not waited
for, so typing into a form of a new record never waits for the disk; a screen that never
becomes ready gets its keys after `MAX_WAIT` seconds all the same. The app's own priority
keys (quit) are never held.
"""

from __future__ import annotations

import asyncio
from collections import deque
from typing import Any

from textual import events
from textual.app import App
from textual.message_pump import MessagePump
from textual.worker import Worker, WorkerState

from okrtui.screens.base import OkrScreen

MAX_WAIT = 5.0
"""Seconds a key waits for a screen that does not become ready, before it goes through."""

KEYS = "keys"
"""The worker group of the gate's worker."""

LOADING = "load"
"""The worker group in which a screen reads the workspace (`OkrScreen.read_workspace`)."""


def in_hand(node: MessagePump) -> bool:
    """Whether `node`'s message loop is at work now rather than waiting for its next
    message: handling one, mounting, or running callbacks it took off its lists (a
    screen's `call_after_refresh` callbacks run one by one from a copy, so no list
    shows the one still to come while an earlier one waits)."""
    task = node._task
    if task is None or task.done() or node._closed or node._closing:
        return False
    # A loop that waits for a message waits in its queue's get(), on the queue's event
    # (Textual 8's own small queue): the event then has a waiter.
    event = getattr(node._message_queue, "ready_event", None)
    waiters = getattr(event, "_waiters", None)
    return waiters is not None and not waiters


def busy(app: App[Any], *, in_a_key: bool = False) -> bool:
    """Whether the app or a screen on its stack has work still in hand: a message or a
    callback to handle, or a loop at work (what a key set off, a screen being pushed, a
    form being mounted, a screen that opens another once it has drawn). `in_a_key`: asked
    by the app while it handles a key, the one loop whose work is that key."""
    if app.message_queue_size or app._next_callbacks or (not in_a_key and in_hand(app)):
        return True
    for screen in app.screen_stack:
        if screen._callbacks:
            return True
        for node in screen.walk_children(with_self=True):
            if node.message_queue_size or node._next_callbacks or in_hand(node):
                return True
    return False


def ready(app: App[Any]) -> bool:
    """Whether the screen on top takes keys now: any screen but one still reading what it
    needs first (`OkrScreen.takes_keys`: a workspace screen's first view, before which `c`
    or `enter` has nothing to act on; a correction form's record, whose values the keys
    are typed on). A read that failed has ended too: help, back and quit still mean
    something."""
    screen = app.screen
    if not isinstance(screen, OkrScreen) or screen.takes_keys():
        return True
    return not any(worker.node is screen and worker.group == LOADING
                   and worker.state in (WorkerState.PENDING, WorkerState.RUNNING)
                   for worker in app.workers)


class KeyGate:
    """Holds the keys typed while the app is still busy with the one before; lets them
    through one by one, in order, as the app gets to them."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.waiting: deque[events.Key] = deque()
        self._released: set[int] = set()
        self._worker: Worker[None] | None = None

    def hold(self, event: events.Key) -> bool:
        """Whether `event` (a key as it arrives from the terminal) must wait: it is then
        kept, and goes through later. False: handle it now."""
        if event.is_forwarded:
            return False
        if id(event) in self._released:
            self._released.discard(id(event))
            return False
        if not self.waiting and (self._priority(event.key) or self._clear(in_a_key=True)):
            return False
        self.waiting.append(event)
        if self._worker is None or self._worker.is_finished:
            self._worker = self.app.run_worker(self._release(), group=KEYS,
                                               exit_on_error=False)
        return True

    def _clear(self, *, in_a_key: bool = False) -> bool:
        return not busy(self.app, in_a_key=in_a_key) and ready(self.app)

    def _priority(self, key: str) -> bool:
        """The app's own priority keys (quit) act at once, whatever is waiting; a screen's
        priority key (enter saves) waits its turn like any other."""
        return any(binding.priority for binding in
                   self.app._bindings.key_to_bindings.get(key, ()))

    async def _release(self) -> None:
        loop = asyncio.get_running_loop()
        while self.waiting:
            deadline = loop.time() + MAX_WAIT
            rounds = 0
            while not self._clear() and loop.time() < deadline:
                rounds += 1
                # Most waits are a few rounds of the event loop; a screen reading its data
                # takes longer, and is not worth spinning for.
                await asyncio.sleep(0 if rounds < 50 else 0.01)
            held = self.waiting.popleft()
            key = events.Key(held.key, held.character)
            self._released.add(id(key))
            self.app.post_message(key)
            await asyncio.sleep(0)
