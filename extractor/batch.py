"""Many documents: find inputs, extract them in worker processes (or on a Dask cluster), write each document's
outputs as it finishes, then the inventory and the report.

A file that fails, hangs past the time limit or crashes its worker is reported, never fatal: every other
file's outputs are still written. Workers write their own outputs (atomically) and hand back a small
``Outcome``, so the parent's memory stays flat however many files there are; the inventory is assembled at
the end from per-document parts, in input order, so the same inputs give the same bytes whatever the
parallelism. ``--resume`` skips inputs whose outputs were finished for the same content and version.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from extractor.errors import ConfigError, OutputError
from extractor.model import SCHEMA_VERSION, Result, Status
from extractor.pipeline import extract
from extractor.settings import Settings
from extractor.version import __version__
from extractor.writers.csv import csv_rows, render_csv
from extractor.writers.frames import cookie_frame
from extractor.writers.json import atomic_write, clear_stale, dumps

if TYPE_CHECKING:
    import pandas

log = logging.getLogger(__name__)

DOCUMENT_FORMATS = ("json", "csv")
FORMATS = (*DOCUMENT_FORMATS, "parquet")
Engine = Literal["local", "dask"]
# Files never taken as inputs when a folder is searched: our own outputs and hidden files.
SKIPPED_SUFFIXES = (".json", ".csv", ".jsonl", ".parquet")
DEFAULT_TIMEOUT = 120.0
# Where per-document parts and completion marks live, inside the output folder.
STATE_DIR = ".extractor"
# The report lists this many slowest documents.
DEFAULT_SLOWEST = 5
HASH_CHUNK = 1 << 20


@dataclass(frozen=True)
class Job:
    """One input and the name its outputs take under the output folder (``a/b.txt``)."""

    path: Path
    name: str


@dataclass(frozen=True)
class Outcome:
    """What the parent keeps of one document: a few numbers and the warnings, not the cookies."""

    name: str
    source: str
    status: Status
    error: str | None
    cookies: int
    pages: int | None
    seconds: float
    sha256: str | None
    warnings: tuple[dict[str, Any], ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["warnings"] = list(self.warnings)
        return data


def find_inputs(inputs: Sequence[str | Path]) -> list[Job]:
    """Files given directly keep their file name; files under a folder keep their path below it.

    Raises:
        ConfigError: an input does not exist, or two inputs would write to the same output name.
    """
    jobs: list[Job] = []
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.is_file() or p.is_symlink()):
                relative = found.relative_to(path)
                if (
                    any(part.startswith(".") for part in relative.parts)
                    or found.suffix in SKIPPED_SUFFIXES
                    or found.name.upper().startswith("README")
                ):
                    continue
                jobs.append(Job(found, relative.as_posix()))
        elif path.exists() or path.is_symlink():
            jobs.append(Job(path, path.name))
        else:
            raise ConfigError(f"{given}: no such file or folder")
    names = Counter(job.name for job in jobs)
    clashes = sorted(name for name, count in names.items() if count > 1)
    if clashes:
        raise ConfigError(f"{', '.join(clashes)}: several inputs would write the same outputs; give their folder")
    return jobs


def file_sha256(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(HASH_CHUNK), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def _state(out: Path, kind: str, name: str, suffix: str) -> Path:
    return inside(out, f"{STATE_DIR}/{kind}/{name}{suffix}")


def inside(out: Path, name: str) -> Path:
    """``out / name``, refusing a name that would land outside ``out`` (``..``, an absolute name, a symbolic
    link in the output folder that points elsewhere).

    Raises:
        OutputError: the target is outside the output folder.
    """
    target = out / name
    root = out.resolve()
    resolved = target.parent.resolve() / target.name
    if Path(name).is_absolute() or ".." in Path(name).parts or not resolved.is_relative_to(root):
        raise OutputError(f"{target}: outside the output folder {out}; refusing to write there")
    return target


def process(
    job: Job, out: Path, formats: Sequence[str], settings: Settings, raw_csv: bool = False, excel: bool = False
) -> Outcome:
    """Extract one document and write its outputs, its inventory parts and its completion mark.

    Runs in a worker process (or on a Dask worker); returns only the small ``Outcome``.
    """
    started = time.perf_counter()
    try:
        result = extract(job.path, settings)
    except Exception as exc:  # a bug of ours on one document fails that document, not the batch
        log.debug("internal error on %s:\n%s", job.path, traceback.format_exc())
        result = failed_result(job, f"internal error ({type(exc).__name__}: {exc}); please report it")
    return write_outcome(job, out, formats, result, time.perf_counter() - started, raw_csv, excel)


def failed_result(job: Job, problem: str) -> Result:
    return Result(
        str(job.path), None, None, "failed", None, error=f"{job.path}: {problem}", extractor_version=__version__
    )


def write_outcome(
    job: Job,
    out: Path,
    formats: Sequence[str],
    result: Result,
    seconds: float,
    raw_csv: bool = False,
    excel: bool = False,
) -> Outcome:
    """Write a document's outputs and parts, then its completion mark (last, so a mark means all is there).

    The JSON is written whatever the formats: ``export`` and the batch report read it. A target outside the
    output folder is never written: the document fails with that reason instead.
    """
    try:
        for target in _targets(job, out):
            clear_stale(target)
        rows = csv_rows([result], raw=raw_csv)
        atomic_write(inside(out, f"{job.name}.json"), dumps(result.to_dict()))
        if "csv" in formats:
            atomic_write(inside(out, f"{job.name}.csv"), render_csv(rows, excel))
        atomic_write(_state(out, "parts", job.name, ".csv"), render_csv(rows).split("\n", 1)[1])
        atomic_write(
            _state(out, "parts", job.name, ".jsonl"),
            "".join(
                json.dumps({"source": result.source, **c.to_dict()}, ensure_ascii=False) + "\n" for c in result.cookies
            ),
        )
    except (OutputError, OSError) as error:
        problem = f"{job.path}: cannot write outputs ({error})"
        return Outcome(job.name, str(job.path), "failed", problem, 0, None, round(seconds, 3), None)
    outcome = Outcome(
        name=job.name,
        source=result.source,
        status=result.status,
        error=result.error,
        cookies=len(result.cookies),
        pages=result.pages,
        seconds=round(seconds, 3),
        sha256=result.sha256 or file_sha256(job.path),
        warnings=tuple(w.to_dict() for w in result.warnings),
    )
    atomic_write(_state(out, "done", job.name, ".json"), dumps({"version": __version__, **outcome.to_dict()}))
    return outcome


def _targets(job: Job, out: Path) -> list[Path]:
    """Every file a job may write: its outputs, its inventory parts and its completion mark."""
    return [
        inside(out, f"{job.name}.json"),
        inside(out, f"{job.name}.csv"),
        _state(out, "parts", job.name, ".csv"),
        _state(out, "parts", job.name, ".jsonl"),
        _state(out, "done", job.name, ".json"),
    ]


def _limit_memory(megabytes: int) -> None:
    """Cap a worker's address space: a document that needs more fails with MemoryError, alone."""
    import resource

    limit = megabytes * 1024 * 1024
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def finished(job: Job, out: Path) -> Outcome | None:
    """The outcome of an earlier run of this job, when it finished for the same content and version."""
    try:
        mark = _state(out, "done", job.name, ".json")
        data = json.loads(mark.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.pop("version", None) != __version__ or data.get("sha256") != file_sha256(job.path):
        return None
    data["warnings"] = tuple(data.get("warnings") or ())
    return Outcome(**data)


def _local(
    pending: list[Job],
    out: Path,
    formats: Sequence[str],
    settings: Settings,
    jobs: int,
    timeout: float,
    raw_csv: bool,
    excel: bool,
) -> Iterator[Outcome]:
    """Outcomes as worker processes finish them; a worker that hangs or dies costs only its document."""
    from concurrent.futures import TimeoutError as FutureTimeout

    from pebble import ProcessExpired, ProcessPool

    warm_up(classifier=len(pending) > jobs)
    # Largest first, so that no worker is left with a big document at the end while the others wait.
    largest_first = sorted(pending, key=_size, reverse=True)
    with ProcessPool(max_workers=jobs, initializer=_limit_memory, initargs=(settings.max_memory_mb,)) as pool:
        futures: dict[Future[Outcome], Job] = {
            pool.schedule(process, args=(job, out, formats, settings, raw_csv, excel), timeout=timeout): job
            for job in largest_first
        }
        for future in as_completed(futures):
            job = futures[future]
            try:
                yield future.result()
            except FutureTimeout:
                yield write_outcome(
                    job, out, formats, failed_result(job, f"timed out after {timeout:g} s"), timeout, raw_csv, excel
                )
            except ProcessExpired as exc:
                problem = f"worker crashed (exit code {exc.exitcode})"
                yield write_outcome(job, out, formats, failed_result(job, problem), 0.0, raw_csv, excel)
            except Exception as exc:
                problem = f"worker failed ({type(exc).__name__}: {exc})"
                yield write_outcome(job, out, formats, failed_result(job, problem), 0.0, raw_csv, excel)


def warm_up(classifier: bool = True) -> None:
    """Load the known-cookie facts once, before worker processes are forked from us, and with ``classifier``
    the classifier too: worth it for a batch of more documents than workers, which would each load their own.
    Otherwise a worker loads the classifier itself, and only when a record's category must be read from its
    text (``extractor.nlp.classify``)."""
    from extractor.knowledge import known_cookies

    if classifier:
        from extractor.nlp import load_model

        load_model()
    known_cookies()


def _size(job: Job) -> int:
    try:
        return job.path.stat().st_size
    except OSError:
        return 0


def _dask(
    pending: list[Job],
    out: Path,
    formats: Sequence[str],
    settings: Settings,
    jobs: int,
    scheduler: str | None,
    raw_csv: bool,
    excel: bool,
) -> Iterator[Outcome]:
    """Outcomes as Dask workers finish them (workers must see the inputs and the output folder)."""
    from distributed import Client, LocalCluster
    from distributed import as_completed as dask_completed

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(scheduler or cluster)
    try:
        futures = client.map(
            process,
            pending,
            out=out,
            formats=list(formats),
            settings=settings,
            raw_csv=raw_csv,
            excel=excel,
            pure=False,
        )
        by_key = {f.key: job for f, job in zip(futures, pending, strict=True)}
        for future in dask_completed(futures):
            job = by_key[future.key]
            try:
                yield future.result()
            except Exception as exc:  # a worker lost or a task that raised
                problem = f"dask task failed ({type(exc).__name__}: {exc})"
                yield write_outcome(job, out, formats, failed_result(job, problem), 0.0, raw_csv, excel)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def convert(
    inputs: Sequence[str | Path],
    out: Path,
    formats: Sequence[str] = DOCUMENT_FORMATS,
    settings: Settings | None = None,
    on_result: Callable[[Outcome, int, int], None] | None = None,
    *,
    jobs: int | None = None,
    resume: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    engine: Engine = "local",
    scheduler: str | None = None,
    raw_csv: bool = False,
    excel: bool = False,
) -> list[Outcome]:
    """Convert every input: ``OUT/<name>.json`` and ``.csv``, ``OUT/inventory.csv`` / ``.jsonl`` (and
    ``.parquet`` with the ``parquet`` format), and ``OUT/report.json``.

    Args:
        inputs: files and folders.
        out: the output folder.
        formats: ``csv`` (per document) and ``parquet`` (the inventory); ``json`` is accepted and always
            written (``export`` and the report read it).
        settings: extraction settings.
        on_result: called with each outcome, how many are done and how many there are.
        jobs: worker processes (default: all cores).
        resume: skip inputs finished by an earlier run for the same content and version.
        timeout: seconds a document may take before it is failed (local engine).
        engine: ``local`` (worker processes) or ``dask``.
        scheduler: the Dask scheduler address; with ``engine="dask"`` and none, a local cluster is started.
        raw_csv: write CSV cells that start like a spreadsheet formula as they are (by default they get a
            leading ``'``).
        excel: CSV for Excel: a UTF-8 byte-order mark before the header (booleans are ``true`` / ``false`` in
            every CSV).

    Returns:
        The outcomes, in input order.

    Raises:
        ConfigError: an unknown format or engine, a missing input, a bad number of jobs or timeout.
    """
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise ConfigError(f"formats: unknown {', '.join(unknown)}; expected some of {', '.join(FORMATS)}")
    if engine not in ("local", "dask"):
        raise ConfigError(f"engine: expected local or dask, got {engine!r}")
    workers = jobs or os.cpu_count() or 1
    if workers < 1:
        raise ConfigError(f"jobs: expected at least 1, got {jobs}")
    if timeout <= 0:
        raise ConfigError(f"timeout: expected a positive number of seconds, got {timeout}")
    settings = settings or Settings()
    all_jobs = find_inputs(inputs)
    outcomes: dict[str, Outcome] = {}
    pending: list[Job] = []
    for job in all_jobs:
        earlier = finished(job, out) if resume else None
        if earlier is not None:
            outcomes[job.name] = earlier
        else:
            pending.append(job)
    done = len(outcomes)
    if pending:
        stream = (
            _dask(pending, out, formats, settings, workers, scheduler, raw_csv, excel)
            if engine == "dask"
            else _local(pending, out, formats, settings, workers, timeout, raw_csv, excel)
        )
        for outcome in stream:
            outcomes[outcome.name] = outcome
            done += 1
            if on_result is not None:
                on_result(outcome, done, len(all_jobs))
    ordered = [outcomes[job.name] for job in all_jobs]
    write_inventory(out, [job.name for job in all_jobs], "parquet" in formats, excel)
    atomic_write(out / "report.json", dumps(report(ordered, resumed=len(all_jobs) - len(pending))))
    return ordered


def convert_stream(
    inputs: Sequence[str | Path],
    write: Callable[[str], None],
    settings: Settings | None = None,
    on_result: Callable[[Outcome, int, int], None] | None = None,
    **options: Any,
) -> list[Outcome]:
    """Convert every input and hand ``write`` its cookies as JSON Lines (the lines ``inventory.jsonl`` would
    have), in input order: a document's lines as soon as it and every document before it are done. The
    files ``convert`` writes go to a temporary folder, removed at the end.

    Args:
        inputs: files and folders.
        write: takes each document's lines (one string per document, possibly empty).
        settings: extraction settings.
        on_result: called with each outcome, how many are done and how many there are.
        **options: ``convert``'s keyword options (``jobs``, ``timeout``, ``engine``, ``raw_csv``, ...).

    Returns:
        The outcomes, in input order.

    Raises:
        ConfigError: as ``convert``; a Dask scheduler given, whose workers cannot reach this machine's temporary
            folder.
    """
    import tempfile

    if options.get("scheduler"):
        raise ConfigError("scheduler: the workers of a Dask cluster cannot write to this machine's temporary folder")
    order = [job.name for job in find_inputs(inputs)]
    streamed: set[str] = set()
    done: set[str] = set()
    next_up = 0  # the first input in order whose lines are not written yet
    # Workers may still be writing when a closed pipe ends the stream: what they leave is no error of ours.
    with tempfile.TemporaryDirectory(prefix="extractor-", ignore_cleanup_errors=True) as folder:
        out = Path(folder)

        def emit(name: str) -> None:
            if name not in streamed:
                streamed.add(name)
                with contextlib.suppress(FileNotFoundError):  # a document whose outputs could not be written
                    write(_state(out, "parts", name, ".jsonl").read_text(encoding="utf-8"))

        def in_order(outcome: Outcome, count: int, total: int) -> None:
            nonlocal next_up
            done.add(outcome.name)
            while next_up < len(order) and order[next_up] in done:
                emit(order[next_up])
                next_up += 1
            if on_result is not None:
                on_result(outcome, count, total)

        outcomes = convert(inputs, out, (), settings, in_order, **options)
        for outcome in outcomes:  # any input that appeared in a folder since it was first listed
            emit(outcome.name)
    return outcomes


def write_inventory(out: Path, names: list[str], parquet: bool, excel: bool = False) -> None:
    """``inventory.csv`` and ``inventory.jsonl`` (and ``inventory.parquet``) from the parts, in input order,
    one document at a time (``excel``: the CSV with a UTF-8 byte-order mark)."""
    csv_tmp = out / f".inventory.csv.{os.getpid()}.tmp"
    jsonl_tmp = out / f".inventory.jsonl.{os.getpid()}.tmp"
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob(".inventory.*.tmp"):  # left by a run killed while it wrote the inventory
        stale.unlink(missing_ok=True)
    writer = None
    try:
        with (
            csv_tmp.open("w", encoding="utf-8", newline="") as csv_out,
            jsonl_tmp.open("w", encoding="utf-8", newline="") as jsonl_out,
        ):
            csv_out.write(render_csv([], excel))
            for name in names:
                with contextlib.suppress(FileNotFoundError):
                    csv_out.write(_state(out, "parts", name, ".csv").read_text(encoding="utf-8"))
                jsonl = _state(out, "parts", name, ".jsonl")
                with contextlib.suppress(FileNotFoundError):
                    text = jsonl.read_text(encoding="utf-8")
                    jsonl_out.write(text)
                    if parquet:
                        writer = _write_parquet_part(writer, out, text)
        if parquet:
            writer = _write_parquet_part(writer, out, "")
            if writer is not None:
                writer.close()
                os.replace(out / ".inventory.parquet.tmp", out / "inventory.parquet")
        os.replace(csv_tmp, out / "inventory.csv")
        os.replace(jsonl_tmp, out / "inventory.jsonl")
    finally:
        csv_tmp.unlink(missing_ok=True)
        jsonl_tmp.unlink(missing_ok=True)


def _parquet_schema() -> Any:
    """The Parquet schema of ``cookie_frame``'s DataFrame, with pandas' dtypes in its metadata: dictionaries for
    the categories, nullable integers, booleans; ``pandas.read_parquet`` gives back ``extract_many``'s dtypes."""
    import pyarrow as pa

    schema = pa.Schema.from_pandas(cookie_frame([]), preserve_index=False)
    # An empty frame's ``lines`` holds no list to take the type from.
    return schema.set(schema.get_field_index("lines"), pa.field("lines", pa.list_(pa.int64())))


def _write_parquet_part(writer: Any, out: Path, jsonl: str) -> Any:
    """Append one document's cookies to the Parquet inventory (opening it on the first call), typed as
    ``extract_many``'s DataFrame is (an inventory without any cookie keeps its columns, not their categories)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _parquet_schema()
    if writer is None:
        writer = pq.ParquetWriter(out / ".inventory.parquet.tmp", schema)
    rows = [json.loads(line) for line in jsonl.splitlines() if line]
    if rows:
        writer.write_table(pa.Table.from_pandas(cookie_frame(rows), schema=schema, preserve_index=False))
    return writer


def report(outcomes: Sequence[Outcome], resumed: int = 0) -> dict[str, Any]:
    """The batch report: counts by status, cookies, slowest documents, warnings by code, and per document
    its status, error and warnings."""
    counts = {status: sum(1 for o in outcomes if o.status == status) for status in ("ok", "partial", "failed")}
    codes = Counter(w["code"] for o in outcomes for w in o.warnings)
    slowest = sorted(outcomes, key=lambda o: (-o.seconds, o.name))[:DEFAULT_SLOWEST]
    return {
        "schema_version": SCHEMA_VERSION,
        "extractor_version": __version__,
        "files": len(outcomes),
        "resumed": resumed,
        "counts": counts,
        "cookies": sum(o.cookies for o in outcomes),
        "pages": sum(o.pages or 0 for o in outcomes),
        "warnings_by_code": dict(sorted(codes.items())),
        "slowest": [{"output": o.name, "seconds": o.seconds} for o in slowest],
        "documents": [
            {
                "source": o.source,
                "output": o.name,
                "status": o.status,
                "error": o.error,
                "cookies": o.cookies,
                "pages": o.pages,
                "warnings": list(o.warnings),
            }
            for o in outcomes
        ],
    }


def extract_many(
    paths: str | Path | Sequence[str | Path],
    settings: Settings | None = None,
    *,
    jobs: int | None = None,
    engine: Engine = "local",
    scheduler: str | None = None,
) -> pandas.DataFrame:
    """One DataFrame of every cookie of every document (``source`` first); failed files add no rows.

    Args:
        paths: files, folders, or a glob pattern ("policies/*.pdf").
        settings: extraction settings.
        jobs: worker processes (default: all cores; 1 runs in this process).
        engine: ``local`` or ``dask`` (``scheduler`` as for ``convert``).
    """
    import glob

    if isinstance(paths, str | Path):
        given = str(paths)
        paths = sorted(glob.glob(given, recursive=True)) if glob.has_magic(given) else [given]
    all_jobs = find_inputs(paths)
    settings = settings or Settings()
    workers = jobs or os.cpu_count() or 1
    if engine == "dask":
        from distributed import Client, LocalCluster

        cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None)
        client = Client(scheduler or cluster)
        try:
            results = client.gather(client.map(_rows, all_jobs, settings=settings, pure=False))
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    elif workers == 1 or len(all_jobs) < 2:
        results = [_rows(job, settings) for job in all_jobs]
    else:
        from pebble import ProcessPool

        with ProcessPool(max_workers=workers) as pool:
            results = list(pool.map(_rows, all_jobs, [settings] * len(all_jobs)).result())
    rows = [row for part in results for row in part]
    return cookie_frame(rows)


def _rows(job: Job, settings: Settings) -> list[dict[str, Any]]:
    result = extract(job.path, settings)
    return [{"source": result.source, **c.to_dict()} for c in result.cookies]
