"""Whole documents of kinds the lexicon alone did not read: tables in other languages, told by their cells.

Each document is written here for the kind it stands for (no corpus text): a Portuguese policy exported as
aligned text and as HTML, a Swedish Word document, a Czech tab-separated copy, and a table whose headers are
in a language no lexicon file holds.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from extractor import extract

PT_ROWS = [
    ("_ga", "Google", "Distingue os utilizadores para estatísticas de visitas.", "2 anos", "Analítico"),
    ("_gid", "Google", "Conta as páginas vistas por cada visitante.", "24 horas", "Analítico"),
    ("PHPSESSID", "Loja", "Mantém a sessão do utilizador entre páginas.", "Sessão", "Necessário"),
    ("_fbp", "Meta", "Mostra anúncios em outros sites.", "3 meses", "Publicidade"),
]


def _read(tmp_path: Path, text: str, *fields: str) -> list[tuple[object, ...]]:
    """The given fields of each cookie read from ``text`` written to a file."""
    path = tmp_path / "cookies.txt"
    path.write_text(text, encoding="utf-8")
    return [tuple(getattr(c, f) for f in fields) for c in extract(path).cookies]


def _names(path: Path) -> list[tuple[str, str | None, str | None]]:
    result = extract(path)
    return [(c.name, c.provider, c.duration) for c in result.cookies]


def test_a_portuguese_policy_as_aligned_text(tmp_path: Path) -> None:
    header = ("Nome", "Fornecedor", "Finalidade", "Validade", "Tipo")
    widths = (12, 12, 58, 11, 12)
    lines = ["Política de cookies", "", "Utilizamos cookies para o funcionamento do site.", ""]
    for row in (header, *PT_ROWS):
        lines.append("".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    path = tmp_path / "politica.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _names(path) == [(n, p, d) for n, p, _, d, _ in PT_ROWS]


def test_a_portuguese_policy_as_a_web_page(tmp_path: Path) -> None:
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in PT_ROWS)
    page = (
        "<html><body><h1>Política de cookies</h1><table><tr><th>Nome</th><th>Fornecedor</th><th>Finalidade</th>"
        f"<th>Validade</th><th>Tipo</th></tr>{cells}</table></body></html>"
    )
    path = tmp_path / "politica.html"
    path.write_text(page, encoding="utf-8")
    result = extract(path)
    assert [(c.name, c.provider, c.purpose, c.duration) for c in result.cookies] == [r[:4] for r in PT_ROWS]
    # "Tipo" holds the category here: read as the category column, not as a type.
    assert result.tables[0].columns[-1] == "category"
    assert [c.category for c in result.cookies] == ["analytics", "analytics", "necessary", "marketing"]


def test_a_swedish_word_document(tmp_path: Path) -> None:
    rows = [
        ("_ga", "Google", "Används för att skilja användare åt i besöksstatistiken.", "2 år"),
        ("_gid", "Google", "Räknar sidvisningar för varje besökare.", "24 timmar"),
        ("cookieconsent", "Webbplatsen", "Sparar ditt val om kakor.", "1 år"),
    ]
    document = docx.Document()
    document.add_heading("Nödvändiga och statistiska kakor", level=2)
    table = document.add_table(rows=1 + len(rows), cols=4)
    for column, label in enumerate(("Namn", "Leverantör", "Syfte", "Lagringstid")):
        table.cell(0, column).text = label
    for r, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            table.cell(r, column).text = value
    path = tmp_path / "kakor.docx"
    document.save(str(path))
    assert _names(path) == [(n, p, d) for n, p, _, d in rows]
    assert [c.duration_seconds for c in extract(path).cookies] == [2 * 365 * 86400, 86400, 365 * 86400]


def test_a_czech_tab_separated_copy(tmp_path: Path) -> None:
    text = (
        "Zásady používání souborů cookie\n\n"
        "Analytické cookies\n"
        "Název\tPoskytovatel\tÚčel\tPlatnost\n"
        "_ga\tGoogle\tRozlišuje návštěvníky pro statistiku.\t2 roky\n"
        "_gid\tGoogle\tPočítá zobrazené stránky.\t24 hodin\n"
        "_hjid\tHotjar\tZaznamenává pohyb návštěvníka na stránce.\t1 rok\n"
    )
    path = tmp_path / "cookies.txt"
    path.write_text(text, encoding="utf-8")
    result = extract(path)
    assert [(c.name, c.provider, c.duration) for c in result.cookies] == [
        ("_ga", "Google", "2 roky"),
        ("_gid", "Google", "24 hodin"),
        ("_hjid", "Hotjar", "1 rok"),
    ]
    assert {c.category for c in result.cookies} == {"analytics"}
    assert result.language == "cs"


def test_a_korean_tab_separated_copy_of_a_narrow_table(tmp_path: Path) -> None:
    # A narrow table copied from a PDF: the duration label cut inside its word ("보유기" / "간"), each category
    # cell wrapped before its "cookie" ("분석" / "쿠키"), the copy dropping the empty cells before it.
    text = (
        "구분\t쿠키명\t제공자\t사용 목적\t보유기\n"
        "간\n"
        "필수\tsession_id\t예시상점\t로그인 상태를 유지합니다.\t1일\n"
        "쿠키\n"
        "분석\t_ga\tGoogle\t방문자를 구분하여 통계를\t2년\n"
        "쿠키\t작성합니다.\n"
        "광고\t_fbp\tMeta\t광고를 제공합니다.\t3개월\n"
        "쿠키\n"
    )
    assert _read(tmp_path, text, "name", "provider", "duration", "category") == [
        ("session_id", "예시상점", "1일", "necessary"),
        ("_ga", "Google", "2년", "analytics"),
        ("_fbp", "Meta", "3개월", "marketing"),
    ]


def test_a_japanese_tab_separated_copy_of_a_narrow_table(tmp_path: Path) -> None:
    # Japanese breaks its lines after any character: every cell wraps mid-word ("維持す" / "るために", "分" /
    # "析"), the copy drops the empty cells before a line's pieces, and it loses some tabs, leaving a single
    # space between two cells ("使用しま 分"), which Japanese text never holds.
    text = (
        "Cookie名\t提供元\t利用目的\t有効期限\t種類\n"
        "shop_session\t当社\tログイン状態を維持す\t30\t必\n"
        "るために使用しま 分\t須\n"
        "す。\n"
        "_clck\tMicrosoft\tMicrosoft Clarityで\t1年\t分\n"
        "ページの操作を記録\t析\n"
        "します。\n"
        "_ga\tGoogle\tユーザーを識別し、サ\t2年\t分\n"
        "イトの利用状況を分析\t析\n"
        "します。\n"
    )
    assert _read(tmp_path, text, "name", "provider", "purpose", "duration", "category") == [
        ("shop_session", "当社", "ログイン状態を維持するために使用します。", "30分", "necessary"),
        ("_clck", "Microsoft", "Microsoft Clarityでページの操作を記録します。", "1年", "analytics"),
        ("_ga", "Google", "ユーザーを識別し、サイトの利用状況を分析します。", "2年", "analytics"),
    ]


def test_a_japanese_table_in_aligned_text_from_a_pdf_is_read_by_the_order_of_its_pieces(tmp_path: Path) -> None:
    # pdftotext -layout counts a wide character as one column and shrinks the gaps beside Japanese text to one
    # space: the columns no longer line up ("XSRF-TOKEN 当社" vs "shop_session   当社"), each line's order stands.
    text = (
        "Cookie名       提供元       ドメイン          利用目的                  有効期限\n"
        "shop_session   当社         app.example-      ログイン状態を維持す セッ\n"
        "                            shop.jp           るために使用します。 ショ\n"
        "                                                                ン\n"
        "XSRF-TOKEN 当社             app.example-      不正なリクエストを防 2時\n"
        "                            shop.jp           ぎます。 間\n"
        "shop_lang      当社 .example-shop.jp 選択した表示言語を記 1年\n"
        "                                              憶します。\n"
        "_ga            Google .example-shop.jp ユーザーを識別し、サ 2年\n"
        "                                              イトの利用状況を分析\n"
        "                                              します。\n"
        "_fbp           Meta       .example-shop.jp 広告の配信と効果測 3か\n"
        "                                              定に使用します。 月\n"
        "\f"
    )
    assert _read(tmp_path, text, "name", "provider", "purpose", "duration") == [
        ("shop_session", "当社", "ログイン状態を維持するために使用します。", "セッション"),
        ("XSRF-TOKEN", "当社", "不正なリクエストを防ぎます。", "2時間"),
        ("shop_lang", "当社", "選択した表示言語を記憶します。", "1年"),
        ("_ga", "Google", "ユーザーを識別し、サイトの利用状況を分析します。", "2年"),
        ("_fbp", "Meta", "広告の配信と効果測定に使用します。", "3か月"),
    ]


def test_aligned_text_whose_header_ran_two_labels_together_without_a_space(tmp_path: Path) -> None:
    # pdftotext -layout left no space between two labels of a narrow column ("AnbieterZweck"): cut at their joint,
    # each takes its own column.
    text = (
        " Cookie          AnbieterZweck           Speicherdauer\n"
        " __cf_bm         Cloudflare Unterscheidet  30 Minuten\n"
        "                 Inc.   Menschen von\n"
        "                        Bots.\n"
        " _cfuvid         Cloudflare Verteilt die    Sitzung\n"
        "                 Inc.   Last.\n"
        " shop_session    Beispiel Hält die         Sitzung\n"
        "                 GmbH   Anmeldung.\n"
    )
    assert _read(tmp_path, text, "name", "provider", "purpose", "duration") == [
        ("__cf_bm", "Cloudflare Inc.", "Unterscheidet Menschen von Bots.", "30 Minuten"),
        ("_cfuvid", "Cloudflare Inc.", "Verteilt die Last.", "Sitzung"),
        ("shop_session", "Beispiel GmbH", "Hält die Anmeldung.", "Sitzung"),
    ]


def test_a_text_browser_table_of_centred_rows_whose_duration_wraps_keeps_it_in_its_row(tmp_path: Path) -> None:
    # A text browser centres each row's cells on its tallest one: a row of two lines has its name on the first,
    # one of three on the middle. "Until the browser" / "is closed" is one duration: its second line is no top
    # line of the next row.
    text = (
        "Cookie         Provider    Purpose                               Expiry\n"
        "shop_session   Example     Keeps you signed in.                  Until the browser\n"
        "               Shop                                              is closed\n"
        "shop_remember  Example     Keeps you signed in on this device.   Until you sign\n"
        "               Shop                                              out\n"
        "               Example     Remembers that this device passed\n"
        "shop_device    Shop        the second step of the sign-in.       90 days\n"
        "                           Asked again after 90 days.\n"
        "shop_lang      Example     Remembers your language.              1 year\n"
        "               Shop\n"
    )
    assert _read(tmp_path, text, "name", "provider", "duration") == [
        ("shop_session", "Example Shop", "Until the browser is closed"),
        ("shop_remember", "Example Shop", "Until you sign out"),
        ("shop_device", "Example Shop", "90 days"),
        ("shop_lang", "Example Shop", "1 year"),
    ]


def test_service_names_between_tables_of_one_header_in_a_text_browser_dump_are_no_rows(tmp_path: Path) -> None:
    # One table per service, each under the service's name set apart by blank lines, all with the same header:
    # "Stripe" could be a cookie's name, but a plain word standing alone over a header heads the next table.
    text = (
        "Strictly necessary cookies\n\n"
        "Example Shop\n\n"
        "Cookie name     Purpose                                Expires   Type\n"
        "shop_session    Keeps you signed in.                   Session   Session\n"
        "shop_csrf       Protects the forms.                    Session   Session\n"
        "\n"
        "Stripe\n"
        "\n"
        "Cookie name     Purpose                                Expires   Type\n"
        "__stripe_mid    Prevents fraud when you pay.           1 year    Persistent\n"
        "__stripe_sid    Prevents fraud during a visit.         30 min    Session\n"
    )
    path = tmp_path / "cookies.txt"
    path.write_text(text, encoding="utf-8")
    assert [c.name for c in extract(path).cookies] == ["shop_session", "shop_csrf", "__stripe_mid", "__stripe_sid"]


def test_a_tabbed_header_wrapped_over_lines_repeated_inside_a_row_keeps_its_wrapped_labels(tmp_path: Path) -> None:
    # A page break inside a row repeats the header, its labels wrapped over four lines as where it first stood
    # ("Cookie" / "Type", "First" / "/" / "Third" / "Party"); the row's text goes on below it.
    header = "Cookie Name\tCookie\tFirst\tPurpose\tExpiry\nType\t/\nThird\nParty\n"
    text = (
        header + "shop_session\tNecessary\tFirst\tKeeps the\tSession\n"
        "Cookie\tParty\tsession of the\n"
        "visitor.\n"
        "_ga\tAnalytics\tThird\tTells the\t2 years\n"
        "Cookie\tParty\tvisitors\n" + header + "apart.\n"
        "_fbp\tMarketing\tThird\tShows our\t3 months\n"
        "Cookie\tParty\tads.\n"
        "IDE\tMarketing\tThird\tMeasures the\t1 year\n"
        "Cookie\tParty\tads.\n"
    )
    assert _read(tmp_path, text, "name", "purpose", "duration") == [
        ("shop_session", "Keeps the session of the visitor.", "Session"),
        ("_ga", "Tells the visitors apart.", "2 years"),
        ("_fbp", "Shows our ads.", "3 months"),
        ("IDE", "Measures the ads.", "1 year"),
    ]


def test_names_with_notes_in_brackets_one_under_another_in_a_text_browser_dump(tmp_path: Path) -> None:
    # "_ga (Google Analytics)" is a whole name cell: the name on the next line starts a row of its own, even
    # when its own note wraps ("_ga_<ID> (Google" / "Analytics 4)").
    text = (
        "Cookie                 Purpose                          Expiry\n"
        "PHPSESSID              Keeps your session.              Session\n"
        "_ga (Google Analytics) Tells the visitors apart.        2 years\n"
        "_ga_<ID> (Google       Keeps the state of the session.  2 years\n"
        "Analytics 4)\n"
        "_clck                  Records how the pages are used.  1 year\n"
    )
    assert _read(tmp_path, text, "name", "purpose") == [
        ("PHPSESSID", "Keeps your session."),
        ("_ga (Google Analytics)", "Tells the visitors apart."),
        ("_ga_<ID> (Google Analytics 4)", "Keeps the state of the session."),
        ("_clck", "Records how the pages are used."),
    ]


def test_a_tabbed_row_that_leaves_a_column_of_no_known_role_empty(tmp_path: Path) -> None:
    # A row with no privacy link: its first line has a piece fewer than the columns, and the empty cell is the
    # link's, not a cut of the purpose ("Storage" | "of") pushing the provider into the link's column.
    text = (
        "Name\tPurpose\tProvider\tPrivacy policy\tExpiry\n"
        "shop_consent\tStores your\tExample\thttps://example.com/privacy\t6\n"
        "choices.\tmonths\n"
        "shop_ads\tStorage of\tExample\t13\n"
        "consent\tmonths\n"
        "shop_lang\tKeeps the\tExample\thttps://example.com/privacy\t1\n"
        "language.\tyear\n"
    )
    assert _read(tmp_path, text, "name", "purpose", "provider", "duration") == [
        ("shop_consent", "Stores your choices.", "Example", "6 months"),
        ("shop_ads", "Storage of consent", "Example", "13 months"),
        ("shop_lang", "Keeps the language.", "Example", "1 year"),
    ]


def test_a_tabbed_purpose_line_beside_a_list_of_hosts_left_open_stays_in_the_purpose(tmp_path: Path) -> None:
    # The domain cell lists hosts, each line ending with a comma; the purpose's last word, alone on its line
    # ("currency."), is prose: it does not go on the list of hosts.
    text = (
        "Name\tDescription\tDomains\tLifetime (days)\n"
        "shop_cur\tThis cookie keeps\texample.com,\t31\n"
        "your chosen\twww.example.com,\n"
        "currency.\n"
        "shop_lang\tThis cookie keeps\texample.com,\t365\n"
        "your chosen\twww.example.com,\n"
        "language.\n"
        "shop_cart\tThis cookie keeps\texample.com,\t7\n"
        "your basket.\twww.example.com\n"
    )
    assert _read(tmp_path, text, "name", "purpose") == [
        ("shop_cur", "This cookie keeps your chosen currency."),
        ("shop_lang", "This cookie keeps your chosen language."),
        ("shop_cart", "This cookie keeps your basket."),
    ]


def test_headers_in_a_language_no_lexicon_file_holds_are_read_by_their_cells(tmp_path: Path) -> None:
    text = (
        "Xolo\tBrin\tTasku\tVemo\n"
        "_ga\tGoogle\tKeeps statistics of the visits to the site.\t2 years\n"
        "PHPSESSID\tAcme\tKeeps the session of the signed in user.\tSession\n"
        "_hjid\tHotjar\tRecords how visitors move on the page.\t1 year\n"
    )
    path = tmp_path / "unknown.txt"
    path.write_text(text, encoding="utf-8")
    result = extract(path)
    assert result.tables[0].columns == ("name", "provider", "purpose", "duration")
    assert [c.name for c in result.cookies] == ["_ga", "PHPSESSID", "_hjid"]


PLAIN_NAMES = (
    "Zork\tBlip\tFrob\n"
    "lang\tRemembers the language you chose.\t1 year\n"
    "consent\tStores your cookie choices.\t6 months\n"
)


def test_labels_of_the_users_own_name_what_no_lexicon_foresees(tmp_path: Path) -> None:
    # Names with no marks ("lang", "consent") under made-up labels: neither the lexicon nor the cells tell.
    path = tmp_path / "plain.txt"
    path.write_text(PLAIN_NAMES, encoding="utf-8")
    assert extract(path).cookies == ()
    labels = {"Zork": "name", "Blip": "purpose", "Frob": "duration"}
    result = extract(path, labels=labels)
    assert [(c.name, c.duration) for c in result.cookies] == [("lang", "1 year"), ("consent", "6 months")]


def test_labels_from_a_file_on_the_command_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from extractor.cli import app

    path = tmp_path / "plain.txt"
    path.write_text(PLAIN_NAMES, encoding="utf-8")
    labels = tmp_path / "labels.toml"
    labels.write_text('[labels]\nZork = "name"\nBlip = "purpose"\nFrob = "duration"\n', encoding="utf-8")
    done = CliRunner().invoke(app, ["convert", str(path), "-o", str(tmp_path / "out"), "--labels", str(labels)])
    assert done.exit_code == 0, done.output
    assert "2 cookie(s)" in done.output
    bad = tmp_path / "bad.json"
    bad.write_text('{"Zork": "colour"}', encoding="utf-8")
    done = CliRunner().invoke(app, ["show", str(path), "--labels", str(bad)])
    assert done.exit_code == 2 and "labels" in done.output


def test_cookie_names_left_outside_every_table_are_reported(tmp_path: Path) -> None:
    # One line of labels, no words any lexicon has, and a body too thin to tell: never silence.
    text = "Qa Qb\n_ga_XYZ123 Google\n\n_hjSessionUser_1 Hotjar\n\n_fbp Meta\n"
    path = tmp_path / "thin.txt"
    path.write_text(text, encoding="utf-8")
    result = extract(path)
    assert result.cookies == ()
    unread = [w for w in result.warnings if w.code == "unread-names"]
    assert len(unread) == 1 and "_ga_XYZ123" in unread[0].message and unread[0].line == 2


def test_an_origin_column_takes_its_role_from_what_it_holds(tmp_path: Path) -> None:
    # "Origin" may hold the host or the party: the label is known, its role comes from the cells.
    rows = "_ga\tCounts visits.\t2 years\t{0}\n_fbp\tShows adverts.\t3 months\t{1}\n"
    hosts = tmp_path / "hosts.txt"
    hosts.write_text("Name\tPurpose\tExpiry\tOrigin\n" + rows.format("google.com", "facebook.com"), encoding="utf-8")
    parties = tmp_path / "parties.txt"
    parties.write_text("Name\tPurpose\tExpiry\tOrigin\n" + rows.format("Third party", "Third party"), encoding="utf-8")
    assert extract(hosts).tables[0].columns[-1] == "domain"
    assert extract(parties).tables[0].columns[-1] == "type"


def test_cookies_given_as_a_list_of_labelled_lines(tmp_path: Path) -> None:
    # No table at all: each cookie a short run of "Label: value" lines, a value wrapping onto the next line.
    text = (
        "Cookies we use\n\n"
        "Name: _ga\n"
        "Provider: Google\n"
        "Purpose: Distinguishes visitors to count\n"
        "the visits.\n"
        "Duration: 2 years\n\n"
        "Name: PHPSESSID\n"
        "Provider: Example\n"
        "Purpose: Keeps the session.\n"
        "Duration: Session\n"
    )
    path = tmp_path / "list.txt"
    path.write_text(text, encoding="utf-8")
    result = extract(path)
    assert [(c.name, c.provider, c.purpose, c.duration) for c in result.cookies] == [
        ("_ga", "Google", "Distinguishes visitors to count the visits.", "2 years"),
        ("PHPSESSID", "Example", "Keeps the session.", "Session"),
    ]
    assert result.tables[0].method == "cards"


def test_a_list_of_partners_with_links_is_no_cookie_table(tmp_path: Path) -> None:
    # Rows alike (the first is no header: its cells come again below), links are no cookie names.
    text = (
        "Nos partenaires\n\n"
        "Flashtalking\tPolitique de confidentialité consultable ici\thttps://www.flashtalking.com/privacy\n"
        "Moat\tPolitique de confidentialité consultable ici\thttps://moat.com/privacy\n"
        "Pubmatic\tPolitique de confidentialité consultable ici\thttps://pubmatic.com/legal/privacy\n"
    )
    path = tmp_path / "partners.txt"
    path.write_text(text, encoding="utf-8")
    assert extract(path).cookies == ()


def test_a_column_of_categories_with_instructions_among_them(tmp_path: Path) -> None:
    # An "Opt-out" column: a category word where the cookie is necessary, an instruction elsewhere. The
    # instruction states no category (even when it names one: "choose 'essential cookies only'"), so the
    # purpose decides there, and the record does not claim the column as its source.
    rows = [
        ("session_id", "Keeps you signed in.", "necessary"),
        ("csrf_token", "Protects the forms.", "necessary"),
        ("_ga", "Analytics: counts visits.", "choose 'essential cookies only' in the cookie banner"),
        ("theme", "Remembers your preferences.", "do not close the cookie banner"),
    ]
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    page = f"<html><body><table><tr><th>Name</th><th>Purpose</th><th>Opt-out</th></tr>{cells}</table></body></html>"
    path = tmp_path / "policy.html"
    path.write_text(page, encoding="utf-8")
    cookies = extract(path).cookies
    assert [(c.category, c.category_source) for c in cookies[:2]] == [("necessary", "column")] * 2
    assert [c.category_source for c in cookies[2:]] == ["text", "text"]
    assert cookies[2].category == "analytics"


def test_cookie_cards_of_a_consent_manager_under_category_headings(tmp_path: Path) -> None:
    # A consent manager's policy: one card per cookie, each label run into its value ("Name:_ga"), a blank
    # line between labelled lines, labels of no role of ours ("Country:"), a second label of one role
    # ("Service:" after "Provider:"), and a heading ending in a colon over each section, one of a single card.
    def card(name: str, purpose: str, provider: str, kind: str, expires: str) -> str:
        lines = [
            f"Name:{name}",
            f"Purpose:{purpose}",
            f"Provider:{provider}",
            "Service:Example Service View Service Privacy Policy",
            "Country:Germany",
            f"Type:{kind}",
            f"Expires in:{expires}",
        ]
        return "\n\n".join(lines) + "\n\n"

    text = (
        "Essential website cookies:\n\nThese cookies are strictly necessary to provide the website.\n\n"
        + card("__cf_bm", "Tells people from bots.", ".example.com", "http_cookie", "29 minutes")
        + "Analytics and customization cookies:\n\nThese cookies count visits.\n\n"
        + card("_ga", "Distinguishes visitors.", ".example.com", "http_cookie", "1 year 1 month")
        + card("_gid", "Counts the pages of a visit.", ".example.com", "http_cookie", "1 day")
    )
    path = tmp_path / "cards.txt"
    path.write_text(text, encoding="utf-8")
    result = extract(path)
    assert [(c.name, c.provider, c.purpose, c.duration, c.category) for c in result.cookies] == [
        ("__cf_bm", ".example.com", "Tells people from bots.", "29 minutes", "necessary"),
        ("_ga", ".example.com", "Distinguishes visitors.", "1 year 1 month", "analytics"),
        ("_gid", ".example.com", "Counts the pages of a visit.", "1 day", "analytics"),
    ]
    assert [t.heading for t in result.tables] == ["Essential website cookies", "Analytics and customization cookies"]
    assert {t.method for t in result.tables} == {"cards"}


def test_a_text_browser_dump_whose_names_run_into_the_next_cell(tmp_path: Path) -> None:
    # Labels no lexicon holds, and invisible characters the browser counted as a column each, so some names
    # stand one space from the next cell ("_pk_ses* Matomo"): the columns still read by their cells.
    text = (
        "Informasjonskapsler i bruk\n\n"
        " Kapsler  Brukt av    Beskrivelse\n"
        "\u200b_pk_id*  Matomo      Denne kapselen skiller brukere fra hverandre.\n"
        "\u200b_pk_ses* Matomo      Denne kapselen skiller besøk fra hverandre.\n"
        "\u200b_pk_ref* Matomo      Denne kapselen viser hvilken side brukeren kom fra.\n"
        "MATOMO    Matomo      Denne kapselen lar besøkende unngå sporing.\n"
    )
    path = tmp_path / "policy.txt"
    path.write_text(text, encoding="utf-8")
    assert [(c.name, c.provider) for c in extract(path).cookies] == [
        ("_pk_id*", "Matomo"),
        ("_pk_ses*", "Matomo"),
        ("_pk_ref*", "Matomo"),
        ("MATOMO", "Matomo"),
    ]


# Cards titled by the cookie's name, labels in a language no lexicon file holds (Esperanto; the durations are
# written as "1 year" is, the one thing the lexicon must know): the values under each label say which is the
# purpose, the duration and the provider.
TITLED_CARDS = [
    ("Strictly necessary cookies", "sesio_id", "Tenas vian seancon dum vi foliumas la retejon.", "Session", "Ekzemplo"),
    ("Strictly necessary cookies", "lingvo_pref", "Memoras la lingvon kiun vi elektis.", "1 year", "Ekzemplo"),
    ("Analytics cookies", "_ga", "Distingas la vizitantojn por la statistikoj de la retejo.", "2 years", "Google"),
    ("Analytics cookies", "_gid", "Kalkulas la paĝojn kiujn ĉiu vizitanto legas.", "24 hours", "Google"),
]


def _titled_card_lines(bullet: str) -> list[str]:
    lines = ["Kuketoj", "", "Ni uzas kuketojn por ke la retejo funkciu kaj por kompreni kiel vizitantoj uzas ĝin."]
    heading = None
    for section, name, purpose, duration, provider in TITLED_CARDS:
        if section != heading:
            lines += [section, "Tiuj kuketoj estas uzataj de la retejo."]
            heading = section
        lines += [name, f"{bullet}Celo: {purpose}", f"{bullet}Daŭro: {duration}", f"{bullet}Provizanto: {provider}"]
    return lines


def _titled_card_records(path: Path) -> list[tuple[str, str | None, str | None, str | None, str | None]]:
    return [(c.name, c.purpose, c.duration, c.provider, c.category) for c in extract(path).cookies]


def test_cookie_cards_titled_by_their_names_on_a_web_page(tmp_path: Path) -> None:
    body = []
    heading = None
    for section, name, purpose, duration, provider in TITLED_CARDS:
        if section != heading:
            body.append(f"<h2>{section}</h2><p>Tiuj kuketoj estas uzataj de la retejo.</p>")
            heading = section
        items = (("Celo", purpose), ("Daŭro", duration), ("Provizanto", provider))
        body.append(
            f"<p><strong>{name}</strong></p><ul>"
            + "".join(f"<li><strong>{label}:</strong> {value}</li>" for label, value in items)
            + "</ul>"
        )
    path = tmp_path / "kuketoj.html"
    path.write_text(f"<html><body><h1>Kuketoj</h1>{''.join(body)}</body></html>", encoding="utf-8")
    wanted = [(n, p, d, v, "necessary" if s.startswith("Strictly") else "analytics") for s, n, p, d, v in TITLED_CARDS]
    assert _titled_card_records(path) == wanted


def test_cookie_cards_titled_by_their_names_in_a_text_export_with_bullets_and_no_blank_lines(tmp_path: Path) -> None:
    # A text browser's bullets before each label; a heading right after a card's last (short) value is no part
    # of it, while a purpose wrapped at the page's width goes on.
    lines = _titled_card_lines("  • ")
    at = lines.index("  • Celo: Distingas la vizitantojn por la statistikoj de la retejo.")
    lines[at : at + 1] = ["  • Celo: Distingas la vizitantojn por la statistikoj de la retejo kaj", "    montras ilin."]
    path = tmp_path / "kuketoj.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = _titled_card_records(path)
    assert [r[0] for r in records] == [card[1] for card in TITLED_CARDS]
    assert records[2][1] == "Distingas la vizitantojn por la statistikoj de la retejo kaj montras ilin."
    assert [r[3] for r in records] == [card[4] for card in TITLED_CARDS]
    assert [r[4] for r in records] == ["necessary", "necessary", "analytics", "analytics"]


def test_names_alone_on_their_lines_without_labelled_lines_below_are_no_cards(tmp_path: Path) -> None:
    text = "Cookies we use\n\n_ga\n\nThe first one counts visits.\n\n_gid\n\nThe second one counts pages.\n"
    path = tmp_path / "policy.txt"
    path.write_text(text, encoding="utf-8")
    assert extract(path).tables == ()


def test_a_tab_separated_copy_whose_last_label_wraps_onto_lines_of_its_own(tmp_path: Path) -> None:
    # "Prazo" / "de" / "conservação": the copy put the last label's words on lines of their own, above the
    # first row (whose cells all stand on its first line). The same header repeated by a page break inside a
    # row takes none of that row's pieces.
    text = (
        "Cookies necessários\n"
        "Nome\tFornecedor\tFinalidade\tPrazo\n"
        "de\n"
        "conservação\n"
        "sessao_id\tLoja\tMantém a sessão do visitante entre as\t1 dia\n"
        "páginas.\n"
        "carrinho\tLoja\tGuarda os produtos escolhidos pelo visitante\t30 dias\n"
        "para\n"
        "Nome\tFornecedor\tFinalidade\tPrazo\n"
        "a compra\n"
        "seguinte.\n"
        "_ga\tGoogle\tDistingue os visitantes.\t2 anos\n"
    )
    path = tmp_path / "cookies.txt"
    path.write_text(text, encoding="utf-8")
    result = extract(path)
    assert [(c.name, c.duration) for c in result.cookies] == [
        ("sessao_id", "1 dia"),
        ("carrinho", "30 dias"),
        ("_ga", "2 anos"),
    ]
    assert result.tables[0].headers[-1] == "Prazo de conservação"
    assert result.cookies[0].purpose == "Mantém a sessão do visitante entre as páginas."


def test_a_closing_paragraph_right_under_a_ruled_table_is_no_row(tmp_path: Path) -> None:
    # The paragraph after the table follows its last rule closely (no blank line), opening where a name would
    # stand with plain words that run on into the purpose column.
    from scripts.render_samples import Spec, Table, render

    rows = [
        ["YSC", "Cofnodi pa fideos rydych wedi eu gwylio.", "Diwedd y sesiwn"],
        ["VISITOR_INFO1_LIVE", "Amcangyfrif lled band eich cysylltiad.", "6 mis"],
    ]
    table = Table("Cwcis trydydd parti", ["Enw", "Pwrpas", "Yn dod i ben"], [0.3, 0.5, 0.2], rows)
    closing = "Os oes gennych gwestiwn am y polisi hwn, cysylltwch a'r Clerc: clerc@example.cymru."
    spec = Spec("p.pdf", "Polisi cwcis", "Rydym yn defnyddio cwcis.", [table], ruled=True, outro=closing)
    path = tmp_path / "polisi.pdf"
    path.write_bytes(render(spec))
    assert [c.name for c in extract(path).cookies] == ["YSC", "VISITOR_INFO1_LIVE"]


def test_a_table_of_kinds_of_personal_data_after_the_cookie_table_is_no_cookie_table(tmp_path: Path) -> None:
    # "Podatki o članu": plain words joined by "o" ("or" in other languages) are a phrase, not a list of names.
    text = (
        "Ime          Namen                                   Trajanje\n"
        "PHPSESSID    Ohranja sejo obiskovalca.               Do konca seje\n"
        "_ga          Loči obiskovalce za statistiko.         2 leti\n"
        "\n"
        "Hramba osebnih podatkov\n"
        "\n"
        "   Vrsta podatkov                 Rok hrambe\n"
        "Podatki o članu       Do izpisa iz knjižnice in še 1 leto\n"
        "Podatki o izposoji    2 leti po vrnitvi gradiva\n"
        "Prijave na prireditve 6 mesecev\n"
    )
    path = tmp_path / "piskotki.txt"
    path.write_text(text, encoding="utf-8")
    assert [c.name for c in extract(path).cookies] == ["PHPSESSID", "_ga"]


def test_japanese_cells_wrapped_inside_a_word_are_joined_without_a_space(tmp_path: Path) -> None:
    # Japanese is written without spaces: a cell that wraps between two of its characters wrapped in a word.
    text = (
        "名前             目的                              有効期限\n"
        "hayate_session   ログイン状態を保持しま            セッシ\n"
        "                 す。                              ョン\n"
        "_ga              ユーザーを識別します。            2年\n"
    )
    path = tmp_path / "cookie.txt"
    path.write_text(text, encoding="utf-8")
    cookies = extract(path).cookies
    assert [(c.name, c.purpose, c.duration) for c in cookies] == [
        ("hayate_session", "ログイン状態を保持します。", "セッション"),
        ("_ga", "ユーザーを識別します。", "2年"),
    ]


def test_labels_one_space_apart_whose_second_label_no_lexicon_knows(tmp_path: Path) -> None:
    # "Fornecedor Para que" / "serve": the rows start a column under "Para", and "Fornecedor" is a whole label,
    # so "Para que serve" opens a label of its own, whatever its words.
    text = (
        " Nome                      Fornecedor Para que      Validade\n"
        "                                      serve\n"
        " PHPSESSID                 Loja       Mantém a      Sessão\n"
        "                                      sessão.\n"
        " wp_woocommerce_session_* Loja       Guarda o      2 dias\n"
        "                                      carrinho.\n"
        " cep_entrega               Loja       Lembra o CEP. 30 dias\n"
        " _ga                       Google     Conta as      2 anos\n"
        "                                      visitas.\n"
    )
    path = tmp_path / "cookies.txt"
    path.write_text(text, encoding="utf-8")
    result = extract(path)
    assert result.tables[0].columns == ("name", "provider", "purpose", "duration")
    assert [(c.name, c.provider, c.purpose) for c in result.cookies] == [
        ("PHPSESSID", "Loja", "Mantém a sessão."),
        ("wp_woocommerce_session_*", "Loja", "Guarda o carrinho."),
        ("cep_entrega", "Loja", "Lembra o CEP."),
        ("_ga", "Google", "Conta as visitas."),
    ]


def test_a_tab_separated_copy_that_ran_two_labels_together_whatever_their_words(tmp_path: Path) -> None:
    # "Fornecedor Para que" / "serve" in one tab cell while the rows have one cell more: cut after the whole
    # label "Fornecedor", where a capitalised word opens the next.
    text = (
        "Categoria\tNome\tFornecedor Para que\tValidade\n"
        "serve\n"
        "Essenciais\tPHPSESSID\tTrigo\tMantém a sua\tSessão\n"
        "Dourado\tsessão.\n"
        "Essenciais\tcep_entrega\tTrigo\tLembra o CEP\t30 dias\n"
        "Dourado\tinformado.\n"
        "Análise\t_ga\tGoogle\tConta as visitas.\t2 anos\n"
    )
    path = tmp_path / "cookies.txt"
    path.write_text(text, encoding="utf-8")
    result = extract(path)
    assert result.tables[0].headers == ("Categoria", "Nome", "Fornecedor", "Para que serve", "Validade")
    assert [(c.name, c.provider, c.purpose, c.duration) for c in result.cookies] == [
        ("PHPSESSID", "Trigo Dourado", "Mantém a sua sessão.", "Sessão"),
        ("cep_entrega", "Trigo Dourado", "Lembra o CEP informado.", "30 dias"),
        ("_ga", "Google", "Conta as visitas.", "2 anos"),
    ]


def test_a_tab_separated_row_that_lost_only_the_tab_after_its_name(tmp_path: Path) -> None:
    # "cyngor_sesiwn Cadw eich sesiwn ...\tDiwedd y sesiwn": the row has one cell fewer than the header, and its
    # first piece opens with a name: the name and the purpose share that piece.
    text = (
        "Enw\tPwrpas\tYn dod i\n"
        "ben\n"
        "cyngor_sesiwn Cadw eich sesiwn pan fyddwch yn llenwi\tDiwedd y\n"
        "ffurflen.\tsesiwn\n"
        "cookies_policy Cadw eich dewisiadau cwcis.\t1 flwyddyn\n"
        "iaith\tCofio a ydych am weld y wefan yn Gymraeg\t1 flwyddyn\n"
        "neu yn Saesneg.\n"
    )
    path = tmp_path / "cwcis.txt"
    path.write_text(text, encoding="utf-8")
    assert [(c.name, c.purpose, c.duration) for c in extract(path).cookies] == [
        ("cyngor_sesiwn", "Cadw eich sesiwn pan fyddwch yn llenwi ffurflen.", "Diwedd y sesiwn"),
        ("cookies_policy", "Cadw eich dewisiadau cwcis.", "1 flwyddyn"),
        ("iaith", "Cofio a ydych am weld y wefan yn Gymraeg neu yn Saesneg.", "1 flwyddyn"),
    ]


SERVICE_CARDS = (
    "<html><body><h1>Kakor</h1><h2>Statistikkakor</h2><p>Vi mäter hur webbplatsen används.</p>"
    "<p><strong>Google Analytics</strong></p><ul><li><strong>Leverantör:</strong> Google Ireland Ltd</li>"
    "<li><strong>Syfte:</strong> Mäter besök och sidvisningar.</li><li><strong>Lagringstid:</strong> 2 år</li>"
    "<li><strong>Kakor:</strong> _ga, _ga_*, _gid</li></ul>"
    "<p><strong>Hotjar</strong></p><ul><li><strong>Leverantör:</strong> Hotjar Ltd</li>"
    "<li><strong>Syfte:</strong> Visar hur besökare rör sig på sidorna.</li>"
    "<li><strong>Lagringstid:</strong> 1 år</li><li><strong>Kakor:</strong> _hjSessionUser_*, _hjSession_*</li></ul>"
    "<p>Du kan ändra ditt samtycke när som helst.</p></body></html>"
)


def test_cards_titled_by_a_service_that_list_its_cookies_under_a_label(tmp_path: Path) -> None:
    # "Google Analytics" / "Leverantör: ..." / "Syfte: ..." / "Kakor: _ga, _ga_*, _gid": the label whose values
    # are names gives the records; the title says what sets them; the paragraph after the cards is no value.
    path = tmp_path / "kakor.html"
    path.write_text(SERVICE_CARDS, encoding="utf-8")
    result = extract(path)
    assert [(c.name, c.provider, c.duration, c.category) for c in result.cookies] == [
        ("_ga", "Google Ireland Ltd", "2 år", "analytics"),
        ("_ga_*", "Google Ireland Ltd", "2 år", "analytics"),
        ("_gid", "Google Ireland Ltd", "2 år", "analytics"),
        ("_hjSessionUser_*", "Hotjar Ltd", "1 år", "analytics"),
        ("_hjSession_*", "Hotjar Ltd", "1 år", "analytics"),
    ]
    assert result.cookies[-1].purpose == "Visar hur besökare rör sig på sidorna."


def test_aligned_text_whose_last_label_wraps_below_it_in_every_table(tmp_path: Path) -> None:
    # "Durată" / "de" / "stocare" at the label's left edge, nothing under the first label: the header's own
    # lines, in the first table and in the next one under the same header. A header a page break repeats
    # inside a row takes none of that row's next lines (lower case, at another label's edge).
    text = (
        "Cookie-uri necesare\n"
        " Denumire      Furnizor        Scop                        Durată\n"
        "                                                           de\n"
        "                                                           stocare\n"
        " gs_session    Gazeta          Păstrează sesiunea.         Sesiune\n"
        " __cf_bm       Cloudflare      Protejează site-ul          30 de\n"
        "                               împotriva roboților.        minute\n"
        "\n"
        "Cookie-uri de analiză\n"
        " Denumire      Furnizor        Scop                        Durată\n"
        "                                                           de\n"
        "                                                           stocare\n"
        " _ga           Google          Distinge vizitatorii        2 ani\n"
        "                               site-ului pentru\n"
        " Denumire      Furnizor        Scop                        Durată\n"
        "                               statistici.\n"
        " _gid          Google          Distinge vizitatorii.       1 zi\n"
    )
    path = tmp_path / "cookies.txt"
    path.write_text(text, encoding="utf-8")
    result = extract(path)
    assert [(c.name, c.duration) for c in result.cookies] == [
        ("gs_session", "Sesiune"),
        ("__cf_bm", "30 de minute"),
        ("_ga", "2 ani"),
        ("_gid", "1 zi"),
    ]
    assert result.tables[0].headers[-1] == "Durată de stocare"
    assert result.cookies[2].purpose == "Distinge vizitatorii site-ului pentru statistici."


def test_aligned_text_whose_labels_wrap_onto_capitalised_label_words(tmp_path: Path) -> None:
    # "Çerez" / "Türü", "Saklama" / "Süresi": the header's next line holds words of labels at labels' left
    # edges (and a slash), nothing under the first label; a line that is a header of its own words alone.
    text = (
        " Çerez Adı           Çerez        Taraf       Amacı                     Saklama\n"
        "                     Türü         /                                     Süresi\n"
        "                                  Türü\n"
        " PHPSESSID           Zorunlu      Birinci     Oturumu tanımlar.         Oturum\n"
        " rezervasyon_sepet   Zorunlu      Birinci     Seçilen odaları saklar.   1 gün\n"
        " _ga                 Analitik     Üçüncü      Ziyaretçileri ayırt eder. 2 yıl\n"
    )
    path = tmp_path / "cerezler.txt"
    path.write_text(text, encoding="utf-8")
    result = extract(path)
    assert result.tables[0].headers[1] == "Çerez Türü"
    assert result.tables[0].headers[-1] == "Saklama Süresi"
    assert [(c.name, c.duration) for c in result.cookies] == [
        ("PHPSESSID", "Oturum"),
        ("rezervasyon_sepet", "1 gün"),
        ("_ga", "2 yıl"),
    ]


def test_a_table_whose_header_row_is_marked_is_not_read_sideways(tmp_path: Path) -> None:
    # The first column's values are words a header could use ("Necessary cookies"), but the markup marks the
    # first row as the header (<th>): the table is read as it stands, one category per row, its names listed
    # with a note each.
    page = (
        "<html><body><table><tr><th>Soort cookies</th><th>Uitleg</th><th>Voorbeelden van cookies</th>"
        "<th>Duur</th></tr>"
        "<tr><td>Noodzakelijke cookies</td><td>Nodig voor de werking van het platform.</td>"
        "<td>app_consent (Bewaart de keuze) <br/><br/> XSRF-TOKEN (Beschermt de formulieren)</td>"
        "<td>1 jaar</td></tr>"
        "<tr><td>Analytische cookies</td><td>Meten het bezoek.</td>"
        "<td>_ga, _gid: Google Analytics-cookies tellen de bezoeken.</td><td>2 jaar</td></tr>"
        "</table></body></html>"
    )
    path = tmp_path / "cookies.html"
    path.write_text(page, encoding="utf-8")
    result = extract(path)
    assert result.tables[0].headers[0] == "Soort cookies"
    assert [(c.name, c.duration, c.category) for c in result.cookies] == [
        ("app_consent", "1 jaar", "necessary"),
        ("XSRF-TOKEN", "1 jaar", "necessary"),
        ("_ga", "2 jaar", "analytics"),
        ("_gid", "2 jaar", "analytics"),
    ]


def test_a_tab_separated_header_whose_labels_end_on_the_next_lines_in_capitals(tmp_path: Path) -> None:
    # "Çerez\tBirinci /\tSaklama" over "Türü\t/\tSüresi"-like ends, then "Üçüncü" / "Taraf" alone: the labels'
    # ends (words of labels, read together with the labels above), not a header of their own nor rows.
    text = (
        "Çerez Adı\tÇerez\tBirinci /\tAmacı\tSaklama\n"
        "Türü\tÜçüncü\tSüresi\n"
        "Taraf\n"
        "PHPSESSID\tZorunlu\tBirinci\tOturumu tanımlar.\tOturum\n"
        "rezervasyon_sepet\tZorunlu\tBirinci\tSeçilen odaları saklar.\t1 gün\n"
        "_ga\tAnalitik\tÜçüncü\tZiyaretçileri ayırt eder.\t2 yıl\n"
    )
    path = tmp_path / "cerezler.txt"
    path.write_text(text, encoding="utf-8")
    result = extract(path)
    assert result.tables[0].headers[-1] == "Saklama Süresi"
    assert [(c.name, c.purpose, c.duration) for c in result.cookies] == [
        ("PHPSESSID", "Oturumu tanımlar.", "Oturum"),
        ("rezervasyon_sepet", "Seçilen odaları saklar.", "1 gün"),
        ("_ga", "Ziyaretçileri ayırt eder.", "2 yıl"),
    ]


def test_a_section_s_heading_above_long_paragraphs_and_not_a_paragraph_s_wrapped_first_line(tmp_path: Path) -> None:
    # Large type wraps a section's description over many lines (more than thirty above the table); without
    # blank lines, a paragraph's first line looks like a heading but goes on in lower case below it.
    paragraph = ["These cookies help us understand how visitors use the site and which", "pages they read."]
    lines = ["Cookie policy", "", "Analytics cookies", ""]
    for _ in range(6):
        lines += [*(paragraph * 2), ""]
    lines += [
        "Name        Provider    Purpose                     Expiry",
        "_ga         Google      Counts the visits.          2 years",
        "_gid        Google      Counts the pages.           1 day",
        "",
        "Marketing cookies",
        "These cookies are set by advertising partners of the site and they",
        "follow you to show ads.",
        "Name        Provider    Purpose                     Expiry",
        "_fbp        Meta        Shows ads on Facebook.      3 months",
    ]
    path = tmp_path / "policy.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = extract(path)
    assert [t.heading for t in result.tables] == ["Analytics cookies", "Marketing cookies"]
    assert [c.category for c in result.cookies] == ["analytics", "analytics", "marketing"]


def test_a_tab_separated_row_that_lost_the_tab_before_its_duration(tmp_path: Path) -> None:
    # "Distingeix els usuaris per 2 anys": the purpose and the duration share the last piece; the count and its
    # unit at its end are the duration, the words before them the purpose (which goes on below).
    text = (
        "Galeta\tTitular\tTipus\tFinalitat\tCaducitat\n"
        "_ga\tGoogle\tDe\tDistingeix els usuaris per 2 anys\n"
        "tercers\telaborar estadístiques.\n"
        "_gid\tGoogle\tDe tercers\tDistingeix els usuaris.\t1 dia\n"
        "_fbp\tMeta\tDe tercers\tMostra anuncis.\t3 mesos\n"
    )
    path = tmp_path / "galetes.txt"
    path.write_text(text, encoding="utf-8")
    assert [(c.name, c.purpose, c.duration) for c in extract(path).cookies] == [
        ("_ga", "Distingeix els usuaris per elaborar estadístiques.", "2 anys"),
        ("_gid", "Distingeix els usuaris.", "1 dia"),
        ("_fbp", "Mostra anuncis.", "3 mesos"),
    ]


def test_a_table_under_a_service_heading_takes_the_category_of_the_section_it_stands_in(tmp_path: Path) -> None:
    # "Analytics cookies" heads a section; inside it each service has a subheading ("Matomo") over its table.
    # The subheading names no category: the section's heading does, in the larger type of its level.
    page = (
        "<html><body><h1>Cookie policy</h1><p>We use cookies.</p>"
        "<h2>Analytics cookies</h2><p>These help us improve the site.</p>"
        "<h3>Matomo</h3><table><tr><th>Name</th><th>Purpose</th><th>Expiry</th></tr>"
        "<tr><td>_pk_id</td><td>Stores a visitor identifier.</td><td>13 months</td></tr></table>"
        "<h2>Advertising cookies</h2><h3>Meta Pixel</h3>"
        "<table><tr><th>Name</th><th>Purpose</th><th>Expiry</th></tr>"
        "<tr><td>_fbp</td><td>Stores a visitor identifier.</td><td>3 months</td></tr></table>"
        "</body></html>"
    )
    path = tmp_path / "policy.html"
    path.write_text(page, encoding="utf-8")
    result = extract(path)
    assert [(c.name, c.category, c.category_source) for c in result.cookies] == [
        ("_pk_id", "analytics", "heading"),
        ("_fbp", "marketing", "heading"),
    ]
    assert [(t.heading, t.sections[0]) for t in result.tables] == [
        ("Matomo", "Analytics cookies"),
        ("Meta Pixel", "Advertising cookies"),
    ]


def test_a_layout_export_whose_next_page_sets_the_columns_further_left_keeps_its_rows(tmp_path: Path) -> None:
    # pdftotext -layout lays each page out for itself: after the page break the provider column starts further
    # left, one space after the names, while the names keep the table's left edge. That edge starts a word on
    # every row; it is the first column's, never the next column's bound.
    rows = [
        (f"stat_{k}_id", "Example" if k % 2 else "Hotjar", "Counts the visits of each page.", "30 days")
        for k in range(8)
    ]
    first = "".join(f" {n:<12}{p:<16}{u:<38}{d}\n" for n, p, u, d in rows[:4])
    after_break = "".join(f" {n} {p:<8}          {u:<38}{d}\n" for n, p, u, d in rows[4:])
    text = (
        "Analytics cookies\n\n"
        f" {'Cookie':<12}{'Provider':<16}{'Description':<38}Duration\n" + first + "\f" + after_break
    )
    path = tmp_path / "policy.txt"
    path.write_text(text, encoding="utf-8")
    result = extract(path)
    assert [(c.name, c.provider, c.duration) for c in result.cookies] == [(n, p, d) for n, p, _, d in rows]
    assert not result.warnings


def test_a_word_document_titles_each_table_with_a_plain_paragraph_naming_its_category(tmp_path: Path) -> None:
    # A paragraph in body type right on top of the table ("Analytics cookies") is its title, though the
    # document's only styled heading is its title further up.
    document = docx.Document()
    document.add_heading("Cookie policy", level=1)
    document.add_paragraph("We use the cookies below.")
    for title, name in (("Strictly necessary cookies", "sessionid"), ("Analytics cookies", "_pk_id")):
        document.add_paragraph(title)
        table = document.add_table(rows=2, cols=3)
        for column, value in enumerate(("Name", "Purpose", "Expiry")):
            table.cell(0, column).text = value
        for column, value in enumerate((name, "Set by the service.", "1 year")):
            table.cell(1, column).text = value
    path = tmp_path / "policy.docx"
    document.save(str(path))
    result = extract(path)
    assert [(c.name, c.category, c.category_source) for c in result.cookies] == [
        ("sessionid", "necessary", "heading"),
        ("_pk_id", "analytics", "heading"),
    ]


def test_tables_under_centred_captions_in_a_text_export_are_tables_of_their_own(tmp_path: Path) -> None:
    # A caption stands centred over its table, indented into the columns like a wrapped cell: one naming a
    # category, centred on the table, starts a table of its own under the same labels.
    text = (
        "            Strictly necessary cookies\n"
        "Name        Purpose                          Expiry\n"
        "sessionid   Set by the service.              1 year\n"
        "\n"
        "                Analytics cookies\n"
        "Name        Purpose                          Expiry\n"
        "_pk_id      Set by the service.              1 year\n"
    )
    path = tmp_path / "policy.txt"
    path.write_text(text, encoding="utf-8")
    result = extract(path)
    assert [(c.name, c.category, c.category_source) for c in result.cookies] == [
        ("sessionid", "necessary", "heading"),
        ("_pk_id", "analytics", "heading"),
    ]


def test_a_heading_over_many_paragraphs_still_heads_the_table(tmp_path: Path) -> None:
    # A section that explains itself at length before its table: twenty paragraphs, each its own block.
    paragraphs = "".join(f"We use these cookies for reason {k}, which this sentence explains.\n\n" for k in range(20))
    text = (
        "Analytics and research\n\n" + paragraphs + "Name        Purpose                          Expiry\n"
        "_pk_id      Set by the service.              13 months\n"
    )
    path = tmp_path / "policy.txt"
    path.write_text(text, encoding="utf-8")
    result = extract(path)
    assert result.tables[0].heading == "Analytics and research"
    assert [(c.category, c.category_source) for c in result.cookies] == [("analytics", "heading")]


def test_a_sentence_leading_into_a_list_is_no_heading(tmp_path: Path) -> None:
    # "For example, we use cookies to:" ends in a colon as a heading may, after a word that leads on.
    text = (
        "Advertising, recommendations and measurement\n\n"
        "For example, we use cookies to:\n\n"
        "  • show you adverts for things you looked at;\n"
        "  • count how often an advert is seen.\n\n"
        "Cookie      Purpose                          Expiry\n"
        "_fbp        Set by the service.              3 months\n"
    )
    path = tmp_path / "policy.txt"
    path.write_text(text, encoding="utf-8")
    result = extract(path)
    assert result.tables[0].heading == "Advertising, recommendations and measurement"
    assert [c.category for c in result.cookies] == ["marketing"]


def test_a_tab_separated_table_cut_by_section_rows_reads_each_section(tmp_path: Path) -> None:
    # One table of names, domains and expiries, its categories given as rows of one word across it.
    text = (
        "Cookie\tDomain\tExpiry\n"
        "Strictly necessary\n"
        "sessionid\texample.com\tSession\n"
        "csrftoken\t.example.com\t1 year\n"
        "Analytics\n"
        "_ga\t.example.com\t2 years\n"
    )
    path = tmp_path / "policy.txt"
    path.write_text(text, encoding="utf-8")
    result = extract(path)
    assert [(c.name, c.domain, c.category) for c in result.cookies] == [
        ("sessionid", "example.com", "necessary"),
        ("csrftoken", ".example.com", "necessary"),
        ("_ga", ".example.com", "analytics"),
    ]


def test_a_tab_separated_cell_wrapped_before_a_category_word_keeps_it(tmp_path: Path) -> None:
    # "Cookies Google" / "Analytics": the cell's last word on a line of its own, not a section row.
    text = (
        "Cookie\tPurpose\tExpiry\n"
        "_gat\tThrottles the requests of Cookies Google\t1 minute\n"
        "Analytics\n"
        "_gid\tCounts the visits of each page of the site.\t1 day\n"
    )
    path = tmp_path / "policy.txt"
    path.write_text(text, encoding="utf-8")
    cookies = extract(path).cookies
    assert [(c.name, c.purpose) for c in cookies] == [
        ("_gat", "Throttles the requests of Cookies Google Analytics"),
        ("_gid", "Counts the visits of each page of the site."),
    ]


def test_a_tab_separated_purpose_line_under_a_category_label_left_open_stays_in_the_purpose(tmp_path: Path) -> None:
    # "Targeting/" / "Advertising": the category label ends with a slash, but the lone line between names no
    # category; it is the purpose's next words, whose tabs the copy dropped.
    text = (
        "Name\tDescription\tType\tExpiration\n"
        "ad_id\tUsed by the\tTargeting/\t3 months\n"
        "ad network to\n"
        "show ads on\tAdvertising\n"
        "other sites.\n"
        "ad_seen\tCounts the ads\tTargeting/\t2 years\n"
        "shown to each\n"
        "visitor.\tAdvertising\n"
        "consent\tKeeps the choice made\tNecessary\t1 year\n"
    )
    assert _read(tmp_path, text, "name", "purpose", "category") == [
        ("ad_id", "Used by the ad network to show ads on other sites.", "marketing"),
        ("ad_seen", "Counts the ads shown to each visitor.", "marketing"),
        ("consent", "Keeps the choice made", "necessary"),
    ]


def test_section_rows_centred_across_a_text_browser_table_head_their_rows(tmp_path: Path) -> None:
    # A text browser centres a header cell spanning the table ("<th colspan=3>Analytics</th>").
    text = (
        "Cookie      Domain          Expiry\n"
        "        Strictly necessary\n"
        "sessionid   example.com     Session\n"
        "csrftoken   .example.com    1 year\n"
        "            Analytics\n"
        "_ga         .example.com    2 years\n"
    )
    path = tmp_path / "policy.txt"
    path.write_text(text, encoding="utf-8")
    assert [(c.name, c.category) for c in extract(path).cookies] == [
        ("sessionid", "necessary"),
        ("csrftoken", "necessary"),
        ("_ga", "analytics"),
    ]


def test_a_narrow_duration_column_one_space_after_the_names_keeps_its_counts(tmp_path: Path) -> None:
    # pdftotext -layout squeezes a narrow column: the count sits one space after the name, at the column's
    # start, its unit wrapped below ("cookie_10 13" / "months").
    aligned = "".join(f" cookie_{k}   1 year    Counts the visits.\n" for k in range(6))
    text = (
        " Name       Expiry    Description\n" + aligned + " cookie_10 13         Counts the pages.\n"
        "           months\n"
        " cookie_11 1 day      Counts the clicks.\n"
    )
    path = tmp_path / "policy.txt"
    path.write_text(text, encoding="utf-8")
    assert [(c.name, c.duration) for c in extract(path).cookies][-2:] == [
        ("cookie_10", "13 months"),
        ("cookie_11", "1 day"),
    ]


def test_a_tab_separated_continuation_completes_the_value_its_column_had_above(tmp_path: Path) -> None:
    # "HTTP" / "Cookie" wrapped in the last column of every row: a lone "Cookie" under "Session | ... | HTTP"
    # makes the type "HTTP Cookie" seen above, not "Session Cookie".
    text = (
        "Name\tProvider\tExpiry\tDescription\tType\n"
        "sess_a\tExample\t1 day\tStores the consent state of\tHTTP\n"
        "the visitor for the site.\tCookie\n"
        "sess_b\tExample\tSession\tKeeps the session.\tHTTP\n"
        "Cookie\n"
    )
    path = tmp_path / "policy.txt"
    path.write_text(text, encoding="utf-8")
    assert [(c.name, c.duration, c.type) for c in extract(path).cookies] == [
        ("sess_a", "1 day", "HTTP Cookie"),
        ("sess_b", "Session", "HTTP Cookie"),
    ]


def test_a_heading_right_under_a_table_in_aligned_text_is_no_row(tmp_path: Path) -> None:
    # No blank line parts the next section's heading from the last row: the columns cut it into cells, but its
    # name cell is no cookie name ("Advertising,") and nothing above is left open.
    text = (
        " Cookie    Purpose                                      Expiry\n"
        " ana_0     Counts the visits of each page.              1 year\n"
        " ana_1     Keeps the session.                           Session\n"
        "Advertising, recommendations and measurement\n"
        "\n"
        "For example, we use cookies to:\n"
        "\n"
        "     show you adverts for things you looked at on our site;\n"
        "\n"
        " Cookie    Purpose                                      Expiry\n"
        " _fbp      Shows adverts.                               3 months\n"
    )
    path = tmp_path / "policy.txt"
    path.write_text(text, encoding="utf-8")
    result = extract(path)
    assert [(t.heading, len(t.rows)) for t in result.tables] == [
        (None, 2),
        ("Advertising, recommendations and measurement", 1),
    ]
    assert [c.category for c in result.cookies][-1] == "marketing"


def test_consent_manager_lists_of_subgroups_each_read_under_the_same_labels(tmp_path: Path) -> None:
    # A consent manager's lists: per category, a table of the host that sets the cookies, the cookies it sets
    # (a list of well-known names, few marked as identifiers) and whether they are first or third party. No
    # label is a lexicon word; the columns' contents tell them, table after table under the same labels.
    def table(rows: list[tuple[str, str, str]]) -> str:
        body = "".join(f"<tr><td>{h}</td><td>{c}</td><td>{p}</td></tr>" for h, c, p in rows)
        return f"<table><tr><th>Sous-groupe</th><th>Témoins</th><th>Utilisés</th></tr>{body}</table>"

    page = (
        "<html><body><h1>Politique</h1><h2>Cookies strictement nécessaires</h2><p>Ils font marcher le site.</p>"
        + table([("example.fr", "OptanonConsent, mar_session", "Internes"), ("example.fr", "mar_auth", "Internes")])
        + "<h2>Cookies de ciblage</h2><p>Nos partenaires publicitaires les déposent.</p>"
        + table([("doubleclick.net", "IDE, test_cookie", "Tiers"), ("linkedin.com", "bcookie, lidc", "Tiers")])
        + "</body></html>"
    )
    path = tmp_path / "politique.html"
    path.write_text(page, encoding="utf-8")
    result = extract(path)
    assert [(c.name, c.domain, c.category) for c in result.cookies] == [
        ("OptanonConsent", "example.fr", "necessary"),
        ("mar_session", "example.fr", "necessary"),
        ("mar_auth", "example.fr", "necessary"),
        ("IDE", "doubleclick.net", "marketing"),
        ("test_cookie", "doubleclick.net", "marketing"),
        ("bcookie", "linkedin.com", "marketing"),
        ("lidc", "linkedin.com", "marketing"),
    ]


def test_a_consent_platform_declaration_keeps_its_unclassified_cookies_unclassified(tmp_path: Path) -> None:
    # "Unclassified (2)": the platform has not classified these cookies; no category is guessed for them.
    page = (
        "<html><body><h2>Necessary (1)</h2><table><tr><th>Name</th><th>Provider</th><th>Purpose</th>"
        "<th>Maximum Storage Duration</th></tr><tr><td>CookieConsent</td><td>Cookiebot</td>"
        "<td>Stores the user's cookie consent state.</td><td>1 year</td></tr></table>"
        "<h2>Unclassified (1)</h2><table><tr><th>Name</th><th>Provider</th><th>Purpose</th>"
        "<th>Maximum Storage Duration</th></tr><tr><td>wpEmojiSettingsSupports</td><td>example.com</td>"
        "<td>Pending</td><td>Session</td></tr></table></body></html>"
    )
    path = tmp_path / "declaration.html"
    path.write_text(page, encoding="utf-8")
    assert [(c.name, c.category, c.category_source) for c in extract(path).cookies] == [
        ("CookieConsent", "necessary", "heading"),
        ("wpEmojiSettingsSupports", "unclassified", "heading"),
    ]


def test_a_row_repeated_within_a_table_read_by_content_is_no_second_header(tmp_path: Path) -> None:
    # A text browser centres each row's name between the two lines of its other cells: the line above every
    # name repeats the same pieces ("Analitik | Üçüncü | Ziyaretçileri ayırt"). It stays a row's line; only the
    # same labels after a blank line head a table again.
    rows = "".join(
        "           Analitik   Üçüncü   Ziyaretçileri ayırt\n"
        f"_ck{k}_id   Çerez      Taraf    eder.                  {k + 1} ay\n"
        for k in range(4)
    )
    text = "Çerez Adı  Çerez Türü Taraf    Amacı                  Saklama Süresi\n" + rows
    path = tmp_path / "politika.txt"
    path.write_text(text, encoding="utf-8")
    assert [c.name for c in extract(path).cookies] == [f"_ck{k}_id" for k in range(4)]


def test_a_one_word_caption_centred_over_the_next_table_heads_it(tmp_path: Path) -> None:
    # A text browser centres a caption ("Analitikoak") over its table's cells and their padding, a few
    # characters off the middle of the text; one word that could be a name, it names a category over a header.
    text = (
        "     Izena                        Helburua                          Iraupena\n"
        "saio_id         Saioa mantentzen du izapideak egitean.              Saioa\n"
        "hizkuntza       Aukeratutako hizkuntza gogoratzen du.               Urte 1\n"
        "\n"
        "                                  Analitikoak\n"
        "     Izena                        Helburua                          Iraupena\n"
        "_pk_id.3.a1b2   Bisitaria bereizten du.                             13 hilabete\n"
    )
    path = tmp_path / "politika.txt"
    path.write_text(text, encoding="utf-8")
    result = extract(path)
    assert [(t.heading, len(t.rows)) for t in result.tables] == [(None, 2), ("Analitikoak", 1)]
    assert result.cookies[-1].category == "analytics"


def test_a_middle_columns_line_naming_a_category_is_no_section_row(tmp_path: Path) -> None:
    # A purpose's first line stands centred under the header ("Mejorar la segmentación de", a marketing word):
    # it ends open and no row starts right below it, so it is the cell's line, not a section row.
    text = (
        " Cookie        Finalidad                          Duración\n"
        " _ga           Distinguir a los usuarios.         2 años\n"
        "               Mejorar la segmentación de\n"
        " _fbp          anuncios en Facebook               3 meses\n"
    )
    path = tmp_path / "politica.txt"
    path.write_text(text, encoding="utf-8")
    result = extract(path)
    assert [c.name for c in result.cookies] == ["_ga", "_fbp"]
    assert "Mejorar la segmentación de" in " ".join(c.purpose or "" for c in result.cookies)
    assert len(result.tables) == 1 and result.tables[0].heading is None


def test_a_heading_opened_by_a_pictogram_heads_its_table(tmp_path: Path) -> None:
    # "📊 Analytics cookies": the pictogram before the words does not keep the line from being a heading.
    table = "<table><tr><th>Name</th><th>Domain</th><th>Expiry</th></tr><tr><td>{}</td><td>.example.com</td>"
    page = (
        "<html><body><h1>Cookie policy</h1><h2>🔒 Strictly necessary cookies</h2>"
        + table.format("sessionid")
        + "<td>1 year</td></tr></table><h2>📊 Analytics cookies</h2>"
        + table.format("_pk_id")
        + "<td>1 year</td></tr></table></body></html>"
    )
    path = tmp_path / "policy.html"
    path.write_text(page, encoding="utf-8")
    assert [(c.name, c.category) for c in extract(path).cookies] == [
        ("sessionid", "necessary"),
        ("_pk_id", "analytics"),
    ]


def test_numbered_headings_whose_number_stands_apart_head_their_tables(tmp_path: Path) -> None:
    # "2.    Analytics cookies": wide spacing after the section number makes two pieces of one heading line.
    text = (
        "1.    Strictly necessary cookies\n\n"
        "Name        Domain           Expiry\n"
        "sessionid   .example.com     1 year\n"
        "\n"
        "2.    Analytics cookies\n\n"
        "Name        Domain           Expiry\n"
        "_pk_id      .example.com     1 year\n"
    )
    path = tmp_path / "policy.txt"
    path.write_text(text, encoding="utf-8")
    result = extract(path)
    assert [t.heading for t in result.tables] == ["1. Strictly necessary cookies", "2. Analytics cookies"]
    assert [c.category for c in result.cookies] == ["necessary", "analytics"]


def test_consent_platform_subgroup_tables_in_a_layout_export_with_labels_run_together(tmp_path: Path) -> None:
    # A consent platform's subgroup lists through `pdftotext -layout`: the labels wrap over two lines, a
    # narrower table runs two labels together with one space ("Informasjonskapsler Informasjonskapsler"), a
    # gap, a heading and a paragraph part the tables (the paragraph right above the labels), and a row lists
    # an identifier beside a party word ("IDE, test_cookie" / "Tredjepart"), which is no header however
    # header-like its words.
    text = (
        "Nødvendige informasjonskapsler\n\n"
        "Disse informasjonskapslene er nødvendige for at nettstedet skal fungere, og kan ikke slås av.\n\n"
        " Undergruppe for        Informasjonskapsler      Informasjonskapsler\n"
        " informasjonskapsler                             som brukes\n"
        " eksempel.no            sesjon_id, csrf_token    Førstepart\n"
        " bank.eksempel.no       auth_token, enhet_id     Førstepart\n\n"
        "Funksjonelle informasjonskapsler\n\n"
        "Disse informasjonskapslene gir utvidet funksjonalitet, som chat med kundeservice og valg av språk.\n"
        " Undergruppe for     Informasjonskapsler Informasjonskapsler\n"
        " informasjonskapsler                     som brukes\n"
        " eksempel.no         sprak_valg          Førstepart\n"
        " chat.example        chat_id, chat_ref   Tredjepart\n\n"
        "Informasjonskapsler for målrettet annonsering\n\n"
        "Disse informasjonskapslene kan settes av annonsepartnerne våre for å bygge en profil av interessene.\n"
        " Undergruppe for     Informasjonskapsler Informasjonskapsler\n"
        " informasjonskapsler                     som brukes\n"
        " facebook.com        _fbp, fr            Tredjepart\n"
        " doubleclick.net     IDE, test_cookie    Tredjepart\n"
        " adform.net          uid, C, cid         Tredjepart\n"
    )
    path = tmp_path / "informasjonskapsler.txt"
    path.write_text(text, encoding="utf-8")
    cookies = extract(path).cookies
    assert [(c.name, c.domain, c.category) for c in cookies] == [
        ("sesjon_id", "eksempel.no", "necessary"),
        ("csrf_token", "eksempel.no", "necessary"),
        ("auth_token", "bank.eksempel.no", "necessary"),
        ("enhet_id", "bank.eksempel.no", "necessary"),
        ("sprak_valg", "eksempel.no", "functional"),
        ("chat_id", "chat.example", "functional"),
        ("chat_ref", "chat.example", "functional"),
        ("_fbp", "facebook.com", "marketing"),
        ("fr", "facebook.com", "marketing"),
        ("IDE", "doubleclick.net", "marketing"),
        ("test_cookie", "doubleclick.net", "marketing"),
        ("uid", "adform.net", "marketing"),
        ("C", "adform.net", "marketing"),
        ("cid", "adform.net", "marketing"),
    ]


def test_a_tab_separated_copy_that_ran_two_weak_labels_together_is_cut_where_the_rows_say(tmp_path: Path) -> None:
    # Copied from a narrow table, two labels that only weakly name a role ran together in one tab-separated
    # cell ("Informasjonskapsler Informasjonskapsler"); every row below has one cell more than the header.
    rows = [
        ("facebook.com", "_fbp, fr", "Tredjepart"),
        ("doubleclick.net", "IDE, test_cookie", "Tredjepart"),
        ("adform.net", "uid_adform, cid", "Tredjepart"),
        ("eksempel.no", "sesjon_id", "Førstepart"),
    ]
    text = "Vertsnavn\tInformasjonskapsler Informasjonskapsler\n" + "".join("\t".join(r) + "\n" for r in rows)
    path = tmp_path / "kopi.txt"
    path.write_text(text, encoding="utf-8")
    result = extract(path)
    assert result.tables[0].headers == ("Vertsnavn", "Informasjonskapsler", "Informasjonskapsler")
    assert [(c.name, c.domain) for c in result.cookies] == [
        ("_fbp", "facebook.com"),
        ("fr", "facebook.com"),
        ("IDE", "doubleclick.net"),
        ("test_cookie", "doubleclick.net"),
        ("uid_adform", "adform.net"),
        ("cid", "adform.net"),
        ("sesjon_id", "eksempel.no"),
    ]


def test_a_provider_cell_spanning_its_cookies_rows_in_a_text_export_names_each_of_them(tmp_path: Path) -> None:
    # A table written with one provider cell spanning its cookies' rows, exported to text: the provider stands
    # beside the group's first row only. Every cookie of the group is that provider's.
    text = (
        "Provider     Cookie          Purpose                     Duration\n"
        "Pedala       pedala_session  Keeps you signed in.        Session\n"
        "             pedala_lang     Remembers your language.    1 year\n"
        "Google LLC   _ga             Distinguishes visitors.     2 years\n"
        "             _gid            Distinguishes visitors.     1 day\n"
    )
    path = tmp_path / "policy.txt"
    path.write_text(text, encoding="utf-8")
    result = extract(path)
    assert [(c.name, c.provider) for c in result.cookies] == [
        ("pedala_session", "Pedala"),
        ("pedala_lang", "Pedala"),
        ("_ga", "Google LLC"),
        ("_gid", "Google LLC"),
    ]
    assert any("spanning rows" in line for line in result.tables[0].explanation)


def test_an_empty_provider_cell_in_markup_stays_empty(tmp_path: Path) -> None:
    # Markup says where each cell is: an empty cell is empty (a spanning one is repeated by the reader).
    page = (
        "<table><tr><th>Provider</th><th>Cookie</th><th>Purpose</th></tr>"
        "<tr><td>Pedala</td><td>pedala_session</td><td>Keeps you signed in.</td></tr>"
        "<tr><td></td><td>site_lang</td><td>Remembers your language.</td></tr></table>"
    )
    path = tmp_path / "policy.html"
    path.write_text(page, encoding="utf-8")
    assert [(c.name, c.provider) for c in extract(path).cookies] == [
        ("pedala_session", "Pedala"),
        ("site_lang", None),
    ]


UNLABELLED_ROWS = (
    ("sess_id", "Keeps you signed in while you use the site.", "Session"),
    ("lang_pref", "Remembers the language you chose.", "1 year"),
    ("_ga", "Distinguishes visitors to count visits.", "2 years"),
)


@pytest.mark.parametrize(
    "header",
    [
        "<tr><th>Cookie</th><th></th><th>Duration</th></tr>",
        "<tr><th>Cookie</th><th colspan='2'>Details</th></tr>",
    ],
    ids=["a-header-cell-left-empty", "one-label-over-two-columns"],
)
def test_a_marked_up_column_no_label_names_is_read_by_what_it_holds(tmp_path: Path, header: str) -> None:
    # The descriptive column's header cell is left empty, or one label spans two columns: the column is there
    # all the same, its role told by its cells (sentences: the purpose; durations: the duration).
    body = "".join(f"<tr><td>{n}</td><td>{p}</td><td>{d}</td></tr>" for n, p, d in UNLABELLED_ROWS)
    path = tmp_path / "policy.html"
    path.write_text(f"<table>{header}{body}</table>", encoding="utf-8")
    assert [(c.name, c.purpose, c.duration) for c in extract(path).cookies] == list(UNLABELLED_ROWS)


def test_a_laid_out_column_under_no_label_is_read_by_what_it_holds(tmp_path: Path) -> None:
    # A text export of a table whose middle header cell is empty: every row has a cell between the name and
    # the duration, standing under no label. It is a column of its own, not the duration's.
    text = " Cookie                                                 Duration\n" + "".join(
        f"{n:<12}{p:<46}{d}\n" for n, p, d in UNLABELLED_ROWS
    )
    path = tmp_path / "policy.txt"
    path.write_text(text, encoding="utf-8")
    assert [(c.name, c.purpose, c.duration) for c in extract(path).cookies] == list(UNLABELLED_ROWS)


def test_a_label_centred_over_a_wide_column_of_names_leaves_no_column_unlabelled(tmp_path: Path) -> None:
    # A text browser centres a short label over a wide column: the names start left of it, under no label,
    # with nothing under the label itself on their lines. They are the label's column.
    text = (
        "             Name                 Domain\n"
        + "".join(
            f"{name:<34}{domain}\n"
            for name, domain in (("__Secure-3PSIDCC", ".google.com"), ("SAPISID", ".google.com"))
        )
        + "".join(f"{name:<34}{domain}\n" for name, domain in (("HSID", ".google.com"), ("SIDCC", ".google.com")))
    )
    path = tmp_path / "policy.txt"
    path.write_text(text, encoding="utf-8")
    assert [(c.name, c.domain) for c in extract(path).cookies] == [
        ("__Secure-3PSIDCC", ".google.com"),
        ("SAPISID", ".google.com"),
        ("HSID", ".google.com"),
        ("SIDCC", ".google.com"),
    ]


def test_a_paragraph_titling_other_categories_between_tables_is_not_passed_over(tmp_path: Path) -> None:
    # Each table has a plain paragraph for title; the second one's names categories of its own ("The
    # functional and analytics cookies we use"), too long to be read as the table's heading. The first
    # table's title is not carried over to the second all the same.
    def table(rows: list[tuple[str, str]]) -> str:
        body = "".join(f"<tr><td>{n}</td><td>{p}</td></tr>" for n, p in rows)
        return f"<table><tr><th>Name</th><th>Purpose</th></tr>{body}</table>"

    page = (
        "<h2>Which cookies we use</h2><p>Strictly necessary cookies</p>"
        + table([("sess_id", "Keeps you signed in.")])
        + "<p>The functional and analytics cookies we use</p>"
        + table([("lang_pref", "Remembers your language."), ("_ga", "Counts visits.")])
    )
    path = tmp_path / "policy.html"
    path.write_text(page, encoding="utf-8")
    result = extract(path)
    assert result.tables[0].heading == "Strictly necessary cookies"
    assert result.tables[1].heading != "Strictly necessary cookies"
    assert [c.category_source for c in result.cookies][1:] != ["heading", "heading"]


HEADERLESS_ROWS = (
    ("sess_id", "Keeps you signed in while you use the site.", "Session"),
    ("lang_pref", "Remembers the language you chose.", "1 year"),
    ("_ga", "Distinguishes visitors to count visits.", "2 years"),
)


@pytest.mark.parametrize("form", ["html", "docx"])
def test_a_marked_up_table_with_no_header_row_is_read_by_what_its_columns_hold(tmp_path: Path, form: str) -> None:
    # A table of cookies with no header row at all: its first row is a cookie's. The columns' contents (names,
    # sentences, durations) say what each is.
    if form == "html":
        body = "".join(f"<tr><td>{n}</td><td>{p}</td><td>{d}</td></tr>" for n, p, d in HEADERLESS_ROWS)
        path = tmp_path / "policy.html"
        path.write_text(f"<h2>Cookies we use</h2><table>{body}</table>", encoding="utf-8")
    else:
        document = docx.Document()
        document.add_heading("Cookies we use", level=2)
        table = document.add_table(rows=len(HEADERLESS_ROWS), cols=3)
        for r, row in enumerate(HEADERLESS_ROWS):
            for column, value in enumerate(row):
                table.cell(r, column).text = value
        path = tmp_path / "policy.docx"
        document.save(str(path))
    result = extract(path)
    assert [(c.name, c.purpose, c.duration) for c in result.cookies] == list(HEADERLESS_ROWS)
    assert result.tables[0].headers == ("", "", "")
    assert [w.code for w in result.warnings] == ["no-header"]  # the roles are guessed, and it says so


def test_a_marked_up_table_of_no_cookies_with_no_header_row_stays_unread(tmp_path: Path) -> None:
    # A table of how long other data is kept, no header row: no column of cookie names, no cookie table.
    rows = [("Orders", "10 years"), ("Support requests", "3 years"), ("Newsletter", "Until you unsubscribe")]
    body = "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in rows)
    path = tmp_path / "privacy.html"
    path.write_text(f"<table>{body}</table>", encoding="utf-8")
    assert extract(path).cookies == ()


def test_labels_cut_character_by_character_in_narrow_columns_are_read_whole(tmp_path: Path) -> None:
    # A Japanese table's last columns are narrow: their labels wrap one character a line ("有" / "効" / "期" /
    # "限", "種" / "類"). Read together they are "有効期限" (expiry) and "種類" (type); none of those lines is a
    # row. (Columns aligned by characters, as a layout export of a PDF counts them, its page ending in a form feed.)
    columns = (0, 16, 26, 42, 46)

    def line(values: tuple[str, ...]) -> str:
        return _aligned(columns, values)

    rows = [
        ("hayate_session", "当社", "ログイン状態を維持します。", "1年", "必須"),
        ("_ga", "Google", "利用状況を分析します。", "2年", "分析"),
        ("_fbp", "Meta", "広告の効果を測定します。", "3か月", "広告"),
    ]
    text = "Cookieの一覧\n\n" + line(("Cookie名", "提供元", "利用目的", "有", "種")) + line(("", "", "", "効", "類"))
    text += line(("", "", "", "期", "")) + line(("", "", "", "限", "")) + "".join(line(r) for r in rows) + "\f"
    path = tmp_path / "cookie.txt"
    path.write_text(text, encoding="utf-8")
    result = extract(path)
    assert result.tables[0].columns == ("name", "provider", "purpose", "duration", "category")
    assert [(c.name, c.duration, c.category) for c in result.cookies] == [
        ("hayate_session", "1年", "necessary"),
        ("_ga", "2年", "analytics"),
        ("_fbp", "3か月", "marketing"),
    ]


def test_chinese_section_rows_across_a_table_name_each_group_s_category(tmp_path: Path) -> None:
    # One table cut by rows spanning it ("必要 Cookie", "统计分析 Cookie"): Chinese has no capitals, and such a
    # row still reads as a title naming its rows' category.
    def section(title: str, rows: list[tuple[str, str, str]]) -> str:
        body = "".join(f"<tr><td>{n}</td><td>{p}</td><td>{d}</td></tr>" for n, p, d in rows)
        return f"<tr><th colspan='3'>{title}</th></tr>{body}"

    page = (
        "<h1>Cookie 政策</h1><table><tr><th>Cookie 名称</th><th>用途</th><th>保存期限</th></tr>"
        + section("必要 Cookie", [("qh_sid", "保持您的登录会话。", "会话")])
        + section("统计分析 Cookie", [("Hm_lvt_site", "统计网站访问量。", "1年")])
        + "</table>"
    )
    path = tmp_path / "cookie.html"
    path.write_text(page, encoding="utf-8")
    assert [(c.name, c.category) for c in extract(path).cookies] == [
        ("qh_sid", "necessary"),
        ("Hm_lvt_site", "analytics"),
    ]


def test_labels_in_a_script_without_case_beside_a_capitalised_one_are_a_header(tmp_path: Path) -> None:
    # "Cookie 名称" opens with a capital, "提供方" with a character that has no case: no sign of a row of wrapped
    # values, whose words would mix capitals and lower case. (One row: too few for a header told by its cells.)
    text = (
        "Cookie 名称      提供方      用途                      保存期限\n"
        "qh_sid           青禾优选    保持您的登录会话。        会话\n"
    )
    path = tmp_path / "cookie.txt"
    path.write_text(text, encoding="utf-8")
    assert [(c.name, c.provider, c.duration) for c in extract(path).cookies] == [("qh_sid", "青禾优选", "会话")]


def test_a_narrow_type_column_wrapping_category_labels_a_character_a_line_is_the_category(tmp_path: Path) -> None:
    # The last column, headed "種類" (type), is so narrow that each value wraps a character a line ("必" / "須",
    # "分" / "析"): no line alone names a category, the whole cells all do. The column is the category's.
    columns = (0, 16, 44, 50)

    def line(values: tuple[str, ...]) -> str:
        return _aligned(columns, values)

    rows = [
        ("hayate_session", "ログイン状態を維持します。", "1年", "必須"),
        ("_ga", "利用状況を分析します。", "2年", "分析"),
        ("_fbp", "広告の効果を測定します。", "3か月", "広告"),
    ]
    text = "Cookieの一覧\n\n" + line(("Cookie名", "利用目的", "有効期限", "種類"))
    for name, purpose, duration, kind in rows:
        text += line((name, purpose, duration, kind[0])) + line(("", "", "", kind[1]))
    path = tmp_path / "cookie.txt"
    text += "\f"  # a layout export of a PDF: characters counted one a column, the page ending in a form feed
    path.write_text(text, encoding="utf-8")
    result = extract(path)
    assert result.tables[0].columns[-1] == "category"
    assert [(c.name, c.category, c.category_source) for c in result.cookies] == [
        ("hayate_session", "necessary", "column"),
        ("_ga", "analytics", "column"),
        ("_fbp", "marketing", "column"),
    ]


def _aligned(columns: tuple[int, ...], values: tuple[str, ...]) -> str:
    """One line of a layout export: each value from its column's character (as a layout export of a PDF counts
    them, a wide character one column; its pages end in form feeds)."""
    text = ""
    for x, value in zip(columns, values, strict=True):
        if value:
            text = text.ljust(x) + value
    return text + "\n"


def test_a_category_title_right_above_the_labels_heads_the_table_and_is_no_label_s_first_line(tmp_path: Path) -> None:
    # "功能 Cookie" (functional cookies) stands right above the labels, its words label words as well: it titles
    # the table below, it is not the first line of a wrapped label.
    text = (
        "Cookie 政策\n\n功能 Cookie\n"
        "Cookie 名称      提供方      用途                      保存期限\n"
        "qh_lang          青禾优选    记住您选择的语言。        1年\n"
        "qh_region        青禾优选    记住您所在的地区。        30天\n"
    )
    path = tmp_path / "cookie.txt"
    path.write_text(text, encoding="utf-8")
    result = extract(path)
    assert result.tables[0].headers[0] == "Cookie 名称"
    assert [(c.name, c.category, c.category_source) for c in result.cookies] == [
        ("qh_lang", "functional", "heading"),
        ("qh_region", "functional", "heading"),
    ]


@pytest.mark.parametrize(
    ("header", "rows", "expected"),
    [
        pytest.param(
            "Provider\tCookie\tDuration",
            ["Acme Analytics\t_acme_id\t2 years", "_acme_ses\t30 minutes", "Shopware\tsw-cart\tSession"],
            [
                ("_acme_id", "Acme Analytics", "2 years"),
                ("_acme_ses", "Acme Analytics", "30 minutes"),
                ("sw-cart", "Shopware", "Session"),
            ],
            id="provider-first",
        ),
        pytest.param(
            "Cookie\tProvider\tPurpose\tDuration",
            [
                "bf_uid\tBluefin Ads\tShows you our adverts on\t13 months",
                "other sites you visit.",
                "bf_seg\tPlaces you in groups of\t90 days",
                "interest for adverts.",
            ],
            [("bf_uid", "Bluefin Ads", "13 months"), ("bf_seg", "Bluefin Ads", "90 days")],
            id="provider-between-name-and-purpose",
        ),
        pytest.param(
            "Provider\tCookie\tPurpose\tDuration",
            [
                "Acme\t_acme_id\tDistinguishes visitors to count\t2 years",
                "Analytics\thow the site is used.",
                "_acme_ses Counts the pages seen in one\t30",
                "visit.\tminutes",
            ],
            [("_acme_id", "Acme Analytics", "2 years"), ("_acme_ses", "Acme Analytics", "30 minutes")],
            id="tab-after-the-name-lost",
        ),
    ],
)
def test_a_tab_separated_copy_of_a_provider_cell_spanning_rows_names_each_cookie(
    tmp_path: Path, header: str, rows: list[str], expected: list[tuple[str, str, str]]
) -> None:
    # A provider cell spanning its cookies' rows, copied with tabs: the rows below the group's first have no
    # provider cell at all, so their first piece is the cookie's name, not a provider.
    path = tmp_path / "copy.txt"
    path.write_text("Cookies we use\n" + header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert [(c.name, c.provider, c.duration) for c in extract(path).cookies] == expected


def test_a_tab_separated_copy_of_a_domain_cell_spanning_rows_gives_each_cookie_the_domain(tmp_path: Path) -> None:
    # One domain for a group of cookies, given once beside the group's first row.
    text = (
        "Domain\tCookie\tDuration\n"
        "acme.example\tacme_id\t2 years\nacme_ses\t30 minutes\nshop.example\tsw-cart\tSession\n"
    )
    path = tmp_path / "copy.txt"
    path.write_text(text, encoding="utf-8")
    assert [(c.name, c.domain) for c in extract(path).cookies] == [
        ("acme_id", "acme.example"),
        ("acme_ses", "acme.example"),
        ("sw-cart", "shop.example"),
    ]


def test_a_purpose_line_wrapped_under_a_short_duration_goes_on_with_the_purpose(tmp_path: Path) -> None:
    # "Remembers whether you" / "opted out of counting.": the sentence had room for the next word on its line
    # as the copy counts characters, but a duration followed by prose ("1 year opted out ...") is no duration.
    text = (
        "Cookie\tPurpose\tDuration\n"
        "acme_id\tDistinguishes visitors to count\t2 years\n"
        "how the site is used.\n"
        "acme_opt\tRemembers whether you\t1 year\n"
        "opted out of counting.\n"
    )
    path = tmp_path / "copy.txt"
    path.write_text(text, encoding="utf-8")
    assert [(c.name, c.purpose, c.duration) for c in extract(path).cookies] == [
        ("acme_id", "Distinguishes visitors to count how the site is used.", "2 years"),
        ("acme_opt", "Remembers whether you opted out of counting.", "1 year"),
    ]


TABLES_UNDER_LEAD_INS = (
    ("Provider\tCookie\tDuration\nAcme\tacme_sid\tSession\nShopware\tsw-cart\t1 day\n"),
    ("Provider\tCookie\tDuration\nBeamer\tbeamer_id\t300 days\nChatbox\tchat_open\tSession\n"),
    ("Provider\tCookie\tDuration\nBluefin\tbf_uid\t13 months\n"),
)


@pytest.mark.parametrize(
    "lead_in",
    [
        pytest.param("The {} cookies used on the site are:\n", id="one-line-ending-in-a-colon"),
        pytest.param("The {} cookies used on the site example.com are\nthe following:\n", id="wrapped-over-two-lines"),
    ],
)
def test_tables_under_the_same_labels_each_take_the_category_their_lead_in_sentence_names(
    tmp_path: Path, lead_in: str
) -> None:
    # Three tables under the same labels, each introduced by a sentence naming its category: three tables (not
    # one continued over page breaks), each with its own category.
    categories = ("strictly necessary", "functional", "targeting")
    text = "Cookie policy\n" + "".join(
        lead_in.format(category) + table for category, table in zip(categories, TABLES_UNDER_LEAD_INS, strict=True)
    )
    path = tmp_path / "copy.txt"
    path.write_text(text, encoding="utf-8")
    result = extract(path)
    assert [(c.name, c.category) for c in result.cookies] == [
        ("acme_sid", "necessary"),
        ("sw-cart", "necessary"),
        ("beamer_id", "functional"),
        ("chat_open", "functional"),
        ("bf_uid", "marketing"),
    ]
    assert len(result.tables) == 3


def test_a_paragraph_whose_last_sentence_leads_in_without_a_category_gives_none(tmp_path: Path) -> None:
    # A paragraph above a table speaks of language cookies in passing; its last sentence, the one leading into
    # the table, names no category: the table's category is not read from the paragraph.
    page = (
        "<p>Cookies help the site work. For instance, we use language cookies to know your language. "
        "The cookies we use on our site are:</p>"
        "<table><tr><th>Cookie</th><th>Purpose</th><th>Duration</th></tr>"
        "<tr><td>_ga</td><td>Counts visits to the site.</td><td>2 years</td></tr></table>"
    )
    path = tmp_path / "policy.html"
    path.write_text(page, encoding="utf-8")
    assert extract(path).cookies[0].category_source != "heading"


def test_a_sentence_opening_its_cell_one_space_after_a_one_word_label_starts_the_purpose(tmp_path: Path) -> None:
    # A layout export packs a narrow row tight: the category label and the purpose's first words ran together
    # with one space ("unknown This cookie"), the sentence starting a few characters left of where its next
    # lines stand. The capitalised word opening the sentence is the purpose's, not the label's.
    columns = (0, 10, 25, 38, 60)
    text = (
        _aligned(columns, ("name", "domain", "category", "description", "expiry"))
        + _aligned(columns, ("_hjid", ".example.com", "analytics", "Sets a unique ID", "1 year"))
        + _aligned(columns, ("", "", "", "for the visitor.", ""))
        + _aligned((0, 10, 25, 60), ("__hssc", ".example.com", "unknown This cookie", "< 1 day"))
        + _aligned(columns, ("", "", "", "keeps track of", ""))
        + _aligned(columns, ("", "", "", "sessions.", ""))
    )
    path = tmp_path / "policy.layout.txt"
    path.write_text(text, encoding="utf-8")
    assert [(c.name, c.purpose) for c in extract(path).cookies] == [
        ("_hjid", "Sets a unique ID for the visitor."),
        ("__hssc", "This cookie keeps track of sessions."),
    ]


PLACEHOLDER_ROWS = (
    ("BEAMER_FIRST_VISIT{product ID}", "Remembers your first visit.", "300 days"),
    ("BEAMER_LAST_PROMPT_INTERACTION{product ID}", "Remembers your last answer.", "300 days"),
    ("sessionid", "Keeps you signed in.", "Session"),
)


def test_names_whose_placeholder_holds_a_space_in_a_tab_separated_copy(tmp_path: Path) -> None:
    # "{product ID}": a placeholder of two words. The first row under the header is no header of its own (a
    # cookie's name opens it), and each name stays whole.
    text = "Cookie name\tPurpose\tDuration\n" + "".join("\t".join(r) + "\n" for r in PLACEHOLDER_ROWS)
    path = tmp_path / "copy.txt"
    path.write_text(text, encoding="utf-8")
    assert [(c.name, c.duration) for c in extract(path).cookies] == [(n, d) for n, _, d in PLACEHOLDER_ROWS]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param("BEAMER_LAST_PROMPT_INTERACTION{product", "ID}", id="cut-at-the-placeholder-s-space"),
        pytest.param("BEAMER_LAST_PROMPT_INTERACTION", "{product ID}", id="wrapped-before-the-placeholder"),
    ],
)
def test_a_name_whose_placeholder_holds_a_space_wrapped_in_a_layout_export_is_one_name(
    tmp_path: Path, first: str, second: str
) -> None:
    # The name column too narrow for the name: its placeholder goes on on the next line. The line below is the
    # rest of the name, not a cookie of its own, and the next row starts as usual.
    columns = (0, 46, 76)
    text = (
        _aligned(columns, ("Cookie name", "Purpose", "Duration"))
        + _aligned(columns, ("BEAMER_FIRST_VISIT{product ID}", "Remembers your first visit.", "300 days"))
        + _aligned(columns, (first, "Remembers your last answer.", "300 days"))
        + _aligned(columns, (second, "", ""))
        + _aligned(columns, ("sessionid", "Keeps you signed in.", "Session"))
    )
    path = tmp_path / "policy.txt"
    path.write_text(text, encoding="utf-8")
    assert [(c.name, c.purpose) for c in extract(path).cookies] == [(n, p) for n, p, _ in PLACEHOLDER_ROWS]


@pytest.mark.parametrize(
    "columns",
    [pytest.param((0, 46, 76), id="names-first"), pytest.param((0, 12, 76), id="names-after-a-provider")],
)
def test_a_sentence_below_a_table_of_long_names_is_no_row(tmp_path: Path, columns: tuple[int, ...]) -> None:
    # The names make their column wide: the paragraph after the table fits in it, or starts in the column on
    # its left and runs into it. A whole sentence of plain words below a blank line is prose, not a cookie.
    labels = ("Cookie name", "Purpose", "Duration") if columns[1] == 46 else ("Provider", "Cookie name", "Duration")
    rows = (
        [(n, p, d) for n, p, d in PLACEHOLDER_ROWS]
        if columns[1] == 46
        else [("Beamer", n, d) for n, _, d in PLACEHOLDER_ROWS]
    )
    text = "".join(_aligned(columns, row) for row in (labels, *rows)) + "\nYou can change your choices at any time.\n"
    path = tmp_path / "policy.txt"
    path.write_text(text, encoding="utf-8")
    assert [c.name for c in extract(path).cookies] == [n for n, _, _ in PLACEHOLDER_ROWS]


def test_a_name_wrapped_before_its_hash_placeholder_in_a_text_browser_dump_is_one_name(tmp_path: Path) -> None:
    # "_hjSession_#": a text browser wraps the name before its "#" and centres the row's short cells on the
    # placeholder's line. The "#" completes the name above; it opens no row.
    text = (
        "   Name     Type                      Purpose                       Expiry\n"
        "_ga         HTTP  Registers a unique ID for statistics on how   2 years\n"
        "                  the visitor uses the website.\n"
        "_hjSession_       Collects statistics on the visitor's visits\n"
        "#           HTTP  to the website, such as the number of visits  1 day\n"
        "                  and what pages have been read.\n"
        "_hjTLDTest  HTTP  Detects the ranking for the current website.  Session\n"
    )
    path = tmp_path / "page.w3m.txt"
    path.write_text(text, encoding="utf-8")
    assert [(c.name, c.duration) for c in extract(path).cookies] == [
        ("_ga", "2 years"),
        ("_hjSession_#", "1 day"),
        ("_hjTLDTest", "Session"),
    ]


def test_a_storage_kind_wrapped_in_a_tab_separated_copy_stays_in_the_type_column(tmp_path: Path) -> None:
    # "HTTP" / "Cookie": the type wraps after its first word; the line below holds its rest and the purpose's
    # next words. "Cookie" goes on with the type (a storage kind), not with the provider's name.
    text = (
        "Nom\tFournisseur\tExpiration\tType\tFinalité\n"
        "_hj_test0\tMatomo\t1 year\tHTTP\tCollects data on\n"
        "Cookie\tthe user's navigation.\n"
        "_ga_sid1\tGoogle\t2 years\tHTTP\tRegisters a unique\n"
        "Cookie\tID for statistics.\n"
    )
    path = tmp_path / "copy.txt"
    path.write_text(text, encoding="utf-8")
    assert [(c.name, c.provider, c.type) for c in extract(path).cookies] == [
        ("_hj_test0", "Matomo", "HTTP Cookie"),
        ("_ga_sid1", "Google", "HTTP Cookie"),
    ]


@pytest.mark.parametrize("gap", ["\n", "\n\n"], ids=["layout-export", "text-browser"])
def test_a_one_word_heading_over_a_paragraph_after_a_table_is_no_row(tmp_path: Path, gap: str) -> None:
    # "About" below the table, then a paragraph across the page: a heading and its text, not a cookie named
    # "About" (one plain word could be a name, but it heads prose here).
    columns = (0, 12, 26)
    text = (
        _aligned(columns, ("Name", "Provider", "Expiry"))
        + _aligned(columns, ("_ga_sid1", "Google", "2 years"))
        + _aligned(columns, ("_hj_test0", "Hotjar", "1 day"))
        + "\nAbout"
        + gap
        + "Cookie declaration last updated by the consent platform.\n"
    )
    path = tmp_path / "policy.txt"
    path.write_text(text, encoding="utf-8")
    assert [c.name for c in extract(path).cookies] == ["_ga_sid1", "_hj_test0"]


def test_a_word_wrapped_beside_a_whole_duration_does_not_go_on_with_it() -> None:
    # A continuation line of a tab-separated copy ("unique" / "Cookie") whose last piece could end the duration
    # cell ("Session") or the type cell ("HTTP"): widths and shapes leave both open; "Session Cookie" would
    # spoil a whole duration, so the piece goes on with the type.
    from extractor.layout.rows import RowBuilder, _place_loose
    from extractor.model import Line

    roles = ("name", "provider", "purpose", "duration", "type")
    line = Line(page=1, number=1, fragments=())
    row = RowBuilder(len(roles), 1)
    for column, text in enumerate(("YSC", "YouTube", "Registers a", "Session", "HTTP")):
        row.add(column, text, line)
    profiles: list[list[tuple[bool, bool, bool, bool]]] = [[] for _ in roles]
    starts, placed = _place_loose(["unique", "Cookie"], 5, 0, roles, row, profiles, [6, 7, 12, 4, 4], [set()] * 5)
    assert not starts
    assert placed == [(2, "unique"), (4, "Cookie")]


def test_a_tab_separated_table_told_by_its_cells_reads_its_columns_from_rows_that_fill_them(tmp_path: Path) -> None:
    # Labels no lexicon names, wrapped onto a second line, over rows of hosts, cookie names and parties; a row
    # lost a tab (the host and the names ran together with a space). Which column is which, the rows that fill
    # every column say.
    text = (
        "Undergruppe for\tKapsler\tPart\n"
        "vertsnavn\tsom settes\n"
        "example.no\tOptanonConsent,\tFørstepart\n"
        "vsb_sesjon\n"
        "nettbank.example.no JSESSIONID, vsb_auth,\tFørstepart\n"
        "bankid.example.no\tbankid_session\tTredjepart\n"
    )
    path = tmp_path / "copy.txt"
    path.write_text(text, encoding="utf-8")
    names = [c.name for c in extract(path).cookies]
    assert names == [
        "OptanonConsent",
        "vsb_sesjon",
        "JSESSIONID",
        "vsb_auth",
        "bankid_session",
    ]


def test_prose_after_a_table_continued_under_a_repeated_header_is_no_cell(tmp_path: Path) -> None:
    # A tab-separated copy: the labels repeat after a page break, the last row's purpose goes on below them,
    # then a heading and a paragraph lead to the next table. The paragraph is no part of that purpose.
    text = (
        "Namn\tDomän\tSyfte\tLagringstid\n"
        "vcb_text\texample.se\tKommer ihåg om du\t1 år\n"
        "har valt större text.\n"
        "ReadSpeakerSettings\texample.se\tSparar dina\t1 år\n"
        "Namn\tDomän\tSyfte\tLagringstid\n"
        "inställningar för talsyntesen.\n"
        "Mätning och förbättring\n"
        "Vi använder Matomo, som vi driftar på egna servrar i Sverige. Inga uppgifter lämnar EU.\n"
        "Namn\tDomän\tSyfte\tLagringstid\n"
        "_pk_id.1.8f3c\tMatomo\tSkiljer besökare åt.\t13 månader\n"
    )
    path = tmp_path / "copy.txt"
    path.write_text(text, encoding="utf-8")
    assert [(c.name, c.purpose) for c in extract(path).cookies] == [
        ("vcb_text", "Kommer ihåg om du har valt större text."),
        ("ReadSpeakerSettings", "Sparar dina inställningar för talsyntesen."),
        ("_pk_id.1.8f3c", "Skiljer besökare åt."),
    ]


def test_a_second_name_stacked_in_its_cell_in_a_tab_separated_copy_stays_a_name(tmp_path: Path) -> None:
    # One cell lists two cookies, one a line ("IDE" / "test_cookie"); the second name's line also holds the
    # purpose's and the duration's next words. The name goes on in the name cell, not in the provider's.
    text = (
        "Naziv\tPružatelj\tSvrha\tTrajanje\n"
        "_gcl_au\tGoogle\tMjeri konverzije oglasa.\t90 dana\n"
        "IDE\tGoogle\tPrikazivanje i mjerenje oglasa putem\t1\n"
        "test_cookie\tDoubleClicka.\tgodina\n"
    )
    path = tmp_path / "copy.txt"
    path.write_text(text, encoding="utf-8")
    assert [(c.name, c.provider, c.duration) for c in extract(path).cookies] == [
        ("_gcl_au", "Google", "90 dana"),
        ("IDE", "Google", "1 godina"),
        ("test_cookie", "Google", "1 godina"),
    ]


def test_a_label_a_text_browser_centred_between_wrapped_labels_heads_its_column(tmp_path: Path) -> None:
    # Labels that wrap over three lines make the header tall; a text browser centres the one-line labels on its
    # middle line ("Spiegazione", "Esempi di cookie"), below the first line of the others.
    text = (
        "Tipologia di                                        Durata di ogni\n"
        "   cookie      Spiegazione     Esempi di cookie      installazione\n"
        "                                                       di cookie\n"
        "Necessari      Mantiene la     app_session           Sessione\n"
        "               sessione.\n"
        "Analitici      Conta le        _ga                   2 anni\n"
        "               visite.\n"
    )
    path = tmp_path / "page.w3m.txt"
    path.write_text(text, encoding="utf-8")
    result = extract(path)
    assert result.tables[0].headers == (
        "Tipologia di cookie",
        "Spiegazione",
        "Esempi di cookie",
        "Durata di ogni installazione di cookie",
    )
    assert result.tables[0].columns == ("category", "purpose", "name", "duration")
    assert [(c.name, c.purpose, c.duration) for c in result.cookies] == [
        ("app_session", "Mantiene la sessione.", "Sessione"),
        ("_ga", "Conta le visite.", "2 anni"),
    ]


def test_labels_centred_on_the_middle_line_of_a_tall_header_start_columns_of_their_own(tmp_path: Path) -> None:
    # Every label but two wraps over three lines; the two one-line labels stand on the middle line, in the
    # gaps between the others' first lines, above cells that start where they do.
    text = (
        "Tipologia di                                                  Durata di ogni  Trasferimento\n"
        "   cookie      Spiegazione          Esempi di cookie           installazione    di dati a\n"
        "                                                                 di cookie     terze parti\n"
        "Necessari      Mantengono la        app_session (Tiene aperta  Sessione        No\n"
        "               sessione.            la sessione dell'utente)\n"
        "Analitici      Contano le visite.   _ga (Distingue gli utenti  2 anni          Sì\n"
        "                                    nelle statistiche)\n"
    )
    path = tmp_path / "page.w3m.txt"
    path.write_text(text, encoding="utf-8")
    result = extract(path)
    assert result.tables[0].headers[1:3] == ("Spiegazione", "Esempi di cookie")
    assert [(c.name, c.duration) for c in result.cookies] == [("app_session", "Sessione"), ("_ga", "2 anni")]


def test_a_value_run_into_a_whole_duration_with_one_space_starts_its_own_column(tmp_path: Path) -> None:
    # A layout export packs the duration and the origin one space apart ("1 an Interne"), running across the
    # origin's bound with the unit nearest it: the cut leaves the duration whole, the word after it the next cell.
    columns = (0, 28, 40, 62, 73)
    text = (
        _aligned(columns, ("Nom", "Fournisseur", "Finalité", "Durée", "Origine"))
        + _aligned(columns, ("session_key", "Withings", "Gestion des", "1 semaine", "Interne"))
        + _aligned(columns, ("", "", "cookies", "", ""))
        + _aligned((0, 28, 40, 70), ("cookieconsent_dismissed", "Withings", "Gestion des", "1 an Interne"))
        + _aligned(columns, ("", "", "cookies", "", ""))
        + _aligned(columns, ("_ga", "Google", "Mesure", "13 mois", "Tiers"))
    )
    path = tmp_path / "policy.txt"
    path.write_text(text, encoding="utf-8")
    assert [(c.name, c.duration) for c in extract(path).cookies] == [
        ("session_key", "1 semaine"),
        ("cookieconsent_dismissed", "1 an"),
        ("_ga", "13 mois"),
    ]


def test_a_tabbed_copy_whose_continuation_line_runs_two_cells_together(tmp_path: Path) -> None:
    # A copy that keeps tabs only between a row's first-line cells: on the next line the provider's second word and
    # the purpose's next words run together in one piece, too wide for either column; the type's next line keeps
    # its tab. The piece is cut where the two cells meet.
    path = tmp_path / "policy.txt"
    path.write_text(
        "Name\tProvider\tPurpose\tDuration\tType\n"
        "_ga\tGoogle\tCounts visits\t2 years\tHTTP\n"
        "to the site.\tCookie\n"
        "_fbp\tMeta\tUsed by\t3 months\tHTTP\n"
        "Platforms Facebook to\tCookie\n"
        "deliver adverts.\n"
        "_clck\tMicrosoft\tCounts visits\t1 year\tHTTP\n"
        "per day.\tCookie\n",
        encoding="utf-8",
    )
    assert [(c.name, c.provider, c.purpose, c.type) for c in extract(path).cookies] == [
        ("_ga", "Google", "Counts visits to the site.", "HTTP Cookie"),
        ("_fbp", "Meta Platforms", "Used by Facebook to deliver adverts.", "HTTP Cookie"),
        ("_clck", "Microsoft", "Counts visits per day.", "HTTP Cookie"),
    ]


def test_a_short_tabbed_table_whose_continuation_line_runs_two_cells_together(tmp_path: Path) -> None:
    # The same run-together piece in a table of two rows: its columns' widths, seen on two first lines only, say
    # too little to rule a cut out ("Platforms" is wider than "Meta").
    path = tmp_path / "policy.txt"
    path.write_text(
        "Name\tProvider\tPurpose\tDuration\tType\n"
        "_fbp\tMeta\tUsed by\t3 months\tHTTP\n"
        "Platforms Facebook to\tCookie\n"
        "deliver adverts.\n"
        "fr\tMeta\tUsed by\t3 months\tHTTP\n"
        "Platforms Facebook to\tCookie\n"
        "measure adverts.\n",
        encoding="utf-8",
    )
    assert [(c.name, c.provider, c.purpose, c.type) for c in extract(path).cookies] == [
        ("_fbp", "Meta Platforms", "Used by Facebook to deliver adverts.", "HTTP Cookie"),
        ("fr", "Meta Platforms", "Used by Facebook to measure adverts.", "HTTP Cookie"),
    ]


def test_a_tabbed_copy_whose_sentence_goes_on_beside_a_short_provider(tmp_path: Path) -> None:
    # The purpose's next line, in lower case, is wider than the columns measured on the rows' first lines: it is
    # the sentence going on, not a provider's next word ("cookie") beside the purpose's ("slouží ke").
    path = tmp_path / "policy.txt"
    path.write_text(
        "Název\tPoskytovatel\tÚčel\tDoba platnosti\n"
        "_ga\tGoogle\tTento soubor\t2 roky\n"
        "cookie slouží ke\n"
        "statistickému měření.\n"
        "_gid\tGoogle\tTento soubor\t1 den\n"
        "cookie slouží ke\n"
        "statistickému měření.\n",
        encoding="utf-8",
    )
    assert [(c.name, c.provider, c.purpose, c.duration) for c in extract(path).cookies] == [
        ("_ga", "Google", "Tento soubor cookie slouží ke statistickému měření.", "2 roky"),
        ("_gid", "Google", "Tento soubor cookie slouží ke statistickému měření.", "1 den"),
    ]


def test_a_laid_out_table_whose_wrapped_cells_look_like_something_else_line_by_line(tmp_path: Path) -> None:
    # Line by line, a size column wrapped in a narrow column ("45" / "Byte") shows short capitalised words, as a
    # provider column would; whole, its cells are sizes, and the column plays no role of a cookie's.
    path = tmp_path / "policy.txt"
    path.write_text(
        "Cookies we use\n\n"
        " Name       Expiry        Size     Description\n"
        " s_ecid     13 months     45       Stores the visitor ID set by the\n"
        "                          Byte     server response.\n"
        " s_cc       Session       4 Byte   Tells whether cookies are enabled.\n"
        " s_sq       Session       100-     Used by the activity map to keep the\n"
        "                          200      previous link clicked.\n"
        "                          Byte\n"
        " s_vi       2 years       44       Stores a unique visitor ID and a\n"
        "                          Byte     timestamp.\n"
        " s_fid      2 years       33       Stores the fallback visitor ID and a\n"
        "                          Byte     timestamp.\n",
        encoding="utf-8",
    )
    result = extract(path)
    assert [(c.name, c.provider) for c in result.cookies] == [
        ("s_ecid", None),
        ("s_cc", None),
        ("s_sq", None),
        ("s_vi", None),
        ("s_fid", None),
    ]
    assert result.tables[0].columns == ("name", "duration", "other", "purpose")


def test_an_aligned_text_export_whose_labels_run_together_one_space_apart(tmp_path: Path) -> None:
    # A narrow party column wraps its label a word a line; on the header's first line its first word and the
    # purpose's label stand one space apart ("First Purpose"), and so do its cells and the purposes beside them.
    # The words of the rows below, all starting where "Purpose" starts and none running across it, cut the two.
    path = tmp_path / "policy.txt"
    path.write_text(
        "Cookies we use\n"
        " Cookie name        Cookie      First Purpose                   Retention\n"
        "                    type        /                               period\n"
        "                                Third\n"
        "                                party\n"
        " PHPSESSID          Necessary   First Keeps the visitor's       Session\n"
        "                    cookie      party session on the server.\n"
        " booking_cart       Necessary   First Keeps the rooms and       1 day\n"
        "                    cookie      party dates chosen while\n"
        "                                      booking.\n"
        " lang               Functional  First Remembers the language    1 year\n"
        "                    cookie      party of the site.\n"
        " _ga                Analytics   Third Tells visitors apart for  2 years\n"
        "                    cookie      party Google Analytics.\n",
        encoding="utf-8",
    )
    result = extract(path)
    assert result.tables[0].headers == (
        "Cookie name",
        "Cookie type",
        "First / Third party",
        "Purpose",
        "Retention period",
    )
    assert [(c.name, c.purpose) for c in result.cookies] == [
        ("PHPSESSID", "Keeps the visitor's session on the server."),
        ("booking_cart", "Keeps the rooms and dates chosen while booking."),
        ("lang", "Remembers the language of the site."),
        ("_ga", "Tells visitors apart for Google Analytics."),
    ]


# A purpose cell spanning three rows, in two text exports: an aligned copy, where its sentence opens on the first
# row, goes on in lower case beside the second and ends beside the third; and a text browser's dump, which centres
# the cell on the rows it spans (its text on the middle row, the rows above and below with their purpose empty).
# The table's other purposes are sentences of their own.
SPANNING_PURPOSES = {
    "aligned-sentence-running-on": (
        "Cookies we use\n"
        " Name               Purpose                      Expiry          Type\n"
        " shop_session       Needed to buy tickets        Session         HTTP\n"
        "                    and to sign in; it                           cookie\n"
        " shop_auth          identifies the session       Until logout    HTTP\n"
        "                    of the visitor and                           cookie\n"
        " XSRF-TOKEN         guards its forms.            2 hours         HTTP\n"
        " shop_cart          Keeps the tickets put in     1 day           Local\n"
        "                    the basket.                                  storage\n"
        " consent            Records your cookie          1 year          HTTP\n"
        "                    choices.                                     cookie\n"
        " lang               Remembers your language.     1 year          HTTP\n"
        "                                                                 cookie\n",
        "Needed to buy tickets and to sign in; it identifies the session of the visitor and guards its forms.",
    ),
    "text-browser-centred-between-empty-rows": (
        "Cookies we use\n\n"
        "    Name                        Purpose                        Expiry       Type\n"
        "shop_session                                                  Session      HTTP\n"
        "                                                                           cookie\n"
        "shop_auth      Needed to buy tickets and to sign in.          Until logout HTTP\n"
        "                                                                           cookie\n"
        "XSRF-TOKEN                                                    2 hours      HTTP\n"
        "                                                                           cookie\n"
        "shop_cart      Keeps the tickets put in the basket.           1 day        Local\n"
        "                                                                           storage\n"
        "consent        Records your cookie choices.                   1 year       HTTP\n"
        "                                                                           cookie\n"
        "lang           Remembers your language.                       1 year       HTTP\n"
        "                                                                           cookie\n",
        "Needed to buy tickets and to sign in.",
    ),
}


@pytest.mark.parametrize(("text", "spanned"), SPANNING_PURPOSES.values(), ids=SPANNING_PURPOSES.keys())
def test_a_text_export_whose_purpose_spans_rows(tmp_path: Path, text: str, spanned: str) -> None:
    path = tmp_path / "policy.txt"
    path.write_text(text, encoding="utf-8")
    assert [(c.name, c.purpose) for c in extract(path).cookies] == [
        ("shop_session", spanned),
        ("shop_auth", spanned),
        ("XSRF-TOKEN", spanned),
        ("shop_cart", "Keeps the tickets put in the basket."),
        ("consent", "Records your cookie choices."),
        ("lang", "Remembers your language."),
    ]


def test_a_text_browser_dump_whose_centred_rows_only_brackets_tell(tmp_path: Path) -> None:
    # Every cell centred on its row, the first row one line high (nothing above its name shows the centring):
    # a purpose wrapped over two lines starts a line above its name. Cutting rows at the names would leave the
    # brackets open in one cell and closed in the next.
    path = tmp_path / "policy.txt"
    path.write_text(
        "Cookies we use\n\n"
        "    Name       Expiry                  Purpose                      Opt-out\n"
        "session      5 days     Authentication                              necessary\n"
        "                        Analytics used to tell users apart (Google  choose\n"
        "_ga          13 months  Analytics)                                  'essential\n"
        "                                                                    only'\n"
        "                        Analytics used to tell users apart (Google  choose\n"
        "_gid         24 hours   Analytics)                                  'essential\n"
        "                                                                    only'\n"
        "                        Analytics used to slow requests down        choose\n"
        "_gat         1 minute   (Google Analytics)                          'essential\n"
        "                                                                    only'\n"
        "                        Advertising used to measure clicks (Google  choose\n"
        "_gcl_au      90 days    Ads)                                        'essential\n"
        "                                                                    only'\n",
        encoding="utf-8",
    )
    assert [(c.name, c.purpose) for c in extract(path).cookies] == [
        ("session", "Authentication"),
        ("_ga", "Analytics used to tell users apart (Google Analytics)"),
        ("_gid", "Analytics used to tell users apart (Google Analytics)"),
        ("_gat", "Analytics used to slow requests down (Google Analytics)"),
        ("_gcl_au", "Advertising used to measure clicks (Google Ads)"),
    ]


def test_a_tabbed_copy_whose_labels_run_together_where_two_cuts_name_roles(tmp_path: Path) -> None:
    # The copy lost the tab between "Data set by" and "Purpose of use" (its "by" wrapped below). Labels of roles
    # open at more than one word ("Session storage key", "set ...", "Purpose of use"): the cut whose columns the
    # rows below bear out, before a capital, wins.
    path = tmp_path / "policy.txt"
    path.write_text(
        "Login component\n"
        "Session storage key\tData set Purpose of use\tPeriod of\n"
        "by\tvalidity\n"
        "oidc.user:*\tCurrent\tStore\tSession\n"
        "domain\tauthentication data\n"
        "login_api_token_key\tCurrent\tStore the api tokens\tSession\n"
        "domain\tof an authenticated\n"
        "user\n"
        "login_user_reference\tCurrent\tIdentify the user\tSession\n"
        "domain\twhose api tokens\n"
        "are stored\n",
        encoding="utf-8",
    )
    result = extract(path)
    assert result.tables[0].headers == ("Session storage key", "Data set by", "Purpose of use", "Period of validity")
    assert [(c.name, c.purpose, c.duration) for c in result.cookies] == [
        ("oidc.user:*", "Store authentication data", "Session"),
        ("login_api_token_key", "Store the api tokens of an authenticated user", "Session"),
        ("login_user_reference", "Identify the user whose api tokens are stored", "Session"),
    ]


def test_a_tabbed_copy_whose_duration_ends_beside_the_category_going_on(tmp_path: Path) -> None:
    # The next lines of a category list ("Performance," / "Functional") and of a duration ("30" / "minutes") run
    # together in one piece: its lower-case end completes the duration, so the piece is cut there.
    path = tmp_path / "policy.txt"
    path.write_text(
        "Name\tProvider\tPurpose\tCategory\tDuration\n"
        "ABTasty\tAB Tasty\tFollows the\tPerformance,\t13 months\n"
        "visits.\tFunctional\n"
        "ABTastySession\tAB Tasty\tFollows the\tPerformance,\t30\n"
        "visits.\tFunctional minutes\n"
        "AEC\tGoogle\tDetects fraud.\tPerformance\t6 months\n",
        encoding="utf-8",
    )
    cookies = extract(path).cookies
    assert [(c.name, c.duration) for c in cookies] == [
        ("ABTasty", "13 months"),
        ("ABTastySession", "30 minutes"),
        ("AEC", "6 months"),
    ]
    assert cookies[1].duration_seconds == 30 * 60


def test_a_tabbed_copy_whose_provider_spans_rows_named_in_capitals(tmp_path: Path) -> None:
    # A provider cell spanning its cookies' rows, copied with tabs: the rows below the first lose a cell, and one
    # of them is named in capitals joined by a hyphen ("XSRF-TOKEN"), a name no word has.
    path = tmp_path / "policy.txt"
    path.write_text(
        "Provider\tCookie\tPurpose\tDuration\n"
        "Pedala\tpedala_session\tKeeps you signed\tSession\n"
        "in.\n"
        "pedala_remember\tRemembers your\t30 days\n"
        "login.\n"
        "XSRF-TOKEN\tGuards forms against\t2 hours\n"
        "forgery.\n"
        "pedala_lang\tRemembers your\t1 year\n"
        "language.\n",
        encoding="utf-8",
    )
    assert [(c.name, c.provider, c.duration) for c in extract(path).cookies] == [
        ("pedala_session", "Pedala", "Session"),
        ("pedala_remember", "Pedala", "30 days"),
        ("XSRF-TOKEN", "Pedala", "2 hours"),
        ("pedala_lang", "Pedala", "1 year"),
    ]


def test_a_table_led_in_by_a_sentence_naming_no_category_under_a_section_heading(tmp_path: Path) -> None:
    # "Functional cookies" heads the section; a paragraph follows, then a sentence ending with a colon that
    # leads into the table without naming a category. The section's heading gives the category.
    path = tmp_path / "policy.txt"
    path.write_text(
        "Strictly necessary cookies\n"
        "Name\tProvider\tPurpose\tDuration\n"
        "PHPSESSID\tTariffs Ltd\tKeeps your session.\tSession\n"
        "Functional cookies\n"
        "Some functions make the site easier to use but are not required: the tariff\n"
        "calculator remembers your postcode and your usage.\n"
        "The cookies of the tariff calculator are:\n"
        "Name\tProvider\tPurpose\tDuration\n"
        "mt_postcode\tTariffs Ltd\tStores the postcode entered.\t6 months\n"
        "mt_usage\tTariffs Ltd\tStores the usage entered.\t6 months\n",
        encoding="utf-8",
    )
    assert [(c.name, c.category, c.category_source) for c in extract(path).cookies] == [
        ("PHPSESSID", "necessary", "heading"),
        ("mt_postcode", "functional", "heading"),
        ("mt_usage", "functional", "heading"),
    ]
