"""A batch's review page: one self-contained HTML file made from a ``convert`` output folder.

It holds counts by status, the documents that failed or were partial with the reason, each document's tables with
low-confidence rows marked, and for PDFs the debug picture of each page that holds a table (inline style and
script, pictures as ``data:`` URIs, nothing fetched).

The page reads ``OUT/report.json`` and each document's ``OUT/<name>.json``; every string that comes from a
document (names, purposes, file names, messages) is escaped. Without JavaScript every document is shown; the
script only adds the filters by status and warning code. A Content-Security-Policy admits the page's own
style and script (by hash) and ``data:`` pictures, nothing else.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path, PurePosixPath
from typing import Any

from extractor.errors import ExtractorError, InputError

# Rows less sure than this are marked on the page: the rows the pipeline calls doubtful (below 0.5) and the close
# calls of tables whose cells ran together (0.55), not the guessed rows of a reading-order dump alone (0.5 is
# marked too: below 0.6).
DEFAULT_LOW_CONFIDENCE = 0.6
# Pictures are drawn at this resolution (dots per inch: an A4 page is 595 pixels wide) and scaled down to this
# width, so a page costs some tens of kilobytes in the HTML.
DEFAULT_PICTURE_RESOLUTION = 72
DEFAULT_PICTURE_WIDTH = 480
DEFAULT_PICTURE_COLOURS = 32
# The order statuses are listed in; a status the report holds that is not here (a newer version's) comes after.
STATUS_ORDER = ("failed", "partial", "ok")
# The cookie field shown in a column of each role; ``name`` lists every name of the row, ``other`` columns are
# not kept in the JSON output.
ROLE_FIELDS = {
    "provider": "provider",
    "function": "function",
    "purpose": "purpose",
    "duration": "duration",
    "type": "type",
    "domain": "domain",
    "category": "category",
}

STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:1.5em auto;max-width:72em;padding:0 1em;color:#1b1b1b;background:#fff}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em}h3{font-size:1em}
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #bbb;padding:.2em .45em;vertical-align:top}
th{background:#eef1f6;text-align:left}td.num{text-align:right}
.status-ok{color:#176b2c}.status-partial{color:#8a5a00}.status-failed{color:#b00020}
tr.low td{background:#fff1c2}.mark{font-weight:bold;color:#8a5a00}
.reason{margin:.2em 0 .2em 1em}.document{border-top:2px solid #d5d9e0;padding-top:.3em}
figure{margin:.5em 0}figure img{border:1px solid #999;max-width:100%}
#filters{background:#f4f6fa;padding:.5em;border:1px solid #d5d9e0}.dim{color:#666}
"""

SCRIPT = """
(function () {
  var filters = document.getElementById("filters");
  var status = document.getElementById("status-filter");
  var code = document.getElementById("code-filter");
  var shown = document.getElementById("shown-count");
  var documents = document.querySelectorAll("section.document");
  // A link may carry the filters: report.html#status=partial&code=noise
  location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
    var parts = pair.split("=");
    if (parts.length !== 2) { return; }
    var value = decodeURIComponent(parts[1]);
    if (parts[0] === "status") { status.value = value; }
    if (parts[0] === "code") { code.value = value; }
  });
  function apply() {
    var count = 0;
    for (var i = 0; i < documents.length; i++) {
      var section = documents[i];
      var codes = (section.getAttribute("data-codes") || "").split(" ");
      var visible = (status.value === "" || section.getAttribute("data-status") === status.value) &&
        (code.value === "" || codes.indexOf(code.value) >= 0);
      section.hidden = !visible;
      if (visible) { count++; }
    }
    shown.textContent = count + " of " + documents.length + " document(s) shown";
  }
  status.addEventListener("change", apply);
  code.addEventListener("change", apply);
  filters.hidden = false;
  apply();
})();
"""


@dataclass(frozen=True)
class Picture:
    """A page's debug picture as a PNG ``data:`` URI, or why there is none."""

    page: int
    uri: str | None
    note: str | None = None


@dataclass(frozen=True)
class ReportDocument:
    """One document of the batch as the page shows it: its entry in ``report.json`` and, when written, its
    own JSON output."""

    output: str
    source: str
    status: str
    error: str | None
    warnings: tuple[Mapping[str, Any], ...]
    data: Mapping[str, Any] | None


