"""Who may import whom: the project's layers, lowest first (see README, "Architecture").

A module imports only from layers below its own, and from its own package group (``layout.rows`` from
``layout.columns``); modules of one layer in different groups never import each other (readers, normalize and
nlp are independent). ``tests/test_layers.py`` walks every import, those inside functions included, and fails on
any other edge. ``CONVENIENCES`` are the lazy imports the model's ``Result`` may make for its notebook helpers
(``to_dataframe``, ``export``, ``debug_image``): allowed because what they reach depends on the model alone.
"""

from __future__ import annotations

# Each layer: the groups on it (a group is a module or a package, named without the ``extractor.`` prefix).
LAYERS: tuple[tuple[str, ...], ...] = (
    ("model", "errors", "version", "layers"),
    ("settings", "scoring"),
    ("lexicon",),
    ("shapes",),
    ("roles",),
    ("readers", "normalize", "nlp"),
    ("layout",),
    ("records", "categories", "knowledge"),
    ("pipeline",),
    ("writers",),
    ("exports", "debug"),
    ("batch",),
    ("progress", "html_report"),
    ("cli", "__init__"),
)
# (importer, imported) pairs allowed against the layers, and why.
CONVENIENCES: dict[tuple[str, str], str] = {
    ("model", "writers.frames"): "Result.to_dataframe",
    ("model", "exports"): "Result.export",
    ("model", "debug"): "Result.debug_image",
}
# Groups that never import each other, whatever their layers: the Fragment is the contract between readers
# and layout.
INDEPENDENT: frozenset[tuple[str, str]] = frozenset({("layout", "readers")})
# What the conveniences may reach, at most: the model and the packages that serve it (``settings``: the limits a
# debug picture is drawn within; it reaches the model and errors only).
CONVENIENCE_REACH = frozenset({"model", "errors", "version", "settings", "writers", "exports", "debug"})


def group_of(module: str) -> str:
    """``extractor.layout.rows`` -> ``layout``; the package itself -> ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def layer_of(module: str) -> int:
    """The layer index of a module of the package.

    Raises:
        KeyError: the module's group is on no layer (a new module must be placed in ``LAYERS``).
    """
    group = group_of(module)
    for index, groups in enumerate(LAYERS):
        if group in groups:
            return index
    raise KeyError(f"{module}: its group {group!r} is on no layer of extractor/layers.py")


def allowed(importer: str, imported: str) -> bool:
    """Whether ``importer`` may import ``imported`` (both full module names)."""
    if group_of(importer) == group_of(imported):
        return True
    short = (importer.removeprefix("extractor."), imported.removeprefix("extractor."))
    if short in CONVENIENCES:
        return True
    if (group_of(importer), group_of(imported)) in INDEPENDENT:
        return False
    return layer_of(imported) < layer_of(importer)
