"""Many documents: find inputs, extract them in worker processes (or on a Dask cluster), write each document's
outputs as it finishes, then the inventory and the report.

A file that fails, hangs past the time limit or crashes its worker is reported, never fatal: every other
file's outputs are still written. Workers write their own outputs (atomically) and hand back a small
``Outcome``, so the parent's memory stays flat however many files there are; the inventory is assembled at
the end from per-document parts, in input order, so the same inputs give the same bytes whatever the
parallelism. ``--resume`` skips inputs whose outputs were finished for the same content and version and are
still there, whole, in the formats asked for; everything else (a failed document included) is converted again.

Only regular files are read: a FIFO, a device or a socket among the inputs is refused before anything opens it.
An input whose outputs would take the place of the batch's own (``report`` -> ``report.json``) is refused too.
Ctrl-C or SIGTERM stops the workers at once; the inventory and the report are written for the documents that
finished, and ``Interrupted`` is raised (the CLI exits 130); ``--resume`` converts the rest.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import signal
import stat
import threading
import time
import traceback
import warnings
from collections import Counter
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import Future, as_completed
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path, PurePosixPath
from types import FrameType
from typing import TYPE_CHECKING, Any, Literal

from extractor.errors import ConfigError, EngineError, InputError, OutputError, display_name, printable
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
DOCUMENT_SUFFIXES = tuple(f".{kind}" for kind in DOCUMENT_FORMATS)
FORMATS = (*DOCUMENT_FORMATS, "parquet")
Engine = Literal["local", "dask"]
# Files never taken as inputs when a folder is searched: our own outputs and hidden files.
SKIPPED_SUFFIXES = (".json", ".csv", ".jsonl", ".parquet")
DEFAULT_TIMEOUT = 120.0
# Where per-document parts and completion marks live, inside the output folder.
STATE_DIR = ".extractor"
# The batch's own outputs, at the top of the output folder: no document's output may take their place.
BATCH_OUTPUTS = ("report.json", "inventory.csv", "inventory.jsonl", "inventory.parquet")
# The report lists this many slowest documents.
DEFAULT_SLOWEST = 5
HASH_CHUNK = 1 << 20
# Seconds to reach a Dask scheduler before giving up: a scheduler that answers does so in well under a second
# on a LAN; distributed's own default (30 s) reads as a hang.
DEFAULT_CONNECT_TIMEOUT = 5.0
# The HTTP server of a local Dask cluster's scheduler: loopback only, on any free port (distributed's default,
# :8787 on every interface, prints a warning whenever another cluster holds that port).
LOCAL_HTTP_ADDRESS = "127.0.0.1:0"
# What an input that is not a regular file is, in the one line that refuses it.
SPECIAL_KINDS = (
    (stat.S_ISFIFO, "fifo"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISDIR, "folder"),
)


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


@dataclass(frozen=True)
class Plan:
    """What a batch is about to do, said before it starts: how many inputs, how many ``--resume`` skips
    (finished before, outputs whole), how many it converts again although an earlier run marked them
    (an output missing or changed, other formats asked for, the document failed, its content or our version
    changed), and how many are refused without being read (not a regular file, an output name taken)."""

    files: int
    skipped: int
    redone: int
    refused: int


class Interrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM stopped a batch: the workers were stopped, and the inventory and report were
    written for ``outcomes`` (the documents that finished, in input order); ``unfinished`` were not
    converted (``--resume`` converts them)."""

    def __init__(self, outcomes: list[Outcome], unfinished: int) -> None:
        super().__init__(f"interrupted: {unfinished} file(s) not converted")
        self.outcomes = outcomes
        self.unfinished = unfinished


