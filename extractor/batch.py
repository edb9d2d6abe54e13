"""Many documents: find inputs, extract each, write per-document outputs, the inventory and the report.

A file that fails is reported, never fatal: every other file's outputs are still written.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from extractor.errors import ConfigError, ExtractorError
from extractor.model import Result
from extractor.pipeline import extract
from extractor.settings import Settings
from extractor.version import __version__
from extractor.writers.csv import csv_rows, render_csv
from extractor.writers.json import atomic_write, dumps, write_json

if TYPE_CHECKING:
    import pandas

log = logging.getLogger(__name__)

FORMATS = ("json", "csv")
# Files never taken as inputs when a folder is searched: our own outputs and hidden files.
SKIPPED_SUFFIXES = (".json", ".csv")


@dataclass(frozen=True)
class Job:
    """One input and the name its outputs take under the output folder (``a/b.txt``)."""

    path: Path
    name: str


def find_inputs(inputs: Sequence[str | Path]) -> list[Job]:
    """Files given directly keep their file name; files under a folder keep their path below it.

    Raises:
        ConfigError: an input does not exist.
    """
    jobs: list[Job] = []
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.is_file() or p.is_symlink()):
                relative = found.relative_to(path)
                if any(part.startswith(".") for part in relative.parts) or found.suffix in SKIPPED_SUFFIXES:
                    continue
                jobs.append(Job(found, relative.as_posix()))
        elif path.exists() or path.is_symlink():
            jobs.append(Job(path, path.name))
        else:
            raise ConfigError(f"{given}: no such file or folder")
    return jobs


def iter_results(jobs: Iterable[Job], settings: Settings) -> Iterator[tuple[Job, Result]]:
    """Each job's result, in order. A bug of ours on one document fails that document, not the batch."""
    for job in jobs:
        try:
            result = extract(job.path, settings)
        except ExtractorError:
            raise
        except Exception as exc:
            log.exception("internal error on %s", job.path)
            result = Result(
                str(job.path),
                None,
                None,
                "failed",
                None,
                error=f"{job.path}: internal error ({type(exc).__name__}: {exc}); please report it",
                extractor_version=__version__,
            )
        yield job, result


def report(results: Sequence[tuple[Job, Result]]) -> dict[str, object]:
    """The batch report: counts by status and, per file, its status, error and warnings."""
    counts = {status: sum(1 for _, r in results if r.status == status) for status in ("ok", "partial", "failed")}
    return {
        "extractor_version": __version__,
        "files": len(results),
        "counts": counts,
        "cookies": sum(len(r.cookies) for _, r in results),
        "documents": [
            {
                "source": r.source,
                "output": job.name,
                "status": r.status,
                "error": r.error,
                "cookies": len(r.cookies),
                "warnings": [w.to_dict() for w in r.warnings],
            }
            for job, r in results
        ],
    }


def convert(
    inputs: Sequence[str | Path],
    out: Path,
    formats: Sequence[str] = FORMATS,
    settings: Settings | None = None,
    on_result: Callable[[Job, Result], None] | None = None,
) -> list[tuple[Job, Result]]:
    """Convert every input: ``OUT/<name>.json`` and ``.csv``, ``OUT/inventory.csv``, ``OUT/report.json``.

    Raises:
        ConfigError: an unknown format or a missing input.
    """
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise ConfigError(f"formats: unknown {', '.join(unknown)}; expected some of {', '.join(FORMATS)}")
    settings = settings or Settings()
    jobs = find_inputs(inputs)
    results: list[tuple[Job, Result]] = []
    for job, result in iter_results(jobs, settings):
        if "json" in formats:
            write_json(result, out / f"{job.name}.json")
        if "csv" in formats:
            atomic_write(out / f"{job.name}.csv", render_csv(csv_rows([result])))
        results.append((job, result))
        if on_result is not None:
            on_result(job, result)
    atomic_write(out / "inventory.csv", render_csv(csv_rows(r for _, r in results)))
    atomic_write(out / "report.json", dumps(report(results)))
    return results


def extract_many(paths: str | Path | Sequence[str | Path], settings: Settings | None = None) -> pandas.DataFrame:
    """One DataFrame of every cookie of every document (``source`` first); failed files add no rows."""
    import pandas

    from extractor.model import COOKIE_FIELDS

    if isinstance(paths, str | Path):
        paths = [paths]
    jobs = find_inputs(paths)
    frames = [r.to_dataframe() for _, r in iter_results(jobs, settings or Settings())]
    if not frames:
        return pandas.DataFrame(columns=["source", *COOKIE_FIELDS])
    return pandas.concat(frames, ignore_index=True)
