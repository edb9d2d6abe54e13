"""The command line: parse arguments, call one library function, print, exit.

Exit codes: 0 every file converted, 1 some file failed (the others are still written; ``--fail-on`` says which
documents count) or an output cannot be written, 2 usage errors, 130 interrupted (Ctrl-C, or SIGTERM during a
batch). Settings come from the command line, over a settings file (``extractor.toml`` or ``[tool.extractor]`` in
``pyproject.toml`` of the current folder, or ``--config FILE``), over the defaults.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, cast

import typer
from typer.core import TyperCommand

from extractor.errors import ConfigError, ExtractorError, display_name
from extractor.settings import (
    DEFAULT_MAX_FILE_SIZE,
    DEFAULT_MAX_MEMORY_MB,
    DEFAULT_MAX_PAGES,
    DEFAULT_PDF_READER,
    ConfigFile,
)

if TYPE_CHECKING:
    from extractor.batch import Outcome
    from extractor.progress import Progress
    from extractor.settings import Settings

app = typer.Typer(
    name="extractor",
    help="Rebuild cookie tables from cookie-policy documents (PDF, text exports, HTML, Word) into clean inventories.",
    no_args_is_help=True,
    add_completion=True,
    # Plain help: value names as written (-o OUT), no boxes, no Python types; it reads the same in a README.
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
# What a shell reports for a process stopped by Ctrl-C (128 + SIGINT).
EXIT_INTERRUPTED = 130
LogLevel = Literal["debug", "info", "warning", "error"]
# Which documents make ``convert`` exit 1: failed ones (the default), failed or partial ones (a document without
# any cookie is partial: its status says "no cookie table found"), or none.
FailOn = Literal["failed", "partial", "never"]
FAILING_STATUSES: dict[str, tuple[str, ...]] = {"failed": ("failed",), "partial": ("failed", "partial"), "never": ()}
# Options of ``convert`` a settings file may give (beside the ``Settings`` fields), with the type of their value.
CONVERT_OPTIONS: dict[str, Any] = {
    "jobs": int,
    "timeout": float,
    "formats": str | list[str],
    "fail_on": FailOn,
    "excel": bool,
    "raw_csv": bool,
}
# Writing to this output folder streams the cookies to stdout as JSON Lines.
STDOUT = "-"

log = logging.getLogger(__name__)


class PlainCommand(TyperCommand):
    """A command whose help names values plainly (``INPUT...``, ``-o OUT``), where typer would print Python
    types (``<list[Path]>``) and braces (``{inputs}...``)."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        return pieces + [_value_name(p) for p in self.get_params(ctx) if p.param_type_name == "argument"]

    def format_options(self, ctx: Any, formatter: Any) -> None:
        params = [p for p in self.get_params(ctx) if not getattr(p, "hidden", False)]
        arguments = [
            (_value_name(p), getattr(p, "help", None) or "") for p in params if p.param_type_name == "argument"
        ]
        options = []
        for param in params:
            record = param.get_help_record(ctx) if param.param_type_name == "option" else None
            if record is not None:
                options.append((_option_names(param), record[1]))
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


def _value_name(param: Any) -> str:
    name = str(param.metavar or param.name.upper())
    return f"{name}..." if param.nargs == -1 and not name.endswith("...") else name


def _option_names(param: Any) -> str:
    names = ", ".join(sorted(param.opts, key=lambda o: o.startswith("--")))
    if param.secondary_opts:
        names += " / " + ", ".join(param.secondary_opts)
    if not param.is_flag and not param.count:
        names += f" {param.metavar or param.name.upper()}"
    return names


@dataclass(frozen=True)
class CliState:
    """What the app's own options decide for every command: the settings file and the log level given."""

    config: ConfigFile = field(default_factory=ConfigFile)
    log_level: LogLevel | None = None


def _stderr(message: str) -> None:
    typer.echo(message, err=True)


