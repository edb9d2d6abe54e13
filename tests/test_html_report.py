"""The batch review page (``extractor report``): every document listed, failures and partial documents with
their reason, tables with low-confidence rows marked, PDF pages as small embedded pictures, document text
escaped, nothing fetched; and the page opened in headless Chromium (its DOM after the script ran, a screenshot).

The batch is made at test time from ``samples/`` plus a broken PDF (failed), a text without a cookie table
(partial) and a policy whose cells and file name hold markup."""

from __future__ import annotations

import base64
import io
import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from extractor.batch import convert
from extractor.cli import app
from extractor.html_report import DEFAULT_PICTURE_WIDTH, render_report
from tests.conftest import SAMPLES, sample_inputs

HOSTILE_NAME = "<img src=x onerror=alert(3)>.txt"
HOSTILE_COOKIE = "<script>alert(1)</script>"
HOSTILE_POLICY = (
    "Cookie policy of Evil Shop\n\nName\tProvider\tPurpose\tDuration\n"
    f"{HOSTILE_COOKIE}\tEvil <b>Shop</b>\tTracks <img src=x onerror=alert(2)> visits\t1 year\n"
    "_ga\tGoogle\tCounts visitors\t2 years\n"
)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed: `make browser` installs it (as root, with apt-get)"
)


