"""Parse pages on every core, each page within a CPU-time and a memory budget.

``parse_stream`` takes tagged pages (any tag the caller wants back, e.g. the index of the file)
and yields ``(tag, ParsedDocument | Rejection)`` in exactly the input order, whatever the
number of workers, so a pool build equals a one-worker build row for row.

- ``workers <= 1``: pages are parsed in this process (tests, debugging). The CPU budget holds
  when this is the main thread (a ``SIGPROF`` timer); the memory limit is not applied, since it
  would limit the caller too.
- ``workers > 1``: a small build (at most ``IN_PROCESS_PAGES`` pages, none over
  ``IN_PROCESS_PAGE_CHARS`` characters) is parsed in this process as above: starting worker
  processes (each imports the parser) costs more than parsing a few pages. Otherwise a pool of
  ``spawn``-ed processes, one page in flight per worker. Each worker
  caps its own address space (``RLIMIT_AS``), so a page that needs too much memory fails with
  ``MemoryError`` in that worker only, and arms a ``SIGPROF`` timer of the CPU budget for every
  page. A worker stuck in C code (no Python bytecode runs, so the signal never fires) or that
  dies is killed by the parent once its CPU time since the page began passes the budget plus a
  grace, and replaced; that page is rejected and the rest goes on.
- Pages that are plainly not films (a redirect, another namespace, no film infobox in the
  raw text: most of a dump) are rejected by ``without_parse`` before any parse and never sent
  to a worker (nor parsed by the worker that reads their batch), with the reason ``parse_page``
  would give.
- Pages stream: at most ``IN_FLIGHT_PER_WORKER × workers`` pages to parse are held (in a worker
  or parsed and waiting for their turn), so a dump's texts are never all in memory. Rejections
  that pass through (most pages of a dump) do not count against that window, or the workers
  would starve between two film pages; at most ``HELD_ITEMS`` items wait in all.
- ``convert``: a function (picklable, e.g. a module-level one) applied to each parse result where
  it was parsed, in the worker: the caller gets what it stores (a shard row) instead of the
  parsed objects, so the parent neither unpickles nor encodes them.
- A ``Batch`` in the stream (e.g. one unit of a multistream dump) is many pages a worker reads
  itself: its result is the list ``[(tag, result)]`` of its pages, in order, each page filtered
  and parsed as above and ``convert`` applied to every result (rejections without a parse too).
  The parent then never reads those pages. The CPU budget holds per page: the worker marks
  when each page's parse begins, and the parent measures from that mark. A batch whose worker
  dies or is killed is read again page by page in a pool of its own, so only the page at fault
  is rejected and the rows are the same.
"""

from __future__ import annotations

import abc
import itertools
import multiprocessing
import os
import resource
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from etl.lib.pipeline.documents import ParsedDocument, accolades_list_film, parse_page, reason_without_parse
from etl.lib.pipeline.intake import WIKI_KINDS, Page, Rejection

Result = ParsedDocument | Rejection
IN_FLIGHT_PER_WORKER = 4
HELD_ITEMS = 4096  # items (mostly pass-through rejections) waiting for their turn, at most
IN_PROCESS_PAGES = 8  # a build of at most this many pages needs no pool
IN_PROCESS_PAGE_CHARS = 512 * 1024  # a longer page goes to a worker and its memory cap
GRACE_SECONDS = 5.0  # CPU seconds past the budget before the parent kills a worker
_POLL_SECONDS = 0.5
_EXIT_MEMORY = 3  # a worker's exit code when a page it was sent does not fit in its memory


@dataclass(frozen=True)
class Budget:
    """Limits for one document: CPU seconds, and the address space of one worker process."""

    cpu_seconds: float = 20.0
    memory_bytes: int | None = 1024**3


DEFAULT_BUDGET = Budget()


class _OverBudget(BaseException):
    """Raised by the CPU timer; a BaseException so no parser's ``except Exception`` eats it."""


class _Timer:
    """The SIGPROF handler of one parse; it remembers that it fired, because an exception raised
    inside C code (mwparserfromhell's tokenizer) may come back as another error."""

    def __init__(self) -> None:
        self.fired = False

    def __call__(self, signum, frame):
        self.fired = True
        raise _OverBudget


def cpu_reason(budget: Budget) -> str:
    return f"over the CPU-time budget of {budget.cpu_seconds:g} s per document"


def memory_reason(budget: Budget) -> str:
    limit = f" of {budget.memory_bytes // 1024**2} MiB" if budget.memory_bytes else ""
    return f"over the memory budget{limit} per document"


class Batch(abc.ABC):
    """Pages a worker reads for itself (picklable: it travels to the worker, not its pages)."""

    @abc.abstractmethod
    def read(self) -> Iterator[tuple[Any, Page | Rejection]]:
        """``(tag, page or rejection)`` of every document of the batch, in order."""