def _exit_for(error: BaseException) -> typer.Exit:
    """The one place errors become exit codes, each said in one line: 2 for a bad option value, 130 for
    Ctrl-C, else 1 (an output the system refuses included)."""
    if isinstance(error, KeyboardInterrupt):
        _stderr("interrupted")
        return typer.Exit(EXIT_INTERRUPTED)
    if isinstance(error, OSError):
        where = f"{display_name(error.filename)}: " if error.filename else ""
        _stderr(f"error: {where}{error.strerror or error}")
        return typer.Exit(EXIT_FAILED)
    _stderr(f"error: {error}")
    return typer.Exit(EXIT_USAGE if isinstance(error, ConfigError) else EXIT_FAILED)


@contextmanager
def _exit_on_error() -> Iterator[None]:
    """An error of the command's own, or Ctrl-C, ends it with one line and its exit code (``_exit_for``)."""
    try:
        yield
    except (ExtractorError, OSError, KeyboardInterrupt) as error:
        raise _exit_for(error) from None


def _quiet_dask(verbose: bool) -> None:
    """Dask's own INFO lines (cluster and worker start and stop, some 30 a run) only with ``--verbose``: set
    here for this process and, through dask's config in the environment, for the worker processes it
    starts."""
    import os

    if not verbose:
        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")
        logging.getLogger("distributed").setLevel(logging.WARNING)


def _print_version(value: bool) -> None:
    if value:
        from extractor.version import __version__

        typer.echo(f"extractor {__version__}")
        raise typer.Exit(EXIT_OK)


def _log_to_stderr(level: str) -> None:
    """The library's log records from ``level`` up, one line each on stderr (the library itself only has a
    ``NullHandler``); called again, it changes the level and keeps one handler."""
    logger = logging.getLogger("extractor")
    logger.setLevel(level.upper())
    for handler in [h for h in logger.handlers if isinstance(h, logging.StreamHandler)]:
        logger.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)