def find_inputs(inputs: Sequence[str | Path], out: Path | None = None) -> list[Job]:
    """Files given directly keep their file name; files under a folder keep their path below it.

    In a folder, everything that is not a folder is an input (FIFOs and devices too, to be refused by name),
    except hidden files, our own outputs (by suffix), READMEs and, when ``out`` lies inside the folder,
    whatever is under ``out``. Symbolic links to folders are not followed.

    Raises:
        ConfigError: an input does not exist, or two inputs would write to the same output name.
    """
    jobs: list[Job] = []
    outputs = out.resolve() if out is not None else None
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            root = path.resolve()
            for found in sorted(p for p in path.rglob("*") if not p.is_dir()):
                relative = found.relative_to(path)
                if (
                    any(part.startswith(".") for part in relative.parts)
                    or found.suffix in SKIPPED_SUFFIXES
                    or found.name.upper().startswith("README")
                    or _under_outputs(relative, root, outputs)
                ):
                    continue
                jobs.append(Job(found, relative.as_posix()))
        elif path.exists() or path.is_symlink():
            jobs.append(Job(path, path.name))
        else:
            raise ConfigError(f"{display_name(given)}: no such file or folder")
    names = Counter(job.name for job in jobs)
    clashes = sorted(display_name(name) for name, count in names.items() if count > 1)
    if clashes:
        raise ConfigError(f"{', '.join(clashes)}: several inputs would write the same outputs; give their folder")
    return jobs


def _under_outputs(relative: Path, root: Path, outputs: Path | None) -> bool:
    """Whether ``root / relative`` lies in an output folder nested inside the input folder ``root`` (an
    output folder that is the input folder itself holds the inputs: the suffix rule keeps outputs out then)."""
    if outputs is None or outputs == root or not outputs.is_relative_to(root):
        return False
    return (root / relative).is_relative_to(outputs)


def special_kind(path: Path) -> str | None:
    """What ``path`` is when it is not a regular file (``fifo``, ``character device``, ...), found by ``stat``
    alone: nothing is opened. ``None`` for a regular file, or one ``stat`` cannot see (the reader says why)."""
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return None
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in SPECIAL_KINDS if test(mode)), "not a regular file")


def output_collisions(jobs: Sequence[Job]) -> dict[str, str]:
    """Inputs whose outputs would take the place of the batch's own outputs (input ``report`` writes
    ``report.json``) or of another document's output (input ``a.txt.json/b.txt`` needs a folder where input
    ``a.txt`` writes ``a.txt.json``), by job name, with the problem; they are refused, never written."""
    produced = {f"{job.name}{suffix}": job.name for job in jobs for suffix in DOCUMENT_SUFFIXES}
    problems: dict[str, str] = {}
    for job in jobs:
        for suffix in DOCUMENT_SUFFIXES:
            output = PurePosixPath(f"{job.name}{suffix}")
            if str(output) in BATCH_OUTPUTS:
                problems[job.name] = f"its output {output} would replace the batch's {output}; rename the file"
            for folder in (str(p) for p in reversed(output.parents[:-1])):
                if folder in BATCH_OUTPUTS:
                    problems[job.name] = f"its output folder {folder} would replace the batch's {folder}"
                elif folder in produced:
                    problems[job.name] = (
                        f"its output folder {display_name(folder)} would replace the output of "
                        f"{display_name(produced[folder])}; rename the folder"
                    )
    return problems


def file_sha256(path: Path) -> str | None:
    """The SHA-256 of a regular file; ``None`` for anything else (a FIFO or ``/dev/zero`` is never read: it is
    looked at by ``stat`` first, and opened without blocking and checked again, in case it was swapped)."""
    if special_kind(path) is not None:
        return None
    digest = hashlib.sha256()
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            for chunk in iter(lambda: handle.read(HASH_CHUNK), b""):
                digest.update(chunk)
    except (OSError, ValueError):
        return None
    return digest.hexdigest()