def run_batch(batch: Batch, budget: Budget, convert: Callable[[Result], Any] | None, mark=None) -> list:
    """Every result of ``batch``, in order, as a worker (or this process) computes it: pages that
    are plainly not films rejected without a parse, the others parsed within ``budget``, and
    ``convert`` applied to every result. ``mark`` (a shared double) gets the CPU time at which
    each parse begins."""
    out = []
    for tag, item in batch.read():
        if isinstance(item, Page):
            item = without_parse(item) or item
        if isinstance(item, Page):
            if mark is not None:
                mark.value = time.process_time()
            item = parse_within(item, budget)
        out.append((tag, item if convert is None else convert(item)))
    return out


def _reject(page: Page, reason: str) -> Rejection:
    return Rejection(page.source.path, page.source.sha256, reason, page.kind, page.title)


def parse_within(page: Page, budget: Budget) -> Result:
    """``parse_page`` under the CPU timer (when it can be armed: main thread only)."""
    timed = threading.current_thread() is threading.main_thread() and budget.cpu_seconds > 0
    timer = _Timer()
    previous = signal.signal(signal.SIGPROF, timer) if timed else None
    try:
        if timed:
            signal.setitimer(signal.ITIMER_PROF, budget.cpu_seconds)
        result = parse_page(page)
        if timer.fired:  # the budget ran out, whatever error the parser turned it into
            return _reject(page, cpu_reason(budget))
        if isinstance(result, Rejection) and "MemoryError" in result.reason:
            return _reject(page, memory_reason(budget))
        return result
    except _OverBudget:
        return _reject(page, cpu_reason(budget))
    except MemoryError:
        return _reject(page, memory_reason(budget))
    finally:
        if timed:
            _disarm(previous)


def _disarm(previous) -> None:
    try:
        signal.setitimer(signal.ITIMER_PROF, 0)
    except _OverBudget:  # the timer fired between the parse's end and this line: too late to count
        signal.setitimer(signal.ITIMER_PROF, 0)
    signal.signal(signal.SIGPROF, previous)


