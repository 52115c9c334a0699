"""Work shared with forked processes: the validator's per-file checks on a large site.

Written here rather than with concurrent.futures: its pools pickle the function and its
arguments for every task, and the function here is a closure over a validator holding a
configured Markdown converter, which cannot be pickled; a forked child inherits it as it is.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import traceback

# Files per process below which starting one costs more than it saves: a fork, and pickling a
# checked file back (measured: about 1 ms a file; checking one takes about 10 ms).
FILES_PER_PROCESS = 64


def processes_for(files: int) -> int:
    """How many processes (this one included) should share `files` files."""
    if not sys.platform.startswith("linux"):  # fork is the default start method only there
        return 1
    cores = len(os.sched_getaffinity(0))
    return max(1, min(cores, files // FILES_PER_PROCESS))


def run_shares(work, shares: list) -> list:
    """[work(share) for share in shares], the first share in this process and each other in
    a forked child, which sends its result back pickled. A child that fails or dies has its
    share done again here, so nothing is lost; a failure here is raised as usual."""
    context = multiprocessing.get_context("fork")
    children = []
    for share in shares[1:]:
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=_child, args=(work, share, send), daemon=True)
        child.start()
        send.close()
        children.append((child, receive, share))
    results = [work(shares[0])]
    for child, receive, share in children:
        try:
            ok, value = receive.recv()
        except EOFError:  # the child died without a word (killed, out of memory)
            ok, value = False, f"exit code {child.exitcode}"
        child.join()
        receive.close()
        results.append(value if ok else work(share))
    return results


def _child(work, share, send):
    try:
        result = True, work(share)
    except BaseException:  # noqa: BLE001 — reported to the parent, which does the share itself
        result = False, traceback.format_exc()
    send.send(result)
    send.close()