def _digest(text: str) -> dict[str, Any]:
    """Size and SHA-256 of an output as written (UTF-8), kept in the completion mark for ``--resume``."""
    data = text.encode("utf-8")
    return {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


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
        raise OutputError(
            f"{display_name(target)}: outside the output folder {display_name(out)}; refusing to write there"
        )
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
        log.debug("internal error on %s:\n%s", display_name(job.path), traceback.format_exc())
        result = failed_result(job, f"internal error ({type(exc).__name__}: {exc}); please report it")
    return write_outcome(job, out, formats, result, time.perf_counter() - started, raw_csv, excel)


def failed_result(job: Job, problem: str) -> Result:
    shown = display_name(job.path)
    return Result(shown, None, None, "failed", None, error=f"{shown}: {problem}", extractor_version=__version__)


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

    The JSON is written whatever the formats: ``export`` and the batch report read it. The mark keeps the
    formats written and the size and SHA-256 of each output, so that ``--resume`` can tell a finished document
    from one whose outputs went missing. The document is named by ``display_name`` in everything written. A
    target outside the output folder is never written: the document fails with that reason instead.
    """
    result = replace(result, source=display_name(job.path), error=printable(result.error) if result.error else None)
    written: dict[str, dict[str, Any]] = {}

    def put(kind: str, text: str) -> None:
        atomic_write(paths[kind], text)
        written[kind] = _digest(text)

    try:
        paths = _output_paths(job, out)
        for target in (*paths.values(), _mark(job, out)):
            clear_stale(target)
        rows = csv_rows([result], raw=raw_csv)
        put("json", dumps(result.to_dict()))
        if "csv" in formats:
            put("csv", render_csv(rows, excel))
        put("parts.csv", render_csv(rows).split("\n", 1)[1])
        put(
            "parts.jsonl",
            "".join(
                json.dumps({"source": result.source, **c.to_dict()}, ensure_ascii=False) + "\n" for c in result.cookies
            ),
        )
        outcome = Outcome(
            name=job.name,
            source=result.source,
            status=result.status,
            error=result.error,
            cookies=len(result.cookies),
            pages=result.pages,
            seconds=round(seconds, 3),
            # a failed document is converted again by --resume whatever its content: not worth reading it
            # (it may be huge, or the parent may be writing this outcome for a worker that timed out)
            sha256=result.sha256 or (file_sha256(job.path) if result.status != "failed" else None),
            warnings=tuple(w.to_dict() for w in result.warnings),
        )
        formats_written = [kind for kind in DOCUMENT_FORMATS if kind == "json" or kind in formats]
        mark = {"version": __version__, "formats": formats_written, "outputs": written, **outcome.to_dict()}
        atomic_write(_mark(job, out), dumps({**mark, "name": display_name(job.name)}))
    except (OutputError, OSError) as error:
        problem = f"{display_name(job.path)}: cannot write outputs ({error})"
        return Outcome(job.name, result.source, "failed", problem, 0, None, round(seconds, 3), None)
    return outcome


def _output_paths(job: Job, out: Path) -> dict[str, Path]:
    """Every file a job writes before its mark, by kind: its outputs and its inventory parts."""
    return {
        "json": inside(out, f"{job.name}.json"),
        "csv": inside(out, f"{job.name}.csv"),
        "parts.csv": _state(out, "parts", job.name, ".csv"),
        "parts.jsonl": _state(out, "parts", job.name, ".jsonl"),
    }


def _mark(job: Job, out: Path) -> Path:
    """The completion mark of a job: written last, it says the job's outputs are all there."""
    return _state(out, "done", job.name, ".json")


def _start_worker(megabytes: int) -> None:
    """Cap a worker's address space (a document that needs more fails with MemoryError, alone), and leave
    Ctrl-C and SIGTERM to the parent: it stops the workers itself, and a worker must not turn the
    terminal's Ctrl-C into a failed document."""
    import resource

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    limit = megabytes * 1024 * 1024
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def finished(job: Job, out: Path, formats: Sequence[str] = DOCUMENT_FORMATS) -> Outcome | None:
    """The outcome of an earlier run of this job, when it finished (not failed) for the same content and
    version, and every output asked for now (``formats``) and its inventory parts are still there, byte for
    byte as that run wrote them."""
    try:
        data = json.loads(_mark(job, out).read_text(encoding="utf-8"))
        outputs = data.pop("outputs")
        written = data.pop("formats")
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if data.pop("version", None) != __version__ or data.get("status") not in ("ok", "partial"):
        return None
    try:
        paths = _output_paths(job, out)
    except OutputError:  # an output folder that now leads outside: converting it again says so
        return None
    needed = [kind for kind in DOCUMENT_FORMATS if kind == "json" or kind in formats] + ["parts.csv", "parts.jsonl"]
    for kind in needed:
        if kind in DOCUMENT_FORMATS and kind not in written:
            return None
        if not isinstance(outputs, dict) or outputs.get(kind) is None or _file_digest(paths[kind]) != outputs[kind]:
            return None
    if data.get("sha256") != file_sha256(job.path):
        return None
    try:
        return Outcome(**{**data, "name": job.name, "warnings": tuple(data.get("warnings") or ())})
    except TypeError:
        return None


def _file_digest(path: Path) -> dict[str, Any] | None:
    """Size and SHA-256 of an output on disk; ``None`` when it is missing or not a regular file."""
    if special_kind(path) is not None:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def _local(
    pending: list[Job],
    out: Path,
    formats: Sequence[str],
    settings: Settings,
    jobs: int,
    timeout: float,
    raw_csv: bool,
    excel: bool,
) -> Generator[Outcome, None, None]:
    """Outcomes as worker processes finish them; a worker that hangs or dies costs only its document.

    Closed early (Ctrl-C, SIGTERM, the caller stops reading), it cancels what has not started and terminates
    the workers at once, instead of waiting for every document to be converted.
    """
    from concurrent.futures import TimeoutError as FutureTimeout

    from pebble import ProcessExpired, ProcessPool

    warm_up(classifier=len(pending) > jobs)
    # Largest first, so that no worker is left with a big document at the end while the others wait.
    largest_first = sorted(pending, key=_size, reverse=True)
    pool = ProcessPool(max_workers=jobs, initializer=_start_worker, initargs=(settings.max_memory_mb,))
    futures: dict[Future[Outcome], Job] = {}
    try:
        for job in largest_first:
            arguments = (job, out, formats, settings, raw_csv, excel)
            futures[pool.schedule(process, args=arguments, timeout=timeout)] = job
        for future in as_completed(futures):
            job = futures[future]
            try:
                outcome = future.result()
            except FutureTimeout:
                problem = f"timed out after {timeout:g} s"
                outcome = write_outcome(job, out, formats, failed_result(job, problem), timeout, raw_csv, excel)
            except ProcessExpired as exc:
                problem = f"worker crashed (exit code {exc.exitcode})"
                outcome = write_outcome(job, out, formats, failed_result(job, problem), 0.0, raw_csv, excel)
            except Exception as exc:
                problem = f"worker failed ({type(exc).__name__}: {exc})"
                outcome = write_outcome(job, out, formats, failed_result(job, problem), 0.0, raw_csv, excel)
            yield outcome
    except BaseException:
        for future in futures:
            future.cancel()
        pool.stop()
        pool.join()
        raise
    pool.close()
    pool.join()


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


@contextlib.contextmanager
def dask_client(workers: int, scheduler: str | None) -> Iterator[Any]:
    """A Dask client on ``scheduler``, or on a local cluster of ``workers`` processes when it is ``None``.

    Raises:
        EngineError: the scheduler cannot be reached within ``DEFAULT_CONNECT_TIMEOUT`` seconds.
    """
    from distributed import Client, LocalCluster

    cluster = None
    try:
        if scheduler is None:
            cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=LOCAL_HTTP_ADDRESS
            )
        client = Client(scheduler or cluster, timeout=DEFAULT_CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as error:
        if cluster is not None:
            cluster.close()
        where = display_name(scheduler) if scheduler else "local cluster"
        raise EngineError(
            f"scheduler {where}: cannot connect within {DEFAULT_CONNECT_TIMEOUT:g} s ({printable(str(error))})"
        ) from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _dask(
    pending: list[Job],
    out: Path,
    formats: Sequence[str],
    settings: Settings,
    jobs: int,
    scheduler: str | None,
    raw_csv: bool,
    excel: bool,
) -> Generator[Outcome, None, None]:
    """Outcomes as Dask workers finish them (workers must see the inputs and the output folder)."""
    from distributed import as_completed as dask_completed

    with dask_client(jobs, scheduler) as client:
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
        try:
            for future in dask_completed(futures):
                job = by_key[future.key]
                try:
                    outcome = future.result()
                except Exception as exc:  # a worker lost or a task that raised
                    problem = f"dask task failed ({type(exc).__name__}: {exc})"
                    outcome = write_outcome(job, out, formats, failed_result(job, problem), 0.0, raw_csv, excel)
                yield outcome
        except BaseException:
            client.cancel(futures)
            raise


@contextlib.contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """SIGTERM stops a batch as Ctrl-C does (raises ``KeyboardInterrupt``), while the batch runs; a no-op
    outside the main thread, where Python cannot handle signals."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)


@contextlib.contextmanager
def _no_interrupts() -> Iterator[None]:
    """Ctrl-C and SIGTERM ignored while an interrupted batch stops its workers and writes its report (a
    second Ctrl-C must not lose the report of what finished); a no-op outside the main thread."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.signal(number, signal.SIG_IGN) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)


def prepare_output(out: Path) -> None:
    """Create the output folder, or say in one line why it cannot be written.

    Raises:
        OutputError: a file is in the way, the folder cannot be created, or it is not writable.
    """
    shown = display_name(out)
    if out.exists() and not out.is_dir():
        raise OutputError(f"{shown}: not a folder (a file is in the way); expected an output folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{shown}: cannot create the output folder ({error.strerror or error})") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise OutputError(f"{shown}: output folder not writable (permission denied or read-only)")


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
    on_plan: Callable[[Plan], None] | None = None,
) -> list[Outcome]:
    """Convert every input: ``OUT/<name>.json`` and ``.csv``, ``OUT/inventory.csv`` / ``.jsonl`` (and
    ``.parquet`` with the ``parquet`` format), and ``OUT/report.json``.

    Inputs that are not regular files (FIFOs, devices, sockets, links to them) and inputs whose outputs would
    replace the batch's own or another document's are refused without being read: each fails with its
    one-line reason in the report, and writes nothing.

    Args:
        inputs: files and folders.
        out: the output folder.
        formats: ``csv`` (per document) and ``parquet`` (the inventory); ``json`` is accepted and always
            written (``export`` and the report read it).
        settings: extraction settings.
        on_result: called with each outcome, how many are done and how many there are.
        jobs: worker processes (default: all cores).
        resume: skip inputs finished by an earlier run for the same content and version whose outputs in
            ``formats`` are all still there as written; convert the others (failed ones included) again.
        timeout: seconds a document may take before it is failed (local engine).
        engine: ``local`` (worker processes) or ``dask``.
        scheduler: the Dask scheduler address (``engine="dask"`` only); with none, a local cluster is started.
        raw_csv: write CSV cells that start like a spreadsheet formula as they are (by default they get a
            leading ``'``).
        excel: CSV for Excel: a UTF-8 byte-order mark before the header (booleans are ``true`` / ``false`` in
            every CSV).
        on_plan: called once, before any document is converted, with the ``Plan``.

    Returns:
        The outcomes, in input order.

    Raises:
        ConfigError: an unknown format or engine, a missing input, a bad number of jobs or timeout, a scheduler
            without the Dask engine.
        OutputError: the output folder, the inventory or the report cannot be written.
        EngineError: the Dask scheduler cannot be reached.
        Interrupted: Ctrl-C or SIGTERM stopped the batch; the inventory and the report of what finished were
            written (``report.json`` has ``"interrupted": true`` and the count of ``unfinished`` inputs, which
            are left out of its ``documents``).
    """
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise ConfigError(f"formats: unknown {', '.join(unknown)}; expected some of {', '.join(FORMATS)}")
    if engine not in ("local", "dask"):
        raise ConfigError(f"engine: expected local or dask, got {engine!r}")
    if scheduler is not None and engine != "dask":
        raise ConfigError(f"scheduler: only used by the dask engine (--engine dask), got engine {engine}")
    workers = jobs or os.cpu_count() or 1
    if workers < 1:
        raise ConfigError(f"jobs: expected at least 1, got {jobs}")
    if timeout <= 0:
        raise ConfigError(f"timeout: expected a positive number of seconds, got {timeout}")
    settings = settings or Settings()
    all_jobs = find_inputs(inputs, out)
    prepare_output(out)
    refused = refusals(all_jobs)
    outcomes: dict[str, Outcome] = {}
    pending: list[Job] = []
    redone = 0
    for job in all_jobs:
        if job.name in refused:
            continue
        earlier = finished(job, out, formats) if resume else None
        if earlier is not None:
            outcomes[job.name] = earlier
        else:
            pending.append(job)
            redone += int(resume and _mark(job, out).exists())
    plan = Plan(len(all_jobs), len(outcomes), redone, len(refused))
    if on_plan is not None:
        on_plan(plan)
    done = len(outcomes)
    for job in all_jobs:
        if job.name in refused:
            shown = display_name(job.path)
            outcomes[job.name] = Outcome(job.name, shown, "failed", f"{shown}: {refused[job.name]}", 0, None, 0.0, None)
            done += 1
            if on_result is not None:
                on_result(outcomes[job.name], done, len(all_jobs))
    interrupted = False
    if pending:
        stream = (
            _dask(pending, out, formats, settings, workers, scheduler, raw_csv, excel)
            if engine == "dask"
            else _local(pending, out, formats, settings, workers, timeout, raw_csv, excel)
        )
        try:
            with _sigterm_interrupts():
                for outcome in stream:
                    outcomes[outcome.name] = outcome
                    done += 1
                    if on_result is not None:
                        on_result(outcome, done, len(all_jobs))
        except KeyboardInterrupt:
            interrupted = True
        finally:  # whatever ends the loop (a closed pipe in ``on_result`` too) stops the workers now
            with _no_interrupts():
                stream.close()
        with _no_interrupts():
            if interrupted:  # documents whose worker finished them before it was stopped count as finished
                for job in pending:
                    earlier = None if job.name in outcomes else finished(job, out, formats)
                    if earlier is not None:
                        outcomes[job.name] = earlier
            return _finish(out, all_jobs, outcomes, formats, plan, interrupted, set(refused), excel)
    return _finish(out, all_jobs, outcomes, formats, plan, interrupted, set(refused), excel)