class Page(HTMLParser):
    """What a reader of the page gets: each document section's attributes and text, every element's
    attributes, the text of elements by id, and the script elements."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[dict[str, str]] = []
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.by_id: dict[str, str] = {}
        self._open_ids: list[tuple[str, str, int]] = []
        self._depth = 0
        self._section_depth: int | None = None
        self.texts: list[str] = []
        self.feed(html)
        self.text = "".join(self.texts)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.elements.append((tag, values))
        if tag in ("br", "img", "meta", "input", "link"):
            return
        self._depth += 1
        if tag == "section":
            self.sections.append({**values, "text": ""})
            self._section_depth = self._depth
        if "id" in values:
            self._open_ids.append((values["id"], tag, self._depth))
            self.by_id[values["id"]] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag in ("br", "img", "meta", "input", "link"):
            return
        if self._open_ids and self._open_ids[-1][2] == self._depth:
            self._open_ids.pop()
        if self._section_depth == self._depth:
            self._section_depth = None
        self._depth -= 1

    def handle_data(self, data: str) -> None:
        self.texts.append(data)
        if self._section_depth is not None:
            self.sections[-1]["text"] += data
        for element_id, _, _ in self._open_ids:  # the texts of an element's children, a space apart
            self.by_id[element_id] = f"{self.by_id[element_id]} {data}".strip()

    def section_of(self, source: str) -> dict[str, str]:
        return next(s for s in self.sections if s["text"].lstrip().startswith(source))


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("batch")
    extra = folder / "extra"
    extra.mkdir()
    (extra / "broken.pdf").write_bytes(b"%PDF-1.4 cut short")
    (extra / "weather.txt").write_text("Hello.\nThis page holds no table, only words about the weather.\n")
    (extra / HOSTILE_NAME).write_text(HOSTILE_POLICY, encoding="utf-8")
    out = folder / "out"
    convert([SAMPLES, *sorted(extra.iterdir())], out, jobs=2)
    return out


@pytest.fixture(scope="module")
def html(batch: Path) -> str:
    return render_report(batch)


def _report(batch: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((batch / "report.json").read_text(encoding="utf-8"))
    return data


def test_every_document_of_the_batch_has_its_section_and_status(batch: Path, html: str) -> None:
    page = Page(html)
    documents = _report(batch)["documents"]
    assert isinstance(documents, list) and len(documents) == len(sample_inputs()) + 3
    assert len(page.sections) == len(documents)
    for document in documents:
        section = page.section_of(document["source"])
        assert section["data-status"] == document["status"]
        assert document["source"] in page.by_id["index"]


def test_counts_by_status_are_the_reports(batch: Path, html: str) -> None:
    counts = Page(html).by_id["counts"].split()
    assert counts == ["status", "documents", "failed", "1", "partial", "1", "ok", str(len(sample_inputs()) + 1)]


@pytest.mark.parametrize(
    ("source", "reason"),
    [("broken.pdf", "corrupt PDF"), ("weather.txt", "no-table")],
    ids=["a failed document shows its error", "a partial document shows its warning"],
)
def test_failed_and_partial_documents_show_their_reason(html: str, source: str, reason: str) -> None:
    page = Page(html)
    section = next(s for s in page.sections if source in s["text"].strip().split("\n", 1)[0])
    assert reason in section["text"]
    troubled = page.by_id["troubled"]
    assert source in troubled and reason in troubled


def test_document_text_is_shown_as_text_never_as_markup(html: str) -> None:
    page = Page(html)
    assert [tag for tag, _ in page.elements if tag == "script"] == ["script"]  # the page's own, only
    assert all(
        attrs.get("src", "").startswith("data:image/png;base64,") for tag, attrs in page.elements if tag == "img"
    )
    assert not any(tag == "b" for tag, _ in page.elements)
    assert HOSTILE_COOKIE in page.text
    assert "Evil <b>Shop</b>" in page.text
    assert HOSTILE_NAME.removesuffix(".txt") in page.text
    assert "<script>alert" not in html and "<img src=x" not in html


def test_the_page_fetches_nothing(html: str) -> None:
    page = Page(html)
    for tag, attrs in page.elements:
        for name in ("src", "href", "action"):
            value = attrs.get(name)
            assert value is None or value.startswith(("data:", "#")), f"<{tag} {name}={value}>"
    csp = next(a["content"] for t, a in page.elements if t == "meta" and a.get("http-equiv"))
    assert "default-src 'none'" in csp and "img-src data:" in csp


def test_each_pdf_page_with_a_table_is_a_small_embedded_picture(html: str) -> None:
    page = Page(html)
    pictures = [a["src"] for t, a in page.elements if t == "img"]
    # cookies-ruled-en.pdf and cookies-paged-de.pdf hold tables on two pages, cookies-borderless-fr.pdf on one.
    assert len(pictures) == 5
    for uri in pictures:
        image = Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1])))
        assert image.format == "PNG" and image.width <= DEFAULT_PICTURE_WIDTH
        assert len(image.getcolors(256) or ()) > 2  # drawn, not blank


def test_no_pictures_reads_no_pdf(batch: Path) -> None:
    html = render_report(batch, pictures=False)
    assert "<img" not in html and "data:image" not in html


def test_rows_below_the_threshold_are_marked(batch: Path) -> None:
    page = Page(render_report(batch, pictures=False, low_confidence=0.9))
    glued = page.section_of(str(SAMPLES / "cookie-list-glued-en.txt"))
    ruled = page.section_of(str(SAMPLES / "cookies-ruled-en.pdf"))
    assert "low 0.80" in glued["text"]  # its rows cut where cells ran together
    assert "low 0." not in ruled["text"]
    assert (
        "low 0.80"
        not in Page(render_report(batch, pictures=False)).section_of(str(SAMPLES / "cookie-list-glued-en.txt"))["text"]
    )


def test_the_same_folder_gives_the_same_bytes(batch: Path, html: str) -> None:
    assert render_report(batch) == html


def test_a_report_of_another_version_is_read_for_what_it_holds(tmp_path: Path) -> None:
    """Fields a newer batch may add (an ``interrupted`` count and status) are shown, missing ones are not needed."""
    (tmp_path / "a.txt.json").write_text(
        json.dumps(
            {
                "source": "a.txt",
                "format": "text",
                "status": "partial",
                "tables": [{"index": 0, "page": 1, "headers": ["Name", "Note"], "columns": ["name", "other"]}],
                "cookies": [{"name": "_x", "table": 0, "row": 0, "confidence": 0.3}],
                "warnings": [{"code": "low-confidence", "message": "1 record(s) with confidence below 0.5"}],
            }
        )
    )
    report = {
        "counts": {"ok": 0, "partial": 1, "failed": 0, "interrupted": 1},
        "interrupted": 1,
        "documents": [
            {"source": "a.txt", "output": "a.txt", "status": "partial"},
            {"source": "b.pdf", "output": "b.pdf", "status": "interrupted"},
        ],
    }
    (tmp_path / "report.json").write_text(json.dumps(report))
    page = Page(render_report(tmp_path))
    assert [s["data-status"] for s in page.sections] == ["partial", "interrupted"]
    assert "low 0.30" in page.sections[0]["text"] and "low-confidence" in page.sections[0]["text"]
    assert "no per-document JSON" in page.sections[1]["text"]
    assert "interrupted" in page.by_id["counts"]


def test_report_command_writes_the_page_and_says_where(batch: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    target = tmp_path / "review.html"
    done = runner.invoke(app, ["report", str(batch), "-o", str(target), "--no-pictures"])
    assert done.exit_code == 0, done.output
    assert str(target) in done.stderr and "weather.txt" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [(["missing-folder"], "report.json: not found"), (["BATCH", "-o", "TMP"], "is a folder")],
    ids=["a folder convert did not write", "an output that is a folder"],
)
def test_report_command_errors_are_one_line(batch: Path, tmp_path: Path, arguments: list[str], message: str) -> None:
    arguments = [a.replace("BATCH", str(batch)).replace("TMP", str(tmp_path)) for a in arguments]
    if arguments[0] == "missing-folder":
        arguments[0] = str(tmp_path / "missing-folder")
    done = CliRunner().invoke(app, ["report", *arguments])
    assert done.exit_code == 1
    assert message in done.stderr and len(done.stderr.strip().splitlines()) == 1


def _chromium(page: Path, *options: str, profile: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",  # as root, Chromium refuses to start with its sandbox
            "--disable-gpu",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            *options,
            page.as_uri() if "#" not in page.name else "file://" + str(page),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


@needs_chromium
def test_chromium_renders_every_document_and_reason_with_the_script_run(batch: Path, html: str, tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_text(html, encoding="utf-8")
    done = _chromium(path, "--dump-dom", profile=tmp_path / "profile")
    assert done.returncode == 0, done.stderr[-2000:]
    dom = Page(done.stdout)
    documents = _report(batch)["documents"]
    assert isinstance(documents, list)
    assert len(dom.sections) == len(documents)
    assert "hidden" not in next(a for t, a in dom.elements if a.get("id") == "filters")  # the script showed them
    assert dom.by_id["shown-count"] == f"{len(documents)} of {len(documents)} document(s) shown"
    for document in documents:
        assert document["source"] in dom.by_id["index"]
    assert "corrupt PDF" in dom.by_id["troubled"] and "no-table" in dom.by_id["troubled"]
    assert HOSTILE_COOKIE in dom.text


@needs_chromium
def test_chromium_applies_the_filters_a_link_carries(batch: Path, html: str, tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_text(html, encoding="utf-8")
    done = _chromium(Path(f"{path}#status=failed"), "--dump-dom", profile=tmp_path / "profile")
    assert done.returncode == 0, done.stderr[-2000:]
    dom = Page(done.stdout)
    shown = [s for s in dom.sections if "hidden" not in s]
    assert [s["data-status"] for s in shown] == ["failed"]
    assert dom.by_id["shown-count"].startswith("1 of ")


@needs_chromium
def test_chromium_screenshot_is_the_size_asked_and_not_blank(html: str, tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_text(html, encoding="utf-8")
    shot = tmp_path / "shot.png"
    done = _chromium(path, f"--screenshot={shot}", "--window-size=1000,1400", profile=tmp_path / "profile")
    assert done.returncode == 0 and shot.is_file(), done.stderr[-2000:]
    image = Image.open(shot)
    assert image.size == (1000, 1400)
    colours = image.convert("RGB").getcolors(1 << 20) or []
    assert len(colours) > 50  # text, tables and the status colours; a blank page has one
    white = max(count for count, _ in colours)
    assert white < 0.97 * image.width * image.height


@pytest.mark.parametrize(
    ("change", "note"),
    [("edit", "changed since it was converted"), ("remove", "is not where it was converted")],
    ids=["a PDF changed since", "a PDF moved away"],
)
def test_a_pdf_that_cannot_be_drawn_again_gets_a_note(tmp_path: Path, change: str, note: str) -> None:
    pdf = tmp_path / "policy.pdf"
    shutil.copyfile(SAMPLES / "cookies-ruled-en.pdf", pdf)
    convert([pdf], tmp_path / "out", jobs=1)
    if change == "edit":
        pdf.write_bytes(pdf.read_bytes() + b"\n% appended\n")
    else:
        pdf.unlink()
    page = Page(render_report(tmp_path / "out"))
    assert note in page.sections[0]["text"]
    assert not any(tag == "img" for tag, _ in page.elements)
