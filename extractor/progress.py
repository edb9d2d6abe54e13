"""Progress of a batch on the terminal: a bar (files, pages, cookies, failures, rate) on a TTY, plain log
lines otherwise, and a final summary. Errors always get one line of their own on stderr."""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from extractor.batch import Outcome, Plan
from extractor.errors import display_name, printable

# Without a terminal, a log line every this many files (and for every failure).
DEFAULT_LOG_EVERY = 100


class Progress:
    """Receives each document's outcome from the batch and shows how the run goes."""

    def __init__(self, verbose: bool = False, stream: Any = None) -> None:
        self.stream = stream or sys.stderr
        self.verbose = verbose
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.started = time.perf_counter()
        self.pages = 0
        self.cookies = 0
        self.failed = 0
        self.planned: Plan | None = None
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Progress:
        if self.tty:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
            from rich.progress import Progress as Bar

            self._bar = Bar(
                TextColumn("[bold]converting"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[stats]}"),
                TimeRemainingColumn(),
                console=Console(file=self.stream),
                transient=True,
            )
            self._bar.__enter__()
            self._task = self._bar.add_task("convert", total=None, stats="")
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._bar is not None:
            self._bar.__exit__(kind, error, trace)

    def plan(self, plan: Plan) -> None:
        """Keep what the batch is about to do, for the summary."""
        self.planned = plan

    def update(self, outcome: Outcome, done: int, total: int) -> None:
        self.pages += outcome.pages or 0
        self.cookies += outcome.cookies
        if outcome.status == "failed":
            self.failed += 1
            self._print(f"error: {printable(outcome.error or display_name(outcome.name))}")
        rate = done / max(time.perf_counter() - self.started, 1e-9)
        stats = f"{self.pages} pages, {self.cookies} cookies, {self.failed} failed, {rate:.1f} files/s"
        if self._bar is not None:
            self._bar.update(self._task, total=total, completed=done, stats=stats)
        elif self.verbose:
            self._print(f"[{done}/{total}] {outcome.status}: {display_name(outcome.name)} ({outcome.cookies} cookies)")
        elif done % DEFAULT_LOG_EVERY == 0 or done == total:
            self._print(f"[{done}/{total}] {stats}")

    def _print(self, line: str) -> None:
        if self._bar is not None:
            self._bar.console.print(line, markup=False, highlight=False)
        else:
            print(line, file=self.stream, flush=True)

    def summary(self, outcomes: Sequence[Outcome], out: Path) -> list[str]:
        """The closing lines: counts by status, time, what ``--resume`` skipped and redid, inputs refused,
        slowest files, warnings by code. Files are named by ``display_name``."""
        counts = Counter(o.status for o in outcomes)
        seconds = time.perf_counter() - self.started
        lines = [
            f"{len(outcomes)} file(s), {sum(o.cookies for o in outcomes)} cookie(s), {counts['failed']} failed "
            f"({counts['ok']} ok, {counts['partial']} partial) in {seconds:.1f} s -> {display_name(out)}"
        ]
        plan = self.planned
        if plan is not None and (plan.skipped or plan.redone):
            lines.append(
                f"resume: {plan.skipped} skipped (finished before, outputs whole), {plan.redone} redone "
                "(an output missing or changed, other formats, failed before, or the input changed)"
            )
        if plan is not None and plan.refused:
            lines.append(f"refused: {plan.refused} input(s) not read (not a regular file, or an output name taken)")
        slowest = sorted(outcomes, key=lambda o: -o.seconds)[:3]
        if len(outcomes) > 1 and slowest:
            lines.append("slowest: " + ", ".join(f"{display_name(o.name)} {o.seconds:.1f} s" for o in slowest))
        codes = Counter(w["code"] for o in outcomes for w in o.warnings)
        if codes:
            lines.append("warnings: " + ", ".join(f"{code} {n}" for code, n in sorted(codes.items())))
        return lines