def refusals(jobs: Sequence[Job]) -> dict[str, str]:
    """The inputs refused before anything reads them, by job name, with the reason: not a regular file, or an
    output that would replace the batch's own or another document's."""
    refused = output_collisions(jobs)
    for job in jobs:
        kind = special_kind(job.path)
        if kind is not None:
            refused[job.name] = f"not a regular file ({kind})"
    return refused


def _finish(
    out: Path,
    all_jobs: Sequence[Job],
    outcomes: dict[str, Outcome],
    formats: Sequence[str],
    plan: Plan,
    interrupted: bool,
    refused: set[str],
    excel: bool = False,
) -> list[Outcome]:
    """Write the inventories and the report of the documents that finished; raise ``Interrupted`` when the
    batch was stopped before the others."""
    ordered = [outcomes[job.name] for job in all_jobs if job.name in outcomes]
    unfinished = len(all_jobs) - len(ordered)
    write_inventory(out, [o.name for o in ordered if o.name not in refused], "parquet" in formats, excel)
    summary = report(ordered, resumed=plan.skipped, redone=plan.redone, unfinished=unfinished, interrupted=interrupted)
    atomic_write(out / "report.json", dumps(summary))
    if interrupted:
        raise Interrupted(ordered, unfinished)
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
    one document at a time (``excel``: the CSV with a UTF-8 byte-order mark).

    Raises:
        OutputError: an inventory cannot be written (disk full, read-only folder, a folder in the way).
    """
    try:
        _write_inventory(out, names, parquet, excel)
    except OSError as error:
        raise OutputError(f"{display_name(out)}: cannot write the inventory ({error.strerror or error})") from None


def _write_inventory(out: Path, names: list[str], parquet: bool, excel: bool) -> None:
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


def report(
    outcomes: Sequence[Outcome], resumed: int = 0, redone: int = 0, unfinished: int = 0, interrupted: bool = False
) -> dict[str, Any]:
    """The batch report: counts by status, cookies, slowest documents, warnings by code, what ``--resume``
    skipped and redid, how many inputs an interruption left unconverted, and per document its status, error
    and warnings. Documents are named by ``display_name``."""
    counts = {status: sum(1 for o in outcomes if o.status == status) for status in ("ok", "partial", "failed")}
    codes = Counter(w["code"] for o in outcomes for w in o.warnings)
    slowest = sorted(outcomes, key=lambda o: (-o.seconds, o.name))[:DEFAULT_SLOWEST]
    return {
        "schema_version": SCHEMA_VERSION,
        "extractor_version": __version__,
        "files": len(outcomes),
        "resumed": resumed,
        "redone": redone,
        "unfinished": unfinished,
        "interrupted": interrupted,
        "counts": counts,
        "cookies": sum(o.cookies for o in outcomes),
        "pages": sum(o.pages or 0 for o in outcomes),
        "warnings_by_code": dict(sorted(codes.items())),
        "slowest": [{"output": display_name(o.name), "seconds": o.seconds} for o in slowest],
        "documents": [
            {
                "source": o.source,
                "output": display_name(o.name),
                "status": o.status,
                "error": o.error,
                "cookies": o.cookies,
                "pages": o.pages,
                "warnings": list(o.warnings),
            }
            for o in outcomes
        ],
    }


@dataclass(frozen=True)
class _Extracted:
    """What a worker of ``extract_many`` hands back for one document: its rows, or why it failed."""

    source: str
    status: Status
    problem: str | None
    rows: list[dict[str, Any]]


def extract_many(
    paths: str | Path | Sequence[str | Path],
    settings: Settings | None = None,
    *,
    jobs: int | None = None,
    engine: Engine = "local",
    scheduler: str | None = None,
    errors: Literal["warn", "raise"] = "warn",
) -> pandas.DataFrame:
    """One DataFrame of every cookie of every document (``source`` first); failed files add no rows.

    Failed files are not silent: ``frame.attrs["failures"]`` lists them (one record per file: ``source``,
    ``status``, ``error``; ``pandas.DataFrame(frame.attrs["failures"])`` makes a frame of them, kept as records
    so that frames of several calls still concatenate), and a ``UserWarning`` names them. With
    ``errors="raise"``, the first failed file (in input order) raises its ``InputError`` instead. Ctrl-C stops
    the worker processes at once and raises ``KeyboardInterrupt``.

    Args:
        paths: files, folders, or a glob pattern ("policies/*.pdf").
        settings: extraction settings.
        jobs: worker processes (default: all cores; 1 runs in this process).
        engine: ``local`` or ``dask`` (``scheduler`` as for ``convert``).
        errors: ``warn`` (default) or ``raise``.

    Raises:
        ConfigError: nothing selected (a glob that matches nothing, an empty folder), a missing input, a bad
            ``errors``, a scheduler without the Dask engine.
        InputError: with ``errors="raise"``, the first file that failed.
        EngineError: the Dask scheduler cannot be reached.
    """
    import glob

    if errors not in ("warn", "raise"):
        raise ConfigError(f"errors: expected warn or raise, got {errors!r}")
    if scheduler is not None and engine != "dask":
        raise ConfigError(f"scheduler: only used by the dask engine, got engine {engine}")
    if isinstance(paths, str | Path):
        given = str(paths)
        paths = sorted(glob.glob(given, recursive=True)) if glob.has_magic(given) else [given]
        if not paths:
            raise ConfigError(f"{display_name(given)}: no file matches this pattern")
    all_jobs = find_inputs(paths)
    if not all_jobs:
        shown = ", ".join(display_name(p) for p in paths)
        raise ConfigError(f"{shown}: no input file found (hidden files, JSON/CSV outputs and READMEs are skipped)")
    settings = settings or Settings()
    workers = jobs or os.cpu_count() or 1
    if engine == "dask":
        with dask_client(workers, scheduler) as client:
            results = client.gather(client.map(_rows, all_jobs, settings=settings, pure=False))
    elif workers == 1 or len(all_jobs) < 2:
        results = [_rows(job, settings) for job in all_jobs]
    else:
        results = _rows_in_workers(all_jobs, settings, workers)
    failed = [r for r in results if r.status == "failed"]
    frame = cookie_frame([row for part in results for row in part.rows])
    frame.attrs["failures"] = [
        {"source": r.source, "status": r.status, "error": f"{r.source}: {r.problem}"} for r in failed
    ]
    if failed and errors == "raise":
        raise InputError(failed[0].source, failed[0].problem or "failed")
    if failed:
        named = "; ".join(f"{r.source}: {r.problem}" for r in failed)
        warnings.warn(f"{len(failed)} file(s) failed and add no rows: {named}", UserWarning, stacklevel=2)
    return frame


def _rows_in_workers(all_jobs: list[Job], settings: Settings, workers: int) -> list[_Extracted]:
    """``_rows`` of every job in worker processes, in input order; a worker that dies fails its document, and
    Ctrl-C stops the workers at once."""
    from pebble import ProcessPool

    pool = ProcessPool(max_workers=workers, initializer=_start_worker, initargs=(settings.max_memory_mb,))
    try:
        futures = [pool.schedule(_rows, args=(job, settings)) for job in all_jobs]
        results: list[_Extracted] = []
        for job, future in zip(all_jobs, futures, strict=True):
            try:
                results.append(future.result())
            except Exception as exc:  # the worker died (memory cap, crash)
                problem = f"worker failed ({type(exc).__name__}: {printable(str(exc))})"
                results.append(_Extracted(display_name(job.path), "failed", problem, []))
    except BaseException:
        pool.stop()
        pool.join()
        raise
    pool.close()
    pool.join()
    return results


def _rows(job: Job, settings: Settings) -> _Extracted:
    source = display_name(job.path)
    kind = special_kind(job.path)
    if kind is not None:
        return _Extracted(source, "failed", f"not a regular file ({kind})", [])
    try:
        result = extract(job.path, replace(settings, strict=True))
    except InputError as error:
        return _Extracted(source, "failed", error.problem, [])
    except Exception as exc:  # a bug of ours on one document fails that document
        return _Extracted(source, "failed", f"internal error ({type(exc).__name__}: {printable(str(exc))})", [])
    rows = [{"source": source, **c.to_dict()} for c in result.cookies]
    return _Extracted(source, result.status, None, rows)
