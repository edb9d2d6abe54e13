"""A work budget for one document's costly layout readings (``Settings.max_layout_work``).

Some readings cost more than linear time in the length of a line: a glued row is cut by dynamic programming over
every pair of candidate cuts, each cell read whole. On a policy they cost little; on a hostile or accidental
input (a 4 KB line with no line breaks) they would run for minutes. The
readers spend from the budget in force, in characters looked at, and give up a reading when it runs out; the
pipeline then marks the document ``partial`` with a ``budget-exceeded`` warning. Counting work instead of
seconds keeps the outcome the same on every machine.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass
class Budget:
    """Work allowed and work spent (characters looked at) for one document."""

    limit: int
    spent: int = 0

    @property
    def exhausted(self) -> bool:
        return self.spent > self.limit

    def spend(self, work: int) -> bool:
        """Take ``work`` from the budget; ``False`` when it is (now) spent and the reading must stop."""
        self.spent += work
        return self.spent <= self.limit


_BUDGET: ContextVar[Budget | None] = ContextVar("layout_budget", default=None)


@contextmanager
def work_budget(limit: int) -> Iterator[Budget]:
    """The budget in force for the layout work inside the ``with`` block."""
    budget = Budget(limit)
    token = _BUDGET.set(budget)
    try:
        yield budget
    finally:
        _BUDGET.reset(token)


def spend(work: int) -> bool:
    """Take ``work`` from the budget in force (none in force: unbounded); ``False`` once it is spent."""
    budget = _BUDGET.get()
    return budget is None or budget.spend(work)