def _serve(conn: Connection, budget: Budget, convert: Callable[[Result], Any] | None, mark) -> None:
    """A worker: parse each page (or batch) received until told to stop (``None``)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when workers stop
    if budget.memory_bytes:
        resource.setrlimit(resource.RLIMIT_AS, (budget.memory_bytes, budget.memory_bytes))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        except MemoryError:  # the page itself does not fit: the parent rejects it
            os._exit(_EXIT_MEMORY)
        if task is None:
            return
        seq, page = task
        if isinstance(page, Batch):
            try:
                conn.send((seq, run_batch(page, budget, convert, mark)))
            except MemoryError:  # the parent reads the batch again, page by page
                os._exit(_EXIT_MEMORY)
            continue
        result = parse_within(page, budget)
        try:
            conn.send((seq, result if convert is None else convert(result)))
        except MemoryError:
            failed = _reject(page, memory_reason(budget))
            conn.send((seq, failed if convert is None else convert(failed)))


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of a process (Linux ``/proc``); None when unreadable."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


class _Worker:
    def __init__(self, ctx, budget: Budget, convert: Callable[[Result], Any] | None):
        self.conn, child = ctx.Pipe()
        self.mark = ctx.RawValue("d", 0.0)  # the worker's CPU time when its current parse began
        self.process = ctx.Process(target=_serve, args=(child, budget, convert, self.mark), daemon=True)
        self.process.start()
        child.close()
        self.task: tuple[int, Page | Batch] | None = None
        self.started_cpu: float | None = None
        self.started_wall = 0.0

    def give(self, seq: int, page: Page | Batch) -> None:
        self.task = (seq, page)
        self.started_cpu = _cpu_seconds(self.process.pid)
        self.started_wall = time.monotonic()
        try:
            self.conn.send(self.task)
        except OSError:
            pass  # the worker ended while receiving (a page too big for it): its exit tells why

    def overran(self, budget: Budget) -> bool:
        limit = budget.cpu_seconds + GRACE_SECONDS
        now = _cpu_seconds(self.process.pid)
        if now is not None and self.started_cpu is not None:
            return now - max(self.started_cpu, self.mark.value) > limit
        return time.monotonic() - self.started_wall > 10 * limit  # no /proc: wall time, generously

    def stop(self, kill: bool = False) -> None:
        if not kill:
            try:
                self.conn.send(None)
            except OSError:
                kill = True
        if not kill:
            self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def _ended_reason(w: _Worker, budget: Budget) -> str:
    w.process.join(timeout=1)
    if w.process.exitcode == _EXIT_MEMORY:
        return memory_reason(budget)
    return f"the parser process ended while reading this document (exit code {w.process.exitcode})"


def parse_stream(
    items: Iterable[tuple[Any, Page | Rejection]],
    *,
    workers: int = 1,
    budget: Budget = Budget(),
    in_process_pages: int = IN_PROCESS_PAGES,
    convert: Callable[[Result], Any] | None = None,
) -> Iterator[tuple[Any, Any]]:
    """Every tagged page parsed (rejections from intake pass through), in input order.
    ``in_process_pages``: the most pages a build may have to be parsed without a pool.
    ``convert``: applied to the result of every page parsed (not to pass-through rejections)."""
    source = (
        (tag, item if not isinstance(item, Page) else without_parse(item) or item) for tag, item in items
    )
    if workers > 1 and not multiprocessing.current_process().daemon:  # a daemon may have no children
        ahead, small = _read_ahead(source, in_process_pages)
        if not small:
            yield from _in_pool(itertools.chain(ahead, source), workers, budget, convert)
            return
        source = iter(ahead)
    for tag, item in source:
        if isinstance(item, Rejection):
            yield tag, item
        elif isinstance(item, Batch):
            yield tag, run_batch(item, budget, convert)
        else:
            result = parse_within(item, budget)
            yield tag, result if convert is None else convert(result)


def without_parse(page: Page) -> Rejection | None:
    """The rejection of a wiki page that is plainly not a film, told from its raw text with no
    parse (the reason ``parse_page`` gives it); None when the page must be parsed to tell."""
    if page.kind not in WIKI_KINDS or accolades_list_film(page) is not None:
        return None
    reason = reason_without_parse(page)
    return _reject(page, reason) if reason is not None else None


def _read_ahead(source: Iterator[tuple[Any, Page | Rejection | Batch]], most: int) -> tuple[list, bool]:
    """The items read from ``source`` and whether they are the whole build, small enough for
    this process: it stops at the first page past ``most`` pages or over ``IN_PROCESS_PAGE_CHARS``,
    or at the first batch (its pages are unknown until read)."""
    ahead: list[tuple[Any, Page | Rejection | Batch]] = []
    pages = 0
    for tag, item in source:
        ahead.append((tag, item))
        if isinstance(item, Batch):
            return ahead, False
        if isinstance(item, Page):
            pages += 1
            if pages > most or len(item.text) > IN_PROCESS_PAGE_CHARS:
                return ahead, False
    return ahead, True


def _in_pool(
    source: Iterator[tuple[Any, Page | Rejection | Batch]],
    workers: int,
    budget: Budget,
    convert: Callable[[Result], Any] | None,
) -> Iterator[tuple[Any, Any]]:
    ctx = multiprocessing.get_context("spawn")
    pool = [_Worker(ctx, budget, convert) for _ in range(workers)]
    window = IN_FLIGHT_PER_WORKER * workers
    tags: dict[int, Any] = {}
    done: dict[int, Any] = {}
    parsed: set[int] = set()  # sequence numbers of pages to parse, given out and not yet yielded
    next_seq = out_seq = 0
    exhausted = False

    def fail(page: Page | Batch, reason: str) -> Any:
        if isinstance(page, Batch):
            return _batch_apart(page, workers, budget, convert)
        rejection = _reject(page, reason)
        return rejection if convert is None else convert(rejection)

    try:
        while True:
            idle = [w for w in pool if w.task is None]
            while idle and not exhausted and len(parsed) < window and next_seq < out_seq + HELD_ITEMS:
                try:
                    tag, item = next(source)
                except StopIteration:
                    exhausted = True
                    break
                tags[next_seq] = tag
                if isinstance(item, Rejection):
                    done[next_seq] = item
                else:
                    parsed.add(next_seq)
                    idle.pop().give(next_seq, item)
                next_seq += 1
            while out_seq in done:
                parsed.discard(out_seq)
                yield tags.pop(out_seq), done.pop(out_seq)
                out_seq += 1
            busy = [w for w in pool if w.task is not None]
            if not busy:
                if exhausted:
                    return
                continue
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=_POLL_SECONDS)
            for w in busy:
                assert w.task is not None  # busy workers hold a task
                seq, page = w.task
                if w.conn in ready:
                    try:
                        got_seq, result = w.conn.recv()
                        if got_seq == seq:
                            done[seq], w.task = result, None
                            continue
                    except (EOFError, OSError):
                        pass
                    reason = _ended_reason(w, budget)
                elif w.process.sentinel in ready:
                    reason = _ended_reason(w, budget)
                elif w.overran(budget):
                    reason = cpu_reason(budget)
                else:
                    continue
                w.stop(kill=True)
                pool[pool.index(w)] = _Worker(ctx, budget, convert)
                done[seq] = fail(page, reason)
    finally:
        for w in pool:
            w.stop(kill=w.task is not None)


def _batch_apart(batch: Batch, workers: int, budget: Budget, convert: Callable[[Result], Any] | None) -> list:
    """A batch whose worker died or was killed, read here and parsed page by page in a pool of its
    own: the page at fault is rejected for its reason, the others give their usual results."""
    out = []
    for tag, result in parse_stream(
        batch.read(), workers=max(2, workers), budget=budget, in_process_pages=0, convert=convert
    ):
        if isinstance(result, Rejection) and convert is not None:  # passed through, not converted yet
            result = convert(result)
        out.append((tag, result))
    return out


def over_budget(rejection: Rejection | str) -> bool:
    """Whether a page was rejected for its CPU-time or memory budget (a rejection or its reason)."""
    reason = rejection if isinstance(rejection, str) else rejection.reason
    return reason.startswith("over the ") and "budget" in reason
