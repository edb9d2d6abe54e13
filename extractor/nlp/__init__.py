"""The purpose-text classifier: a spaCy ``textcat`` trained in this repository (scripts/train_textcat.py) and
shipped in ``extractor/nlp/model``. Nothing is downloaded: the pipeline is a blank language plus the trained
text categorizer, loaded from the installed package.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib.resources import as_file, files
from typing import TYPE_CHECKING, Any

from extractor.model import Category
from extractor.normalize.categories import category_from_text

if TYPE_CHECKING:
    from spacy.language import Language

# Below this probability the classifier's best label is not trusted and the record stays unclassified
# (four labels: a guess at random scores 0.25).
DEFAULT_MIN_SCORE = 0.3
MODEL = "model"
# What a category known facts give the cookie adds to the classifier's probability for it.
DEFAULT_HINT_WEIGHT = 0.4


@lru_cache(maxsize=1)
def load_model() -> Language | None:
    """The trained pipeline shipped in the package, or ``None`` when this install has none."""
    import spacy

    resource = files("extractor.nlp").joinpath(MODEL)
    if not resource.joinpath("meta.json").is_file():
        return None
    with as_file(resource) as path:
        nlp: Language = spacy.load(path)
    return nlp


def classify(texts: Sequence[str], hints: Sequence[Category | None] | None = None) -> list[Category | None]:
    """The category each purpose text most likely describes (``None`` for an empty or doubtful text).

    Uses the trained classifier; without one, the category keywords the text names. ``hints`` (one per
    text, or ``None``) are categories known facts give the cookie: such a category gains
    ``DEFAULT_HINT_WEIGHT`` of probability, so that it decides between readings the text leaves close.
    """
    if not texts:
        return []
    nlp = load_model()
    if nlp is None:
        return [category_from_text(text) for text in texts]
    hinted = list(hints) if hints is not None else [None] * len(texts)
    results: list[Category | None] = []
    for text, hint, doc in zip(texts, hinted, nlp.pipe(t or " " for t in texts), strict=True):
        results.append(_best(doc.cats, hint) if text.strip() else None)
    return results


def _best(cats: dict[str, Any], hint: Category | None = None) -> Category | None:
    if max(cats.values()) < DEFAULT_MIN_SCORE and hint is None:
        return None
    scores = {label: score + (DEFAULT_HINT_WEIGHT if label == hint else 0.0) for label, score in cats.items()}
    label, _ = max(sorted(scores.items()), key=lambda item: item[1])
    return label  # type: ignore[return-value]
