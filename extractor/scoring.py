"""Decisions as scored candidates: each candidate carries its evidence as named features (a value times a
weight), the best total wins, and the margin over the runner-up gives the confidence.

Used for every layout choice that has more than one reading: which role a column plays, which line is a
table's header, which reading of a table wins. Weights come from ``Settings.layout`` (``settings.py``, each
with a note on how it was chosen); ``weigh`` refuses a feature that has no weight, so none is silently zero.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

# The margin at which a choice is 73% sure (logistic of 1): about one strong feature's worth.
DEFAULT_MARGIN_SCALE = 1.0


@dataclass(frozen=True)
class Evidence:
    """One named feature of a candidate: what was measured (``value``) and how much it counts (``weight``)."""

    feature: str
    value: float
    weight: float

    @property
    def points(self) -> float:
        return self.value * self.weight

    def __str__(self) -> str:
        return f"{self.feature}={self.value:.2f}x{self.weight:+.2f}"


@dataclass(frozen=True)
class Candidate(Generic[T]):
    """A reading and the evidence for it."""

    item: T
    evidence: tuple[Evidence, ...]

    @property
    def score(self) -> float:
        return sum(e.points for e in self.evidence)

    def explain(self) -> str:
        """ "2.35 (name_shape=0.90x+2.00, header_word=1.00x+0.50)": the features that counted, largest first."""
        counted = sorted((e for e in self.evidence if e.points), key=lambda e: -abs(e.points))
        return f"{self.score:.2f} (" + ", ".join(str(e) for e in counted) + ")"


@dataclass(frozen=True)
class Choice(Generic[T]):
    """The best candidate, the runner-up, and how sure the choice is."""

    best: Candidate[T]
    runner_up: Candidate[T] | None

    @property
    def margin(self) -> float:
        return self.best.score - self.runner_up.score if self.runner_up is not None else math.inf

    @property
    def confidence(self) -> float:
        """0.5 for a tie, towards 1 as the margin grows (logistic of the margin)."""
        if self.runner_up is None:
            return 1.0
        return 1.0 / (1.0 + math.exp(-self.margin / DEFAULT_MARGIN_SCALE))


def weigh(item: T, values: Mapping[str, float], weights: Mapping[str, float]) -> Candidate[T]:
    """A candidate from its feature values and the weights of those features.

    Raises:
        KeyError: a feature has no weight (every feature must be weighed, see ``Settings.layout``).
    """
    missing = sorted(set(values) - set(weights))
    if missing:
        raise KeyError(f"no weight for feature(s) {missing}; add them to Settings.layout")
    return Candidate(item, tuple(Evidence(name, float(values[name]), weights[name]) for name in values))


def choose(candidates: Iterable[Candidate[T]]) -> Choice[T] | None:
    """The best candidate and the runner-up (``None`` without candidates). Ties go to the earlier candidate,
    so a choice is deterministic."""
    ranked = sorted(enumerate(candidates), key=lambda pair: (-pair[1].score, pair[0]))
    if not ranked:
        return None
    return Choice(ranked[0][1], ranked[1][1] if len(ranked) > 1 else None)