@app.callback()
def main_options(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit."),
    ] = False,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            metavar="FILE",
            help="Settings file (TOML). Default: extractor.toml, else [tool.extractor] in pyproject.toml, of the "
            "current folder. Keys: the library's Settings fields and convert's jobs, timeout, formats, fail_on, "
            "excel, raw_csv; options given on the command line win.",
            show_default=False,
        ),
    ] = None,
    log_level: Annotated[
        LogLevel | None,
        typer.Option(
            "--log-level",
            metavar="LEVEL",
            help="debug, info, warning or error (default: warning; info with convert -v, error with -q).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Options for every command, before its name: extractor --config FILE convert ..."""
    from extractor.settings import load_config

    _log_to_stderr(log_level or "warning")
    with _exit_on_error():
        found = load_config(config, options=CONVERT_OPTIONS)
    ctx.obj = CliState(found, log_level)
    # The file's command options become the defaults of ``convert``, so the command line overrides them.
    options = dict(found.options)
    if isinstance(options.get("formats"), list):
        options["formats"] = ",".join(options["formats"])
    ctx.default_map = {"convert": options}


def _settings(ctx: typer.Context, labels: Path | None = None, **given: Any) -> Settings:
    """The settings file's settings, with the options given on the command line (those not ``None``) over them;
    ``--labels`` adds its labels to the file's.

    Raises:
        ConfigError: a value a setting does not accept.
    """
    from extractor.settings import Settings, load_labels

    config = ctx.find_object(CliState) or CliState()
    if config.config.path is not None:
        log.info("settings file: %s", config.config.path)
    chosen = {name: value for name, value in given.items() if value is not None}
    if labels is not None:
        chosen["labels"] = {**config.config.settings.get("labels", {}), **load_labels(labels)}
    return Settings.resolve(config.config.settings, **chosen)


@app.command()
def convert(
    ctx: typer.Context,
    inputs: Annotated[
        list[Path],
        typer.Argument(metavar="INPUT...", help="Files or folders (searched recursively).", show_default=False),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "-o",
            "--out",
            metavar="OUT",
            help="Output folder; - writes every cookie to stdout as JSON Lines (the lines of inventory.jsonl, in "
            "input order) and no file.",
        ),
    ] = Path("out"),
    formats: Annotated[
        str,
        typer.Option(
            "-f",
            "--formats",
            metavar="FORMATS",
            help="Comma-separated: csv per document, parquet for the inventory; each document's JSON is always "
            "written.",
        ),
    ] = "json,csv",
    jobs: Annotated[
        int | None,
        typer.Option("-j", "--jobs", metavar="N", help="Worker processes (default: all cores).", show_default=False),
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Skip inputs already converted (same content and version).")
    ] = False,
    timeout: Annotated[
        float, typer.Option("--timeout", metavar="SECONDS", help="Seconds a document may take.")
    ] = 120.0,
    engine: Annotated[
        str, typer.Option("--engine", metavar="local|dask", help="local (worker processes) or dask.")
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            help="Dask scheduler address (tcp://HOST:8786); none starts a local cluster.",
        ),
    ] = None,
    raw_csv: Annotated[
        bool, typer.Option("--raw-csv", help="Keep CSV cells that start like a formula (=, +, -, @) as they are.")
    ] = False,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel", help="CSV for Excel: a UTF-8 byte-order mark first (booleans are true/false in any CSV)."
        ),
    ] = False,
    pages: Annotated[
        str | None,
        typer.Option(
            "--pages",
            metavar="PAGES",
            help="PDF pages to read, as Camelot takes them: 1-3,5 or 2-end (default: all; other inputs are read "
            "whole).",
            show_default=False,
        ),
    ] = None,
    max_pages: Annotated[
        int | None,
        typer.Option(
            "--max-pages", metavar="N", help=f"Refuse PDFs with more pages to read (default: {DEFAULT_MAX_PAGES})."
        ),
    ] = None,
    max_file_size: Annotated[
        int | None,
        typer.Option(
            "--max-file-size",
            metavar="BYTES",
            help=f"Refuse inputs larger than this many bytes (default: {DEFAULT_MAX_FILE_SIZE}).",
        ),
    ] = None,
    max_memory: Annotated[
        int | None,
        typer.Option(
            "--max-memory", metavar="MB", help=f"Memory cap of each worker, in MB (default: {DEFAULT_MAX_MEMORY_MB})."
        ),
    ] = None,
    fail_on: Annotated[
        FailOn,
        typer.Option(
            "--fail-on",
            metavar="failed|partial|never",
            help="Exit 1 when a document failed; partial: also when one is partial (e.g. no cookie found); "
            "never: exit 0 whatever the documents.",
        ),
    ] = "failed",
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help="Log every file.")] = False,
    quiet: Annotated[
        bool, typer.Option("-q", "--quiet", help="No progress and no summary; errors are still said on stderr.")
    ] = False,
    password: Annotated[
        str | None, typer.Option("--password", metavar="PASSWORD", help="Password of encrypted PDFs.")
    ] = None,
    labels: LabelsOption = None,
    pdf_reader: PdfReaderOption = None,
) -> None:
    """Convert documents: OUT/<file>.json and .csv, OUT/inventory.csv and .jsonl, OUT/report.json."""
    from extractor.batch import Engine, Interrupted, convert_stream
    from extractor.batch import convert as run
    from extractor.progress import Progress

    state = ctx.find_object(CliState) or CliState()
    chosen = [f.strip() for f in formats.split(",") if f.strip()]
    streaming = str(out) == STDOUT
    if engine not in ("local", "dask"):
        _stderr(f"error: --engine: expected local or dask, got {engine!r}")
        raise typer.Exit(EXIT_USAGE)
    if verbose and quiet:
        _stderr("error: --verbose and --quiet: give one of them")
        raise typer.Exit(EXIT_USAGE)
    if streaming and resume:
        _stderr("error: --resume: nothing to resume with -o - (no output folder)")
        raise typer.Exit(EXIT_USAGE)
    if state.log_level is None and (verbose or quiet):
        _log_to_stderr("info" if verbose else "error")
    if engine == "dask":
        _quiet_dask(verbose)
    progress = Progress(verbose=verbose)
    on_result = _say_failure if quiet else progress.update
    options: dict[str, Any] = {
        "jobs": jobs,
        "timeout": timeout,
        "engine": cast("Engine", engine),
        "scheduler": scheduler,
        "raw_csv": raw_csv,
        "excel": excel,
    }
    try:
        settings = _settings(
            ctx,
            labels,
            password=password,
            max_pages=max_pages,
            max_file_size=max_file_size,
            max_memory_mb=max_memory,
            pdf_reader=pdf_reader,
            pages=pages,
        )
        with _progress_unless(quiet, progress):
            if streaming:
                outcomes = convert_stream(inputs, _write_stdout, settings, on_result, **options)
            else:
                outcomes = run(
                    inputs, out, chosen, settings, on_result, resume=resume, on_plan=progress.plan, **options
                )
    except Interrupted as stop:
        if not quiet:
            for line in progress.summary(stop.outcomes, out):
                _stderr(line)
        rest = "" if streaming else "; --resume converts them"
        _stderr(f"interrupted: {stop.unfinished} file(s) not converted{rest}")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except BrokenPipeError:  # the reader of stdout left (| head): nothing more to say to it
        _stdout_gone()
        raise typer.Exit(EXIT_FAILED) from None
    except (ExtractorError, OSError, KeyboardInterrupt) as error:
        raise _exit_for(error) from None
    if not quiet:
        for line in progress.summary(outcomes, out):
            _stderr(line)
    failing = FAILING_STATUSES[fail_on]
    raise typer.Exit(EXIT_FAILED if any(o.status in failing for o in outcomes) else EXIT_OK)


