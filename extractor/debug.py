"""Pictures of what the layout detected, drawn over the PDF page (pdfplumber's ``to_image``).

Blue: the table region (header and rows on the page). Red: column bounds. Green: the top of each row.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractor.errors import ConfigError, InputError
from extractor.model import Box, Result

if TYPE_CHECKING:
    from pdfplumber.display import PageImage

DEFAULT_RESOLUTION = 110
REGION_COLOUR = (30, 90, 220)
COLUMN_COLOUR = (220, 30, 30)
ROW_COLOUR = (20, 160, 60)


def _union(boxes: list[Box]) -> Box:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def debug_image(result: Result, page: int, resolution: int = DEFAULT_RESOLUTION, password: str | None = None) -> Any:
    """The page with the detected table regions, column bounds and row bounds drawn over it.

    Args:
        result: the result of extracting a PDF.
        page: 1-based page number.
        resolution: pixels per inch of the picture.

    Returns:
        A pdfplumber ``PageImage`` (shown inline in Jupyter; ``.save(path)`` writes a PNG).

    Raises:
        ConfigError: the result is not of a PDF, or the page does not exist.
        InputError: the PDF cannot be opened any more.
    """
    import pdfplumber

    if result.format != "pdf":
        raise ConfigError(f"{result.source}: debug pictures need a PDF, got format {result.format!r}")
    try:
        pdf = pdfplumber.open(result.source, password=password or "")
    except Exception as exc:
        raise InputError(result.source, f"cannot open for drawing ({exc})") from None
    with pdf:
        if not 1 <= page <= len(pdf.pages):
            raise ConfigError(f"{result.source}: page {page} does not exist; expected 1 to {len(pdf.pages)}")
        image: PageImage = pdf.pages[page - 1].to_image(resolution=resolution)
        for table in result.tables:
            boxes = [r.box for r in table.rows if r.page == page and r.box is not None]
            if table.page == page and table.header_box is not None:
                boxes.append(table.header_box)
            if not boxes:
                continue
            region = _union(boxes)
            image.draw_rect(region, fill=(0, 0, 0, 0), stroke=REGION_COLOUR, stroke_width=2)
            for x in table.column_starts:
                image.draw_line([(x, region[1]), (x, region[3])], stroke=COLUMN_COLOUR, stroke_width=2)
            for row in table.rows:
                if row.page == page and row.box is not None:
                    image.draw_line(
                        [(region[0], row.box[1] - 1), (region[2], row.box[1] - 1)], stroke=ROW_COLOUR, stroke_width=1
                    )
        return image


def save_debug_image(result: Result, page: int, out: Path, password: str | None = None) -> Path:
    """Write the debug picture of ``page`` as a PNG."""
    debug_image(result, page, password=password).save(str(out), format="PNG")
    return out
