#!/usr/bin/env python3
"""Write the notebooks in notebooks/ from the cells below (so they are committed without outputs).

usage: python scripts/make_notebooks.py
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent

QUICKSTART = [
    new_markdown_cell(
        "# extractor: quick start\n\nExtract the cookie inventory of a text export and of a PDF, look at what was "
        "detected, and export it for a consent tool. Run from the `notebooks/` folder."
    ),
    new_code_cell("import json\nfrom pathlib import Path\n\nimport extractor\n\nSAMPLES = Path('..') / 'samples'"),
    new_markdown_cell(
        "## A text export: the seed document\nIts first table is tab-separated; after a page break "
        "the rest is dumped cell by cell, with a page logo and a stray fragment in between."
    ),
    new_code_cell("seed = extractor.extract(SAMPLES / 'opendatasoft-cookie-policy.txt')\nseed"),
    new_code_cell("seed.to_dataframe()[['name', 'provider', 'purpose', 'category', 'category_source', 'party']]"),
    new_code_cell("[(w.code, w.line, w.message) for w in seed.warnings]"),
    new_markdown_cell(
        "## A PDF: a ruled table over two pages\nThe picture shows the table region (blue), the "
        "column bounds (red) and the top of each row (green)."
    ),
    new_code_cell(
        "pdf = extractor.extract(SAMPLES / 'cookies-ruled-en.pdf')\n"
        "print(pdf.status, len(pdf.cookies), 'cookies on', pdf.pages, 'pages')\n"
        "pdf.to_dataframe()[['name', 'provider', 'duration', 'duration_seconds', 'known_provider']].head(8)"
    ),
    new_code_cell("pdf.debug_image(page=2)"),
    new_markdown_cell("## Export to a consent tool"),
    new_code_cell(
        "klaro = pdf.export('klaro')\n"
        "print(json.dumps(klaro['services'][:2], indent=2))\n"
        "assert {c for s in klaro['services'] for c in s['cookies']} >= {'sessionid', '_gid'}"
    ),
    new_code_cell("print(seed.export('csv-onetrust'))"),
]

COMPARE = [
    new_markdown_cell(
        "# Comparing cookie policies\n\nAll samples in one DataFrame, then: cookies per category per document, the "
        "most common providers, how long cookies live, and where policies disagree with the known-cookie facts. "
        "Figures are saved under `notebooks/figures/`. Run from the `notebooks/` folder."
    ),
    new_code_cell(
        "from pathlib import Path\n\nimport matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\n\n"
        "import extractor\n\nFIGURES = Path('figures')\nFIGURES.mkdir(exist_ok=True)"
    ),
    new_code_cell(
        "frame = extractor.extract_many('../samples', jobs=1)\n"
        "frame['document'] = frame['source'].str.rsplit('/', n=1).str[-1]\n"
        "print(len(frame), 'cookies in', frame['document'].nunique(), 'documents')\nframe.dtypes"
    ),
    new_code_cell(
        "per_category = frame.groupby(['document', 'category'], observed=False).size().unstack(fill_value=0)\n"
        "fig, ax = plt.subplots(figsize=(8, 4))\n"
        "per_category.plot(kind='barh', stacked=True, ax=ax, title='Cookies per category')\n"
        "ax.set_xlabel('cookies')\nfig.tight_layout()\nfig.savefig(FIGURES / 'cookies-per-category.png')\n"
        "plt.close(fig)\nper_category"
    ),
    new_code_cell(
        "providers = frame['provider_canonical'].fillna('(none)').value_counts().head(10)\n"
        "fig, ax = plt.subplots(figsize=(6, 4))\n"
        "providers.sort_values().plot(kind='barh', ax=ax, title='Most common providers')\n"
        "fig.tight_layout()\nfig.savefig(FIGURES / 'providers.png')\nplt.close(fig)\nproviders"
    ),
    new_code_cell(
        "days = frame['duration_seconds'].dropna().astype(float) / 86400\n"
        "fig, ax = plt.subplots(figsize=(6, 3.5))\n"
        "ax.hist(days.clip(lower=1 / 24), bins=[1 / 24, 1, 7, 30, 90, 365, 730, 3650, 36500])\n"
        "ax.set_xscale('log')\nax.set_xlabel('duration (days, log scale)')\nax.set_ylabel('cookies')\n"
        "sessions = int((frame['duration_kind'] == 'session').sum())\n"
        "ax.set_title(f'How long cookies live ({sessions} session cookies not shown)')\n"
        "fig.tight_layout()\nfig.savefig(FIGURES / 'durations.png')\nplt.close(fig)"
    ),
    new_code_cell(
        "results = [extractor.extract(path) for path in sorted(Path('../samples').glob('*')) "
        "if not path.name.endswith(('.json', '.md'))]\n"
        "mismatches = {Path(r.source).name: sum(w.code.endswith('-mismatch') for w in r.warnings) for r in results}\n"
        "fig, ax = plt.subplots(figsize=(7, 3.5))\nax.barh(list(mismatches), list(mismatches.values()))\n"
        "ax.set_title('Policy vs known-cookie facts: disagreements')\nfig.tight_layout()\n"
        "fig.savefig(FIGURES / 'disagreements.png')\nplt.close(fig)\nmismatches"
    ),
    new_code_cell("sorted(p.name for p in FIGURES.glob('*.png'))"),
]


def main() -> None:
    for name, cells in (("01-quickstart.ipynb", QUICKSTART), ("02-compare-policies.ipynb", COMPARE)):
        notebook = new_notebook(
            cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
        )
        for index, cell in enumerate(notebook.cells):
            cell["id"] = f"cell-{index:02d}"
        nbformat.write(notebook, ROOT / "notebooks" / name)
        print("wrote", ROOT / "notebooks" / name)


if __name__ == "__main__":
    main()
