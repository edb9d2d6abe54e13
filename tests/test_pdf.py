"""PDF documents: tables from the rendered samples, and clear errors for PDFs that cannot be read."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor import InputError, extract
from extractor.cli import app
from scripts.render_samples import SPECS, Spec, pdf_bytes, render
from tests.conftest import SAMPLES


def _spec(name: str) -> Spec:
    return next(spec for spec in SPECS if spec.name == name)


class _Page:
    """A PDF written top down: rows of cells at fixed columns in 10 pt type, and lines of text between."""

    def __init__(self, columns: tuple[float, ...], step: float = 14.0) -> None:
        from scripts.render_samples import PAGE_HEIGHT, Writer

        self.writer = Writer(10.0)
        self.columns = columns
        self.step = step
        self.y = PAGE_HEIGHT - 60

    def row(self, values: tuple[str, ...], bold: bool = False) -> None:
        for x, value in zip(self.columns, values, strict=True):
            if value:
                self.writer.text(x, self.y, value, 10.0, bold)
        self.y -= self.step

    def text(self, value: str, size: float = 10.0, bold: bool = False, after: float = 14.0) -> None:
        self.writer.text(self.columns[0], self.y, value, size, bold)
        self.y -= after

    def save(self, path: Path) -> Path:
        path.write_bytes(pdf_bytes(self.writer.pages))
        return path


def test_samples_are_what_build_renders() -> None:
    for spec in SPECS:
        assert (SAMPLES / spec.name).read_bytes() == render(spec), f"run python scripts/render_samples.py ({spec.name})"


@pytest.mark.parametrize("spec", SPECS, ids=[spec.name for spec in SPECS])
def test_every_rendered_row_is_one_record(spec: Spec) -> None:
    result = extract(SAMPLES / spec.name)
    expected = []
    for table in spec.tables:
        name_column = next(i for i, h in enumerate(table.headers) if "name" in h.casefold() or "nom" in h.casefold())
        for row in table.rows:
            expected.extend(n.strip() for n in row[name_column].replace(" and ", ", ").replace("\n", ",").split(","))
    assert [c.name for c in result.cookies] == expected
    assert all(c.purpose and c.duration and c.provider for c in result.cookies)


def test_wrapped_cells_are_joined_and_tables_keep_their_headings() -> None:
    result = extract(SAMPLES / "cookies-ruled-en.pdf")
    assert [t.heading for t in result.tables] == ["Strictly necessary cookies", "Analytics cookies"]
    by_name = {c.name: c for c in result.cookies}
    assert by_name["csrftoken"].purpose == "Protects the forms of the site against cross-site request forgery"
    assert by_name["_gid"].purpose == "Count visits and see how visitors move around the site"
    assert by_name["_gat"].duration == "Up to 2 years"


def test_rules_keep_a_cell_of_several_lines_in_one_row() -> None:
    by_name = {c.name: c for c in extract(SAMPLES / "cookies-ruled-en.pdf").cookies}
    for name in ("__utma", "__utmb", "__utmz"):
        assert by_name[name].purpose == "Older Google Analytics cookies that count visits"
        assert by_name[name].duration == "Up to 2 years"


def test_table_continued_without_header_is_stitched() -> None:
    result = extract(SAMPLES / "cookies-paged-de.pdf")
    assert len(result.tables) == 1
    assert {c.page for c in result.cookies} == {1, 2}
    assert [c.name for c in result.cookies] == [f"stat_{k}" for k in range(1, 15)]


def test_running_header_and_page_numbers_are_not_data() -> None:
    result = extract(SAMPLES / "cookies-paged-de.pdf")
    values = " ".join(str(v) for c in result.cookies for v in c.to_dict().values())
    assert "Beispiel GmbH" not in values
    assert "Seite 1 von" not in values and "Seite 2 von" not in values


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(pdf_bytes([[b"0.5 w 56 56 m 500 700 l S"]]))
    with pytest.raises(InputError, match=r"scan\.pdf: no text layer: OCR is not supported"):
        extract(scan, strict=True)


def test_truncated_pdf_names_the_file_and_the_problem(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes((SAMPLES / "cookies-borderless-fr.pdf").read_bytes()[:300])
    result = extract(broken)
    assert result.status == "failed"
    assert result.error is not None and result.error.startswith(f"{broken}: ")


def _encrypted(tmp_path: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO((SAMPLES / "cookies-borderless-fr.pdf").read_bytes())).pages:
        writer.add_page(page)
    writer.encrypt(user_password="s3cret", owner_password="owner", algorithm="AES-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def test_encrypted_pdf_asks_for_a_password(tmp_path: Path) -> None:
    locked = _encrypted(tmp_path)
    result = extract(locked)
    assert result.status == "failed"
    assert result.error == f"{locked}: encrypted PDF; pass --password"
    opened = extract(locked, password="s3cret")
    assert [c.name for c in opened.cookies][:3] == ["_pk_id.*", "_pk_ses.*", "mtm_consent_removed"]


def test_cli_password_and_bad_pdf_do_not_stop_a_batch(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    locked = _encrypted(inputs)
    (inputs / "broken.pdf").write_bytes(b"%PDF-1.4\n%broken")
    (inputs / "good.pdf").write_bytes((SAMPLES / "cookies-borderless-fr.pdf").read_bytes())
    runner = CliRunner()
    result = runner.invoke(app, ["convert", str(inputs), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert f"{locked}: encrypted PDF; pass --password" in result.stderr
    assert "broken.pdf" in result.stderr
    assert (tmp_path / "out" / "good.pdf.json").exists()
    result = runner.invoke(app, ["convert", str(locked), "-o", str(tmp_path / "out2"), "--password", "s3cret"])
    assert result.exit_code == 0, result.output


def test_debug_writes_a_png_with_the_detected_bounds(tmp_path: Path) -> None:
    from PIL import Image

    out = tmp_path / "page.png"
    result = CliRunner().invoke(app, ["debug", str(SAMPLES / "cookies-ruled-en.pdf"), "--page", "2", "-o", str(out)])
    assert result.exit_code == 0, result.output
    picture = Image.open(out).convert("RGB")
    colours = {picture.getpixel((x, y)) for x in range(0, picture.width, 2) for y in range(0, picture.height, 2)}
    assert (220, 30, 30) in colours  # column bounds
    assert (30, 90, 220) in colours  # table region


def test_debug_of_a_text_export_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["debug", str(SAMPLES / "opendatasoft-cookie-policy.txt"), "-o", str(tmp_path / "x.png")]
    )
    assert result.exit_code == 2
    assert "need a PDF" in result.stderr


def test_a_bold_header_whose_labels_wrap_over_four_lines_in_narrow_columns(tmp_path: Path) -> None:
    # Narrow columns wrap the labels ("Primeira /" / "Terceira" / "Parte"), capitalised pieces the lexicon need
    # not know, each under a label of its own: one header, its first line no header of its own.
    from scripts.render_samples import Table

    rows = [
        ["PHPSESSID", "Necessário", "Primeira parte", "Mantém a sessão do visitante no servidor.", "Sessão"],
        ["carrinho_id", "Necessário", "Primeira parte", "Guarda os produtos do carrinho.", "1 dia"],
        ["_ga", "Analítico", "Terceira parte", "Distingue os visitantes para as estatísticas.", "2 anos"],
    ]
    table = Table(
        "Cookies utilizados",
        ["Nome do cookie", "Tipo Do Cookie", "Primeira / Terceira Parte", "Finalidade", "Prazo De Conservação"],
        [0.2, 0.13, 0.12, 0.4, 0.15],
        rows,
    )
    spec = Spec(name="p.pdf", title="Política de cookies", intro="Utilizamos cookies.", tables=[table])
    path = tmp_path / "politica.pdf"
    path.write_bytes(render(spec))
    result = extract(path)
    assert len(result.tables) == 1
    assert result.tables[0].headers[2] == "Primeira / Terceira Parte"
    assert [(c.name, c.purpose, c.duration) for c in result.cookies] == [(r[0], r[3], r[4]) for r in rows]


def test_a_one_word_heading_in_large_type_at_the_top_of_a_page_is_the_next_table_s(tmp_path: Path) -> None:
    # "Analíticas" could be a cookie name, and it follows a row on the page before; set larger than the header
    # below it, it is the next table's heading, not a piece of that row.
    from scripts.render_samples import Table, Writer, render_table

    header = ["Servicio", "Cookie", "Finalidad", "Caduca"]
    first = Table(
        "Necesarias",
        header,
        [0.2, 0.25, 0.35, 0.2],
        [["Stripe", "__stripe_mid", "Evita el fraude en los pagos.", "1 año"]],
    )
    second = Table(
        "Analíticas", header, [0.2, 0.25, 0.35, 0.2], [["Google", "_ga", "Distingue a los usuarios.", "2 años"]]
    )
    spec = Spec(name="p.pdf", title="Política de cookies", intro="", tables=[])
    writer = Writer(spec.size)
    writer.paragraph(spec.title, spec.size * 1.6, bold=True)
    render_table(writer, first, spec)
    writer.new_page()
    render_table(writer, second, spec)
    path = tmp_path / "politica.pdf"
    path.write_bytes(pdf_bytes(writer.pages))
    result = extract(path)
    assert [(c.name, c.provider, c.category) for c in result.cookies] == [
        ("__stripe_mid", "Stripe", "necessary"),
        ("_ga", "Google", "analytics"),
    ]


@pytest.mark.parametrize("bold", [True, False], ids=["bold-section-rows", "plain-section-rows"])
def test_rows_across_a_table_naming_a_category_in_one_word_are_its_sections(tmp_path: Path, bold: bool) -> None:
    # "Analytics" alone in the first column could be a cookie's name; naming a category, over rows of cookies,
    # it is a section of the table; in bold under a bold header it is no line of the header either.
    from scripts.render_samples import Writer

    rows = [
        ("Necessary", None),
        ("session_id", ("Example", "Keeps you signed in.", "Session")),
        ("Analytics", None),
        ("_ga", ("Google", "Counts the visits.", "2 years")),
        ("Marketing", None),
        ("_fbp", ("Meta", "Shows ads.", "3 months")),
    ]
    page: list[tuple[float, str, bool]] = [(60, "Cookie policy", True), (-1, "", False)]
    header = [(60, "Name"), (160, "Provider"), (260, "Purpose"), (460, "Expiry")]
    ops: list[list[tuple[float, str, bool]]] = [[(x, t, True) for x, t in header]]
    for first, cells in rows:
        if cells is None:
            ops.append([(60, first, bold)])
        else:
            ops.append([(60, first, False), *((x, c, False) for (x, _), c in zip(header[1:], cells, strict=True))])
    writer = Writer(10.0)
    y = 780.0
    for x, text, b in page:
        if x >= 0:
            writer.text(x, y, text, 12.0, b)
        y -= 16.0
    for line in ops:
        for x, text, b in line:
            writer.text(x, y, text, 10.0, b)
        y -= 14.0
    path = tmp_path / "policy.pdf"
    path.write_bytes(pdf_bytes(writer.pages))
    result = extract(path)
    assert [(c.name, c.category) for c in result.cookies] == [
        ("session_id", "necessary"),
        ("_ga", "analytics"),
        ("_fbp", "marketing"),
    ]


def test_a_sentence_every_row_repeats_is_the_tables_not_a_running_header(tmp_path: Path) -> None:
    # A long table whose rows share one purpose: each page puts its wrapped lines at the same heights, as a
    # running header would stand. Between the page's rows they are the table's text.
    from scripts.render_samples import Table

    purpose = (
        "Keeps the state of the visitor's session between page requests and across the pages of the site, "
        "so that the visitor stays signed in"
    )
    rows = [[f"session_{k}", "Example", purpose, "Session"] for k in range(40)]
    table = Table("Strictly necessary cookies", ["Name", "Provider", "Purpose", "Expiry"], [0.2, 0.2, 0.4, 0.2], rows)
    path = tmp_path / "policy.pdf"
    path.write_bytes(render(Spec("p.pdf", "Cookie policy", "We use cookies.", [table], ruled=True)))
    result = extract(path)
    assert len({c.page for c in result.cookies}) > 2
    assert [c.name for c in result.cookies] == [row[0] for row in rows]
    assert {c.purpose for c in result.cookies} == {purpose}


def test_a_heading_in_larger_type_at_the_top_of_the_next_page_ends_the_table_above(tmp_path: Path) -> None:
    # A table ends at a page's foot; the next section opens the next page with its heading, a sentence and a
    # list before its own table under the same labels. No blank line parts the heading from the table above
    # (the page break took it): its larger type says it is no row.
    from scripts.render_samples import PAGE_HEIGHT, Writer

    w = Writer(10.0)
    columns = (60.0, 160.0, 420.0)

    def row(y: float, values: tuple[str, str, str], bold: bool = False) -> None:
        for x, value in zip(columns, values, strict=True):
            w.text(x, y, value, 10.0, bold)

    top = PAGE_HEIGHT - 60
    w.text(60, top, "Essential cookies", 16.0, True)
    row(top - 30, ("Cookie", "Purpose", "Expiry"), bold=True)
    for k in range(3):
        row(top - 45 - 14 * k, (f"ess_{k}", "Keeps the session.", "1 year"))
    w.new_page()
    w.text(60, top, "Analytics and research", 16.0, True)
    w.text(60, top - 20, "For example, we use cookies to", 10.0)
    for k in range(3):
        w.text(72, top - 34 - 14 * k, f"count the visits of page {k} of the site and the time spent on it", 10.0)
    row(top - 90, ("Cookie", "Purpose", "Expiry"), bold=True)
    for k in range(3):
        row(top - 105 - 14 * k, (f"stat_{k}", "Counts the visits.", "1 year"))
    path = tmp_path / "policy.pdf"
    path.write_bytes(pdf_bytes(w.pages))
    result = extract(path)
    tables = [(t.heading, len(t.rows)) for t in result.tables]
    assert tables == [("Essential cookies", 3), ("Analytics and research", 3)]
    assert [c.category for c in result.cookies] == ["necessary"] * 3 + ["analytics"] * 3


def test_a_heading_wrapped_over_two_lines_is_read_whole(tmp_path: Path) -> None:
    # A long heading in a narrow page wraps; its category word is on the second line.
    from scripts.render_samples import PAGE_HEIGHT, Writer

    w = Writer(10.0)
    top = PAGE_HEIGHT - 60
    w.text(60, top, "We use cookies on this site, as this page explains.", 10.0)
    w.text(60, top - 30, "Cookies that help us understand the site with", 16.0, True)
    w.text(60, top - 50, "analytics", 16.0, True)
    for k, values in enumerate((("Cookie", "Purpose", "Expiry"), ("_pk_id", "Set by the service.", "1 year"))):
        for x, value in zip((60.0, 160.0, 420.0), values, strict=True):
            w.text(x, top - 80 - 14 * k, value, 10.0, k == 0)
    path = tmp_path / "policy.pdf"
    path.write_bytes(pdf_bytes(w.pages))
    result = extract(path)
    assert result.tables[0].heading == "Cookies that help us understand the site with analytics"
    assert [(c.category, c.category_source) for c in result.cookies] == [("analytics", "heading")]


def test_a_consent_platform_s_subgroup_tables_with_wrapped_labels_each_read(tmp_path: Path) -> None:
    # A consent platform's lists exported to PDF: per category a small table of the host, the cookies it sets
    # and whose they are. No label is a lexicon word alone; the first label wraps ("Sous-groupe de" /
    # "témoins"), a value wraps after a word of its label ("Témoins" / "internes"), and under the last
    # category two tables follow each other with no gap, the second repeating the same wrapped labels right
    # under the first one's row.
    page = _Page((60.0, 200.0, 400.0), step=13.0)

    def labels() -> None:
        page.row(("Sous-groupe de", "Témoins", "Témoins"), bold=True)
        page.row(("témoins", "", "utilisés"), bold=True)

    page.text("Témoins strictement nécessaires", 14.0, True, after=30)
    labels()
    page.row(("exemple-mutuelle.fr", "OptanonConsent,", "Témoins"))
    page.row(("", "mar_session", "internes"))
    page.row(("espace.exemple.fr", "mar_auth, mar_csrf", "Témoins"))
    page.row(("", "", "internes"))
    page.y -= 20
    page.text("Témoins de ciblage", 14.0, True, after=30)
    labels()
    page.row(("doubleclick.net", "IDE, test_cookie", "Tiers"))
    labels()
    page.row(("linkedin.com", "bcookie, lidc", "Tiers"))
    result = extract(page.save(tmp_path / "politique.pdf"))
    assert [(c.name, c.domain, c.category) for c in result.cookies] == [
        ("OptanonConsent", "exemple-mutuelle.fr", "necessary"),
        ("mar_session", "exemple-mutuelle.fr", "necessary"),
        ("mar_auth", "espace.exemple.fr", "necessary"),
        ("mar_csrf", "espace.exemple.fr", "necessary"),
        ("IDE", "doubleclick.net", "marketing"),
        ("test_cookie", "doubleclick.net", "marketing"),
        ("bcookie", "linkedin.com", "marketing"),
        ("lidc", "linkedin.com", "marketing"),
    ]


def test_a_second_table_under_the_same_heading_after_a_short_paragraph_keeps_the_heading(tmp_path: Path) -> None:
    # One section, two tables: a paragraph between them wraps after a few words, its first line as short and
    # unfinished as a title ("Our partners set these cookies"), but in body type. No heading stands between
    # the tables: the second is in the section of the heading above the first.
    page = _Page((60.0, 160.0, 420.0))
    page.text("Analytics cookies", 16.0, True, after=30)
    page.row(("Cookie", "Purpose", "Expiry"), bold=True)
    page.row(("_ga", "Counts the visits.", "2 years"))
    page.row(("_gid", "Counts the visits of a day.", "1 day"))
    page.y -= 14
    page.text("Our partners set these cookies", after=13)
    page.text("on their own behalf, under their policies.", after=27)
    page.row(("Cookie", "Purpose", "Expiry"), bold=True)
    page.row(("_hjid", "Tells visitors apart.", "1 year"))
    result = extract(page.save(tmp_path / "policy.pdf"))
    assert [(c.name, c.category, c.category_source) for c in result.cookies] == [
        ("_ga", "analytics", "heading"),
        ("_gid", "analytics", "heading"),
        ("_hjid", "analytics", "heading"),
    ]


def test_a_purpose_cell_merged_down_over_rows_is_each_row_s_purpose(tmp_path: Path) -> None:
    # A ruled table whose purpose cell spans three rows: the rules between those rows stop at the purpose column,
    # and a browser centres the cell's text, so its lines stand beside all three names. Each of the three rows
    # has the whole text; the rows keep one name each.
    page = _Page((60.0, 180.0, 420.0), step=20.0)
    top = page.y
    page.row(("Cookie", "Purpose", "Duration"), bold=True)
    page.row(("tpf_session", "Keeps you signed in", "Session"))
    page.row(("tpf_auth", "while you buy tickets", "Until logout"))
    page.row(("XSRF-TOKEN", "on the site.", "2 hours"))
    page.row(("tpf_cart", "Keeps your basket.", "1 day"))
    writer = page.writer
    for k in range(6):
        y = top + 14 - 20 * k
        if k in (2, 3):  # between the rows the purpose cell spans: the name's and the duration's borders only
            writer.rule(55, y, 175, y)
            writer.rule(415, y, 500, y)
        else:
            writer.rule(55, y, 500, y)
    for x in (55, 175, 415, 500):
        writer.rule(x, top + 14, x, top + 14 - 100)
    result = extract(page.save(tmp_path / "merged.pdf"))
    spanned = "Keeps you signed in while you buy tickets on the site."
    assert [(c.name, c.purpose, c.duration) for c in result.cookies] == [
        ("tpf_session", spanned, "Session"),
        ("tpf_auth", spanned, "Until logout"),
        ("XSRF-TOKEN", spanned, "2 hours"),
        ("tpf_cart", "Keeps your basket.", "1 day"),
    ]


# A table drawn without rules, each line at its height (10 pt type; a cell's lines 12.8 pt apart, rows 15 pt from
# one row's last line to the next row's first): the header, then a purpose cell spanning the first two rows, its
# lines running on at 12.8 pt across their bound.
SPANNING_COLUMNS = (60.0, 160.0, 330.0, 420.0)
SPANNING_TOP: tuple[tuple[float, tuple[str, ...]], ...] = (
    (700.0, ("Cookie", "Purpose", "Duration", "Type")),
    (685.0, ("_ga", "Google Analytics tells", "2 years", "HTTP")),
    (672.2, ("", "visitors apart and", "", "cookie")),
    (659.4, ("_ga_X1", "counts their visits.", "2 years", "HTTP")),
    (646.6, ("", "", "", "cookie")),
)
SPANNED = "Google Analytics tells visitors apart and counts their visits."


def _lines_pdf(path: Path, lines: tuple[tuple[float, tuple[str, ...]], ...]) -> Path:
    """A PDF of lines set at the given heights, each value at its column of ``SPANNING_COLUMNS``."""
    from scripts.render_samples import Writer, pdf_bytes

    writer = Writer(10.0)
    for y, values in lines:
        for x, value in zip(SPANNING_COLUMNS, values, strict=True):
            if value:
                writer.text(x, y, value, 10.0, False)
    path.write_bytes(pdf_bytes(writer.pages))
    return path


def test_a_purpose_cell_spanning_rows_of_a_table_without_rules_is_each_row_s_purpose(tmp_path: Path) -> None:
    # No rules: rows stand 15 pt apart from one row's last line to the next row's first, a cell's lines 12.8 pt.
    # One purpose runs on at 12.8 pt from the first row's lines into the second's: one cell spanning both rows.
    below = (
        (631.6, ("_gid", "Counts the pages", "1 day", "HTTP")),
        (618.8, ("", "seen in a visit.", "", "cookie")),
        (603.8, ("_fbp", "Shows adverts on", "3 months", "HTTP")),
        (591.0, ("", "other sites.", "", "cookie")),
        (576.0, ("sid", "Keeps you signed", "Session", "HTTP")),
        (563.2, ("", "in.", "", "cookie")),
    )
    path = _lines_pdf(tmp_path / "spanning.pdf", (*SPANNING_TOP, *below))
    assert [(c.name, c.purpose) for c in extract(path).cookies] == [
        ("_ga", SPANNED),
        ("_ga_X1", SPANNED),
        ("_gid", "Counts the pages seen in a visit."),
        ("_fbp", "Shows adverts on other sites."),
        ("sid", "Keeps you signed in."),
    ]


def test_rows_apart_further_than_a_cell_s_lines_are_told_by_every_column(tmp_path: Path) -> None:
    # The only purpose text that goes from one row into the next is the spanning cell's; the space between rows
    # shows in the other columns (a type wrapped over two lines, then the next row 15 pt below).
    below = (
        (631.6, ("_gid", "Counts pages.", "1 day", "HTTP")),
        (618.8, ("", "", "", "cookie")),
        (603.8, ("_fbp", "Shows adverts.", "3 months", "HTTP")),
        (591.0, ("", "", "", "cookie")),
    )
    path = _lines_pdf(tmp_path / "spanning.pdf", (*SPANNING_TOP, *below))
    assert [(c.name, c.purpose) for c in extract(path).cookies] == [
        ("_ga", SPANNED),
        ("_ga_X1", SPANNED),
        ("_gid", "Counts pages."),
        ("_fbp", "Shows adverts."),
    ]


def test_a_row_below_a_spanning_purpose_s_text_with_no_purpose_of_its_own_shares_it(tmp_path: Path) -> None:
    # The spanning cell's text, set at its top, ends beside the second of the three rows it spans: the third row
    # shows no purpose of its own, and shares the cell's.
    below = (
        (631.6, ("_gat", "", "1 minute", "HTTP")),
        (618.8, ("", "", "", "cookie")),
        (603.8, ("_fbp", "Shows adverts.", "3 months", "HTTP")),
        (591.0, ("", "", "", "cookie")),
        (576.0, ("sid", "Keeps you in.", "Session", "HTTP")),
        (563.2, ("", "", "", "cookie")),
    )
    path = _lines_pdf(tmp_path / "spanning.pdf", (*SPANNING_TOP, *below))
    assert [(c.name, c.purpose) for c in extract(path).cookies] == [
        ("_ga", SPANNED),
        ("_ga_X1", SPANNED),
        ("_gat", SPANNED),
        ("_fbp", "Shows adverts."),
        ("sid", "Keeps you in."),
    ]
