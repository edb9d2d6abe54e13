"""The command line: parse arguments, call one library function, print, exit.

Exit codes: 0 every file converted, 1 some file failed (the others are still written) or an output cannot be
written, 2 usage errors, 130 interrupted (Ctrl-C, or SIGTERM during a batch).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, cast

import typer

from extractor.errors import ConfigError, ExtractorError, display_name

app = typer.Typer(
    name="extractor",
    help="Rebuild cookie tables from cookie-policy documents (PDF and text exports) into clean inventories.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
# What a shell reports for a process stopped by Ctrl-C (128 + SIGINT).
EXIT_INTERRUPTED = 130


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


@app.command()
def convert(
    inputs: Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively).", show_default=False)],
    out: Annotated[Path, typer.Option("-o", "--out", help="Output folder.")] = Path("out"),
    formats: Annotated[
        str,
        typer.Option("-f", "--formats", help="Comma-separated: json,csv per document; parquet for the inventory."),
    ] = "json,csv",
    jobs: Annotated[
        int | None, typer.Option("-j", "--jobs", help="Worker processes (default: all cores).", show_default=False)
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Skip inputs already converted (same content and version).")
    ] = False,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds a document may take.")] = 120.0,
    engine: Annotated[str, typer.Option("--engine", help="local (worker processes) or dask.")] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Dask scheduler address (tcp://HOST:8786); none starts a local cluster."),
    ] = None,
    raw_csv: Annotated[
        bool, typer.Option("--raw-csv", help="Keep CSV cells that start like a formula (=, +, -, @) as they are.")
    ] = False,
    max_pages: Annotated[int, typer.Option("--max-pages", help="Refuse PDFs with more pages.")] = 300,
    max_file_size: Annotated[
        int, typer.Option("--max-file-size", help="Refuse inputs larger than this many bytes.")
    ] = 50 * 1024 * 1024,
    max_memory: Annotated[int, typer.Option("--max-memory", help="Memory cap of each worker, in MB.")] = 4096,
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help="Log every file.")] = False,
    password: Annotated[str | None, typer.Option("--password", help="Password of encrypted PDFs.")] = None,
    labels: LabelsOption = None,
    pdf_reader: PdfReaderOption = "pdfium",
) -> None:
    """Convert documents: OUT/<file>.json and .csv, OUT/inventory.csv and .jsonl, OUT/report.json."""
    from extractor.batch import Engine, Interrupted
    from extractor.batch import convert as run
    from extractor.progress import Progress
    from extractor.settings import PdfReader, Settings

    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")
    chosen = [f.strip() for f in formats.split(",") if f.strip()]
    if engine not in ("local", "dask"):
        _stderr(f"error: --engine: expected local or dask, got {engine!r}")
        raise typer.Exit(EXIT_USAGE)
    if engine == "dask":
        _quiet_dask(verbose)
    progress = Progress(verbose=verbose)
    try:
        settings = Settings(
            password=password,
            max_pages=max_pages,
            max_file_size=max_file_size,
            max_memory_mb=max_memory,
            labels=_labels(labels),
            pdf_reader=cast("PdfReader", pdf_reader),
        )
        with progress:
            outcomes = run(
                inputs,
                out,
                chosen,
                settings,
                progress.update,
                jobs=jobs,
                resume=resume,
                timeout=timeout,
                engine=cast(Engine, engine),
                scheduler=scheduler,
                raw_csv=raw_csv,
                on_plan=progress.plan,
            )
    except Interrupted as stop:
        for line in progress.summary(stop.outcomes, out):
            _stderr(line)
        _stderr(f"interrupted: {stop.unfinished} file(s) not converted; --resume converts them")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except (ExtractorError, OSError, KeyboardInterrupt) as error:
        raise _exit_for(error) from None
    for line in progress.summary(outcomes, out):
        _stderr(line)
    raise typer.Exit(EXIT_FAILED if any(o.status == "failed" for o in outcomes) else EXIT_OK)


PasswordOption = Annotated[str | None, typer.Option("--password", help="Password of an encrypted PDF.")]
LabelsOption = Annotated[
    Path | None,
    typer.Option(
        "--labels",
        help='Header labels of your own: a JSON or TOML file of label -> role ({"Kakans namn": "name"}).',
        show_default=False,
    ),
]

PdfReaderOption = Annotated[
    str,
    typer.Option(
        "--pdf-reader",
        help="Library that reads PDFs: pdfium (fast) or pdfplumber; both give the same records.",
    ),
]


def _labels(path: Path | None) -> dict[str, str]:
    from extractor.settings import load_labels

    return load_labels(path) if path is not None else {}


@app.command()
def show(
    file: Annotated[Path, typer.Argument(help="One document.", show_default=False)],
    password: PasswordOption = None,
    labels: LabelsOption = None,
    pdf_reader: PdfReaderOption = "pdfium",
    explain: Annotated[
        bool,
        typer.Option("--explain", help="Also print, per table, why each column got its role and which reading won."),
    ] = False,
) -> None:
    """Print the rebuilt table(s) and the warnings of one document."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table as RichTable

    from extractor.pipeline import extract

    with _exit_on_error():
        result = extract(file, strict=True, password=password, labels=_labels(labels), pdf_reader=pdf_reader)
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
    file: Annotated[Path, typer.Argument(help="One PDF document.", show_default=False)],
    page: Annotated[int, typer.Option("--page", "-p", help="1-based page number.")] = 1,
    out: Annotated[Path, typer.Option("-o", "--out", help="PNG file to write.")] = Path("page.png"),
    password: PasswordOption = None,
    labels: LabelsOption = None,
) -> None:
    """Draw the detected table region, column bounds and row bounds over a PDF page, as a PNG."""
    from extractor.debug import save_debug_image
    from extractor.pipeline import extract

    with _exit_on_error():
        result = extract(file, strict=True, password=password, labels=_labels(labels))
        out.parent.mkdir(parents=True, exist_ok=True)
        save_debug_image(result, page, out, password=password)
    _stderr(f"{len(result.tables)} table(s); page {page} drawn -> {display_name(out)}")


@app.command("export")
def export_command(
    inventory: Annotated[
        Path, typer.Argument(help="A document's JSON output, or a folder of them.", show_default=False)
    ],
    to: Annotated[str, typer.Option("--to", help="klaro, cookieconsent, tcf-disclosure or csv-onetrust.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="File to write.", show_default=False)],
) -> None:
    """Export an inventory to a consent tool's format."""
    from extractor.exports import export
    from extractor.writers.json import atomic_write, dumps
    from extractor.writers.read import read_cookies

    with _exit_on_error():
        exported = export(read_cookies(inventory), to)
        atomic_write(out, exported if isinstance(exported, str) else dumps(exported))
    _stderr(f"{to} -> {display_name(out)}")


def main() -> None:
    """The ``extractor`` command: an error or Ctrl-C that escapes a command is still one line, with its exit
    code."""
    try:
        with _exit_on_error():
            app()
    except typer.Exit as stop:
        sys.exit(stop.exit_code)


if __name__ == "__main__":
    main()