@contextmanager
def _progress_unless(quiet: bool, progress: Progress) -> Iterator[None]:
    """The progress bar, unless ``--quiet``."""
    if quiet:
        yield
    else:
        with progress:
            yield


def _say_failure(outcome: Outcome, done: int, total: int) -> None:
    """What ``--quiet`` still says: each failed document, on one line."""
    if outcome.status == "failed":
        _stderr(f"error: {outcome.error}")


def _write_stdout(text: str) -> None:
    typer.echo(text, nl=False)


def _stdout_gone() -> None:
    """Stdout's reader has gone: point stdout at nothing, so that Python's own flush at exit says nothing."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # a stdout without a file descriptor (a test runner's)
        pass
    finally:
        os.close(devnull)


PasswordOption = Annotated[
    str | None, typer.Option("--password", metavar="PASSWORD", help="Password of an encrypted PDF.")
]
LabelsOption = Annotated[
    Path | None,
    typer.Option(
        "--labels",
        metavar="FILE",
        help='Header labels of your own: a JSON or TOML file of label -> role ({"Kakans namn": "name"}).',
        show_default=False,
    ),
]

PdfReaderOption = Annotated[
    str | None,
    typer.Option(
        "--pdf-reader",
        metavar="pdfium|pdfplumber",
        help=f"Library that reads PDFs: pdfium (fast) or pdfplumber; both give the same records "
        f"(default: {DEFAULT_PDF_READER}).",
        show_default=False,
    ),
]

PagesOption = Annotated[
    str | None,
    typer.Option(
        "--pages", metavar="PAGES", help="PDF pages to read: 1-3,5 or 2-end (default: all).", show_default=False
    ),
]


@app.command()
def show(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="One document.", show_default=False)],
    password: PasswordOption = None,
    labels: LabelsOption = None,
    pdf_reader: PdfReaderOption = None,
    pages: PagesOption = None,
    explain: Annotated[
        bool,
        typer.Option("--explain", help="Also print, per table, why each column got its role and which reading won."),
    ] = False,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print the document's result as JSON (what convert writes to OUT/<file>.json)."),
    ] = False,
) -> None:
    """Print the rebuilt table(s) and the warnings of one document (or, with --json, its result)."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table as RichTable

    from extractor.pipeline import extract
    from extractor.writers.json import dumps

    with _exit_on_error():
        settings = _settings(ctx, labels, password=password, pdf_reader=pdf_reader, pages=pages)
        result = extract(file, settings, strict=True)
    if as_json:
        _write_stdout(dumps(result.to_dict()))
        return
    console = Console()
    shown = escape(display_name(result.source))
    console.print(f"[bold]{shown}[/bold]  status={result.status}  language={result.language}")
    for table in result.tables:
        grid = RichTable(title=f"table {table.index}: {table.heading or '(no heading)'}", show_lines=True)
        for header, role in zip(table.headers, table.columns, strict=True):
            grid.add_column(f"{header}\n[dim]{role}[/dim]")
        for row in table.rows:
            grid.add_row(*[" ".join((cell or "").split()) for cell in row.cells])
        console.print(grid)
        if explain:
            console.print(f"[bold]why[/bold] table {table.index}: read as {table.method or 'unknown'}", markup=True)
            for line in table.explanation:
                console.print(f"  {line}", markup=False, highlight=False)
    console.print(f"{len(result.cookies)} cookie(s)")
    for warning in result.warnings:
        where = f"page {warning.page}, line {warning.line}: " if warning.line else ""
        console.print(f"[yellow]warning[/yellow] {warning.code}: {where}{warning.message}")


