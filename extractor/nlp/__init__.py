"""The purpose-text classifier: a spaCy ``textcat`` trained in this repository (scripts/train_textcat.py) and
shipped in ``extractor/nlp/model``. Nothing is downloaded: the pipeline is a blank language plus the trained
text categorizer, loaded from the installed package.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import import_module
from importlib.resources import as_file, files
from typing import TYPE_CHECKING, Any

from extractor.model import Category
from extractor.shapes import category_from_text

if TYPE_CHECKING:
    from spacy.language import Language

# Below this probability the classifier's best label is not trusted and the record stays unclassified
# (four labels: a guess at random scores 0.25).
DEFAULT_MIN_SCORE = 0.3
MODEL = "model"
# What a category known facts give the cookie adds to the classifier's probability for it.
DEFAULT_HINT_WEIGHT = 0.4


# The languages whose function words ("the", "pour", "und", "het"...) are dropped before the classifier reads a
# text: on a few thousand training texts their weights are noise, and they add up to a confident wrong answer.
STOP_LANGUAGES = ("en", "fr", "de", "es", "it", "nl", "pl")
# Words are cut to their first letters, a stemmer that works alike in every language: "statistics" and
# "statistiques", "advertising" and "advertisers" read the same ("statis", "advert").
STEM_LENGTH = 6
WORD = re.compile(r"[^\W_]+")


# The model's meta.json carries the function words it was trained without (importing spaCy's language packages
# for their lists takes seconds; reading them from the model, nothing).
META_STOP_WORDS = "extractor_stop_words"


@lru_cache(maxsize=1)
def spacy_stop_words() -> frozenset[str]:
    """The function words of ``STOP_LANGUAGES`` from spaCy's own lists, folded to lower case (for training)."""
    words: set[str] = set()
    for language in STOP_LANGUAGES:
        words |= import_module(f"spacy.lang.{language}.stop_words").STOP_WORDS
    return frozenset(w.casefold() for w in words)


def stop_words() -> frozenset[str]:
    """The function words the shipped model was trained without (none when this install has no model)."""
    nlp = load_model()
    return _meta_stop_words(nlp) if nlp is not None else frozenset()


@lru_cache(maxsize=4)
def _meta_stop_words(nlp: Language) -> frozenset[str]:
    return frozenset(nlp.meta.get(META_STOP_WORDS, ()))


def classifier_text(text: str, stop: frozenset[str] | None = None) -> str:
    """What the classifier reads of a purpose text: its words in lower case, without function words (``stop``,
    by default the model's), numbers and single letters (the "l" of "l'audience"), cut to ``STEM_LENGTH`` letters.

    The training script (scripts/train_textcat.py) prepares its texts the same way.
    """
    stop = stop_words() if stop is None else stop
    words = WORD.findall(text.casefold())
    return " ".join(w[:STEM_LENGTH] for w in words if len(w) > 1 and w not in stop and not w.isdigit())


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
    stop = _meta_stop_words(nlp)
    read = [classifier_text(t, stop) for t in texts]
    for words, hint, doc in zip(read, hinted, nlp.pipe(w or " " for w in read), strict=True):
        results.append(_best(doc.cats, hint) if words else None)
    return results


def _best(cats: dict[str, Any], hint: Category | None = None) -> Category | None:
    if max(cats.values()) < DEFAULT_MIN_SCORE and hint is None:
        return None
    scores = {label: score + (DEFAULT_HINT_WEIGHT if label == hint else 0.0) for label, score in cats.items()}
    label, _ = max(sorted(scores.items()), key=lambda item: item[1])
    return label  # type: ignore[return-value]