def _text(value: object) -> str:
    """Escaped text of a value read from a document (``None`` as nothing)."""
    return "" if value is None else escape(str(value), quote=True)


def _anchor(output: str) -> str:
    return "doc-" + hashlib.sha256(output.encode("utf-8")).hexdigest()[:12]


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(str(path), "not found; expected the output folder of extractor convert") from None
    except (OSError, ValueError) as exc:
        raise InputError(str(path), f"not readable as JSON ({type(exc).__name__}: {exc})") from None


def _document_json(out_dir: Path, output: str) -> Mapping[str, Any] | None:
    """A document's own JSON output, or ``None`` when it was not written (``-f csv``) or is not ours."""
    name = PurePosixPath(output)
    if name.is_absolute() or ".." in name.parts:
        return None
    try:
        data = json.loads((out_dir / f"{output}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def read_batch(out_dir: Path) -> tuple[Mapping[str, Any], list[ReportDocument]]:
    """The batch report and its documents, read from a ``convert`` output folder.

    Fields are read defensively: a report of another version may hold more (or fewer) of them.

    Raises:
        InputError: the folder holds no readable ``report.json``.
    """
    report = _load_json(out_dir / "report.json")
    if not isinstance(report, dict) or not isinstance(report.get("documents"), list):
        raise InputError(str(out_dir / "report.json"), "no 'documents' list; expected an extractor batch report")
    documents = []
    for entry in report["documents"]:
        if not isinstance(entry, dict):
            continue
        output = str(entry.get("output") or entry.get("source") or "?")
        data = _document_json(out_dir, output)
        warnings = (data or {}).get("warnings", entry.get("warnings")) or []
        documents.append(
            ReportDocument(
                output=output,
                source=str(entry.get("source") or (data or {}).get("source") or output),
                status=str(entry.get("status") or (data or {}).get("status") or "unknown"),
                error=entry.get("error") or (data or {}).get("error"),
                warnings=tuple(w for w in warnings if isinstance(w, dict)),
                data=data,
            )
        )
    return report, documents


def _status_order(statuses: Iterable[str]) -> list[str]:
    present = set(statuses)
    return [s for s in STATUS_ORDER if s in present] + sorted(present - set(STATUS_ORDER))


def _warning_line(warning: Mapping[str, Any]) -> str:
    where = ""
    if warning.get("page") is not None:
        where = f" (page {_text(warning.get('page'))}"
        where += f", line {_text(warning.get('line'))})" if warning.get("line") is not None else ")"
    return f"<code>{_text(warning.get('code'))}</code>: {_text(warning.get('message'))}{where}"


def _reason(document: ReportDocument) -> str:
    """Why a document is not ``ok``: its error, else its warnings."""
    lines = []
    if document.error:
        lines.append(f"error: {_text(document.error)}")
    lines.extend(_warning_line(w) for w in document.warnings)
    if not lines:
        lines.append("no reason recorded")
    return "".join(f'<div class="reason">{line}</div>' for line in lines)


def _rows_of(table: Mapping[str, Any], cookies: Sequence[Mapping[str, Any]]) -> list[list[Mapping[str, Any]]]:
    """The table's rows, each the cookie records made from it, in row order."""
    rows: dict[Any, list[Mapping[str, Any]]] = {}
    for cookie in cookies:
        if cookie.get("table") == table.get("index"):
            rows.setdefault(cookie.get("row"), []).append(cookie)
    return [rows[key] for key in sorted(rows, key=lambda r: r if isinstance(r, int) else -1)]


def _cell(role: str, records: Sequence[Mapping[str, Any]]) -> str:
    if role == "name":
        return ", ".join(_text(r.get("name")) for r in records)
    field = ROLE_FIELDS.get(role)
    return _text(records[0].get(field)) if field else '<span class="dim" title="not kept in the output">·</span>'


def _confidence(records: Sequence[Mapping[str, Any]]) -> float | None:
    values = [r["confidence"] for r in records if isinstance(r.get("confidence"), int | float)]
    return min(values) if values else None


def _table_html(table: Mapping[str, Any], cookies: Sequence[Mapping[str, Any]], threshold: float) -> str:
    headers = [str(h) for h in table.get("headers") or []]
    roles = [str(r) for r in table.get("columns") or []]
    roles = (roles + ["other"] * len(headers))[: len(headers)]
    head = "".join(
        f"<th>{_text(h)}<br><span class='dim'>{_text(r)}</span></th>" for h, r in zip(headers, roles, strict=True)
    )
    body = []
    for records in _rows_of(table, cookies):
        confidence = _confidence(records)
        low = confidence is not None and confidence < threshold
        mark = f'<span class="mark">low {confidence:.2f}</span>' if low else f"{confidence or 0:.2f}"
        cells = "".join(f"<td>{_cell(role, records)}</td>" for role in roles)
        body.append(f"<tr{' class=low' if low else ''}>{cells}<td class=num>{mark}</td></tr>")
    title = f"table {_text(table.get('index'))}, page {_text(table.get('page'))}"
    if table.get("heading"):
        title += f": {_text(table.get('heading'))}"
    return (
        f"<h4>{title}</h4><table><thead><tr>{head}<th>confidence</th></tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _pictures(data: Mapping[str, Any], width: int) -> list[Picture]:
    """The debug picture of each page of a PDF that holds a table, from a fresh reading of the source.

    The JSON output keeps no geometry, so the source is read again (its path as converted, from the current
    folder); a source that moved, changed since the conversion (another SHA-256) or cannot be read now gives a
    note instead of a picture.
    """
    from extractor.batch import file_sha256
    from extractor.debug import debug_image
    from extractor.pipeline import extract

    source = Path(str(data.get("source")))
    if not source.is_file():
        return [Picture(0, None, f"no picture: {source} is not where it was converted")]
    if file_sha256(source) != data.get("sha256"):
        return [Picture(0, None, f"no picture: {source} changed since it was converted")]
    result = extract(source)
    if result.error:  # an encrypted PDF (the password is not kept), a reader that fails now
        return [Picture(0, None, f"no picture: {result.error}")]
    pages = sorted(
        {t.page for t in result.tables} | {r.page for t in result.tables for r in t.rows if r.box is not None}
    )
    pictures = []
    for page in pages:
        try:
            image = debug_image(result, page, resolution=DEFAULT_PICTURE_RESOLUTION).annotated
        except ExtractorError as error:
            pictures.append(Picture(page, None, f"no picture: {error}"))
            continue
        image.thumbnail((width, width * 4))
        buffer = io.BytesIO()
        # A page drawing needs few colours: a palette of DEFAULT_PICTURE_COLOURS keeps the lines and text readable
        # at a third of the bytes of full colour.
        image.convert("RGB").quantize(colors=DEFAULT_PICTURE_COLOURS).save(buffer, format="PNG", optimize=True)
        pictures.append(Picture(page, "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")))
    return pictures


def _document_html(document: ReportDocument, threshold: float, pictures: bool, width: int) -> str:
    data = document.data or {}
    codes = sorted({str(w.get("code")) for w in document.warnings if w.get("code")})
    status = document.status
    parts = [
        f'<section class="document" id="{_anchor(document.output)}" data-status="{_text(status)}" '
        f'data-codes="{_text(" ".join(codes))}">',
        f"<h3>{_text(document.source)} <span class='status-{_text(status)}'>[{_text(status)}]</span></h3>",
    ]
    facts = [f"format {_text(data.get('format'))}", f"language {_text(data.get('language'))}"]
    cookies = [c for c in data.get("cookies") or [] if isinstance(c, dict)]
    facts.append(f"{len(cookies)} cookie(s) in {len(data.get('tables') or [])} table(s)")
    parts.append(f"<p class='dim'>{' · '.join(facts)}</p>" if document.data else "")
    if status != "ok" or document.warnings:
        parts.append(_reason(document))
    if document.data is None:
        parts.append("<p class='dim'>no per-document JSON in the folder (converted without <code>-f json</code>)</p>")
    for table in data.get("tables") or []:
        if isinstance(table, dict):
            parts.append(_table_html(table, cookies, threshold))
    if pictures and data.get("format") == "pdf" and data.get("tables"):
        for picture in _pictures(data, width):
            if picture.uri is None:
                parts.append(f"<p class='dim'>{_text(picture.note)}</p>")
            else:
                caption = f"page {picture.page}: table region (blue), column bounds (red), row tops (green)"
                parts.append(
                    f'<figure><img src="{picture.uri}" alt="{_text(caption)}"><figcaption>{_text(caption)}'
                    "</figcaption></figure>"
                )
    parts.append("</section>")
    return "\n".join(p for p in parts if p)


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def render_report(
    out_dir: Path,
    *,
    pictures: bool = True,
    low_confidence: float = DEFAULT_LOW_CONFIDENCE,
    picture_width: int = DEFAULT_PICTURE_WIDTH,
) -> str:
    """The review page of a ``convert`` output folder, as one self-contained HTML document.

    Args:
        out_dir: the folder ``extractor convert`` wrote (``report.json`` and ``<name>.json`` per document).
        pictures: draw the debug picture of each PDF page holding a table (reads the PDFs again).
        low_confidence: rows less sure than this are marked.
        picture_width: largest width of a picture, in pixels.

    Returns:
        The HTML text (the same bytes for the same folder and sources).

    Raises:
        InputError: the folder holds no readable ``report.json``.
    """
    report, documents = read_batch(out_dir)
    statuses = _status_order(d.status for d in documents)
    by_status = Counter(d.status for d in documents)
    given = report.get("counts")
    counts: Mapping[str, Any] = given if isinstance(given, dict) else {}
    codes = sorted({str(w.get("code")) for d in documents for w in d.warnings if w.get("code")})
    count_rows = "".join(
        f"<tr><td class='status-{_text(s)}'>{_text(s)}</td><td class=num>{_text(counts.get(s, by_status[s]))}</td></tr>"
        for s in _status_order([*statuses, *counts])
    )
    extra = [
        f"{_text(key)} {_text(value)}"
        for key, value in report.items()
        if key in ("files", "cookies", "pages", "resumed", "interrupted", "skipped") and isinstance(value, int)
    ]
    troubled = [d for d in documents if d.status != "ok"]
    trouble_items = "".join(
        f"<li><a href='#{_anchor(d.output)}'>{_text(d.source)}</a> "
        f"<span class='status-{_text(d.status)}'>[{_text(d.status)}]</span>{_reason(d)}</li>"
        for d in troubled
    )
    index_items = "".join(
        f"<li><a href='#{_anchor(d.output)}'>{_text(d.source)}</a> <span class='status-{_text(d.status)}'>"
        f"{_text(d.status)}</span></li>"
        for d in documents
    )
    status_options = "".join(f"<option value='{_text(s)}'>{_text(s)}</option>" for s in statuses)
    code_options = "".join(f"<option value='{_text(c)}'>{_text(c)}</option>" for c in codes)
    csp = (
        f"default-src 'none'; img-src data:; style-src {_csp_hash(STYLE)}; script-src {_csp_hash(SCRIPT)}; "
        "base-uri 'none'; form-action 'none'"
    )
    body = "\n".join(_document_html(d, low_confidence, pictures, picture_width) for d in documents)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>extractor batch report: {_text(out_dir.name or str(out_dir))}</title>
<style>{STYLE}</style>
</head>
<body>
<h1>Batch report: {_text(str(out_dir))}</h1>
<p class="dim">{" · ".join(extra)} · extractor {_text(report.get("extractor_version"))}</p>
<h2>Documents by status</h2>
<table id="counts"><thead><tr><th>status</th><th>documents</th></tr></thead><tbody>{count_rows}</tbody></table>
<h2>Failed or partial ({len(troubled)})</h2>
<ul id="troubled">{trouble_items or "<li>none</li>"}</ul>
<h2>Every document ({len(documents)})</h2>
<ul id="index">{index_items}</ul>
<form id="filters" hidden>
<label>status <select id="status-filter"><option value="">any</option>{status_options}</select></label>
<label>warning <select id="code-filter"><option value="">any</option>{code_options}</select></label>
<span id="shown-count"></span>
</form>
{body}
<script>{SCRIPT}</script>
</body>
</html>
"""


def write_report(out_dir: Path, target: Path, *, pictures: bool = True) -> Path:
    """Write the review page of ``out_dir`` to ``target`` (atomically).

    Raises:
        InputError: no readable ``report.json`` in ``out_dir``.
        OutputError: ``target`` is a folder.
    """
    from extractor.errors import OutputError
    from extractor.writers.json import atomic_write

    if target.is_dir():
        raise OutputError(f"{target}: is a folder; expected the path of the HTML file to write")
    atomic_write(target, render_report(out_dir, pictures=pictures))
    return target