@app.command()
def debug(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="One PDF document.", show_default=False)],
    page: Annotated[int, typer.Option("--page", "-p", metavar="N", help="1-based page number.")] = 1,
    out: Annotated[Path, typer.Option("-o", "--out", metavar="PNG", help="PNG file to write.")] = Path("page.png"),
    password: PasswordOption = None,
    labels: LabelsOption = None,
) -> None:
    """Draw the detected table region, column bounds and row bounds over a PDF page, as a PNG."""
    from extractor.debug import save_debug_image
    from extractor.pipeline import extract

    with _exit_on_error():
        settings = _settings(ctx, labels, password=password)
        result = extract(file, settings, strict=True)
        out.parent.mkdir(parents=True, exist_ok=True)
        save_debug_image(result, page, out, password=settings.password, settings=settings)
    _stderr(f"{len(result.tables)} table(s); page {page} drawn -> {display_name(out)}")


@app.command("report")
def report_command(
    out_dir: Annotated[Path, typer.Argument(help="A folder extractor convert wrote.", show_default=False)],
    out: Annotated[
        Path | None,
        typer.Option("-o", "--out", help="HTML file to write (default: OUT_DIR/report.html).", show_default=False),
    ] = None,
    no_pictures: Annotated[
        bool, typer.Option("--no-pictures", help="Leave out the debug pictures of PDF pages (no PDF is read).")
    ] = False,
) -> None:
    """Write one self-contained HTML page to review a batch: counts, failures and their reasons, tables, pictures."""
    from extractor.html_report import write_report

    target = out if out is not None else out_dir / "report.html"
    with _exit_on_error():
        write_report(out_dir, target, pictures=not no_pictures)
    _stderr(f"report -> {target}")


@app.command("export")
def export_command(
    inventory: Annotated[
        Path,
        typer.Argument(
            help="A document (converted now), its JSON output, a folder of them, or an inventory.csv / .jsonl.",
            show_default=False,
        ),
    ],
    to: Annotated[str, typer.Option("--to", help="klaro, cookieconsent, tcf-disclosure or csv-onetrust.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="File to write; - for stdout.", show_default=False)],
) -> None:
    """Export an inventory to a consent tool's format (a failed document is an error: nothing is written)."""
    from extractor.errors import OutputError
    from extractor.exports.documents import export_documents
    from extractor.writers.json import atomic_write, dumps
    from extractor.writers.read import read_documents

    with _exit_on_error():
        if str(out) != "-" and out.is_dir():
            raise OutputError(
                f"{display_name(out)}: is a folder; expected the path of the file to write (or - for stdout)"
            )
        exported = export_documents(read_documents(inventory), to)
        text = exported.content if isinstance(exported.content, str) else dumps(exported.content)
        if str(out) == "-":
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            try:
                atomic_write(out, text)
            except OSError as error:
                raise OutputError(f"{display_name(out)}: cannot write ({error.strerror or error})") from None
    for note in exported.notes:
        _stderr(f"note: {note}")
    _stderr(f"{to} -> {'stdout' if str(out) == '-' else display_name(out)}")


def main() -> None:
    """The ``extractor`` command: an error or Ctrl-C that escapes a command is still one line, with its exit
    code."""
    try:
        with _exit_on_error():
            app()
    except typer.Exit as stop:
        sys.exit(stop.exit_code)


# Every command's help names its values plainly (``PlainCommand``), the commands above and any added later.
for _command in app.registered_commands:
    if _command.cls in (None, TyperCommand):
        _command.cls = PlainCommand


if __name__ == "__main__":
    main()
