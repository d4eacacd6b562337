"""The TUI's process gives back the memory of the file reads its workers free."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

# A worker thread reads a 2 MiB file forty times, keeping a few small records of each
# read, as the TUI's watch does with a teammate's saves; the script prints how many MiB
# its resident memory grew.
READS = textwrap.dedent("""
    import os, sys, threading
    from okrtui.memory import return_large_blocks
    if sys.argv[1] == "returned" and not return_large_blocks():
        print("unsupported"); raise SystemExit
    def rss():
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    blob = os.urandom(2 << 20)
    kept = []
    def work():
        for n in range(40):
            read = bytearray(blob)
            lines = bytes(read).split(b"\\x00")
            kept.append(lines[n % len(lines)][:50] + b"x" * 600)
            del read, lines
    start = rss()
    for _ in range(3):
        worker = threading.Thread(target=work)
        worker.start()
        worker.join()
    print(rss() - start)
""")


def _growth(mode: str) -> str:
    done = subprocess.run([sys.executable, "-c", READS, mode], capture_output=True,
                          text=True, check=True)
    return done.stdout.strip()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="VmRSS is Linux's")
def test_freed_file_reads_go_back_to_the_system() -> None:
    grown = _growth("returned")
    if grown == "unsupported":
        pytest.skip("this libc has no mallopt (not glibc): its malloc is left as it is")
    # 120 reads of 2 MiB: kept in the heap, they leave about 11 MiB resident here.
    assert float(grown) < 6, f"resident memory grew {grown} MiB"


# What start-up made is left out of full collections, yet freed when dropped, and what
# comes later (a cycle among new objects) is still collected.
FROZEN = textwrap.dedent("""
    import gc, weakref
    from okrtui.memory import exempt_from_collection
    class Node:
        pass
    startup = [Node() for _ in range(50_000)]
    dropped = Node()
    gone = weakref.ref(dropped)
    before = len(gc.get_objects(generation=2)) + len(gc.get_objects(generation=1))
    exempt_from_collection()
    walked = len(gc.get_objects(generation=2))
    del dropped
    later = Node(); later.me = later
    cycle = weakref.ref(later)
    del later
    gc.collect()
    print(before, walked, gone() is None, cycle() is None)
""")


def test_what_start_up_made_is_left_out_of_full_collections() -> None:
    done = subprocess.run([sys.executable, "-c", FROZEN], capture_output=True, text=True,
                          check=True)
    before, walked, freed, collected = done.stdout.split()
    assert int(before) > 50_000 and int(walked) < 1_000, (before, walked)
    assert freed == "True", "an object alive at start-up and dropped later was kept"
    assert collected == "True", "a cycle made after start-up was not collected"
