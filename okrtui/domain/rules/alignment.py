"""Alignment: objectives under the objectives they support, and the cycles merges make.

One person cannot align an objective below itself (the rules refuse it), but two can:
one teammate puts X under Y while another puts Y under X, and a merge keeps both edits.
Such a cycle is reported by the merge, every objective in it stays on the alignment tree
(the cycle is cut at its smallest id, which shows as a root), and un-aligning any one of
them (`--parent ""`) ends it.
"""

from __future__ import annotations

from collections.abc import Mapping


def cycles(parents: Mapping[str, str | None]) -> list[tuple[str, ...]]:
    """Every cycle of parent links among `parents` (objective id -> parent id), each as
    its ids from the smallest on, in link order; sorted."""
    found: list[tuple[str, ...]] = []
    done: set[str] = set()
    for start in sorted(parents):
        path: list[str] = []
        on_path: dict[str, int] = {}
        node: str | None = start
        while node is not None and node in parents and node not in done:
            if node in on_path:
                loop = path[on_path[node]:]
                first = loop.index(min(loop))
                found.append(tuple(loop[first:] + loop[:first]))
                break
            on_path[node] = len(path)
            path.append(node)
            node = parents[node]
        done.update(path)
    return sorted(found)


def tree_parents(parents: Mapping[str, str | None]) -> dict[str, str | None]:
    """The parent each objective shows under on the alignment tree: its own, but None
    for a parent that is not among `parents` and for the smallest id of each cycle, so
    that every objective is reachable from a root."""
    out = {oid: (pid if pid in parents else None) for oid, pid in parents.items()}
    for loop in cycles(out):
        out[loop[0]] = None
    return out
