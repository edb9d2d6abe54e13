"""Pictures of what the layout detected, drawn over the PDF page (pdfplumber's ``to_image``).

Blue: the table region (header and rows on the page). Red: column bounds. Green: the top of each row.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractor.errors import ConfigError, InputError
from extractor.model import Box, Result
from extractor.settings import Settings

if TYPE_CHECKING:
    from pdfplumber.display import PageImage

DEFAULT_RESOLUTION = 110
# Points per inch: a page of w x h points is drawn at r pixels per inch as (w r / 72) x (h r / 72) pixels.
POINTS_PER_INCH = 72
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


def picture_resolution(width: float, height: float, resolution: float, max_pixels: int) -> float:
    """The resolution a page of ``width`` x ``height`` points is drawn at: ``resolution``, lowered so that the
    picture holds at most ``max_pixels`` pixels (a 14,400 pt page at 110 dpi would be 484 million)."""
    pixels = (width * resolution / POINTS_PER_INCH) * (height * resolution / POINTS_PER_INCH)
    if pixels <= max_pixels:
        return resolution
    return resolution * math.sqrt(max_pixels / pixels)


def debug_image(
    result: Result,
    page: int,
    resolution: int = DEFAULT_RESOLUTION,
    password: str | None = None,
    settings: Settings | None = None,
) -> Any:
    """The page with the detected table regions, column bounds and row bounds drawn over it.

    Args:
        result: the result of extracting a PDF.
        page: 1-based page number.
        resolution: pixels per inch of the picture; lowered for a page too large for
            ``settings.max_picture_pixels``.
        settings: the limits (``max_picture_pixels``, ``max_file_size``); default: the defaults. The PDF's streams
            were measured against ``max_decoded_size`` when ``result`` was extracted: a bomb has no PDF result.

    Returns:
        A pdfplumber ``PageImage`` (shown inline in Jupyter; ``.save(path)`` writes a PNG).

    Raises:
        ConfigError: the result is not of a PDF, or the page does not exist.
        InputError: the PDF cannot be opened any more, or is over the limits (larger than ``max_file_size``, or
            its page cannot be drawn at one pixel per inch within ``max_picture_pixels``).
    """
    import io

    import pdfplumber

    settings = settings or Settings()
    if result.format != "pdf":
        raise ConfigError(f"{result.source}: debug pictures need a PDF, got format {result.format!r}")
    try:
        with open(result.source, "rb") as handle:
            data = handle.read(settings.max_file_size + 1)
    except OSError as exc:
        raise InputError(result.source, f"cannot open for drawing ({exc.strerror or exc})") from None
    if len(data) > settings.max_file_size:
        raise InputError(result.source, f"file exceeds max_file_size={settings.max_file_size}")
    try:
        pdf = pdfplumber.open(io.BytesIO(data), password=password or "")
    except Exception as exc:
        raise InputError(result.source, f"cannot open for drawing ({exc})") from None
    with pdf:
        if not 1 <= page <= len(pdf.pages):
            raise ConfigError(f"{result.source}: page {page} does not exist; expected 1 to {len(pdf.pages)}")
        drawn = pdf.pages[page - 1]
        scaled = picture_resolution(float(drawn.width), float(drawn.height), resolution, settings.max_picture_pixels)
        if scaled < 1:
            raise InputError(
                result.source,
                f"page {page} of {drawn.width:.0f} x {drawn.height:.0f} pt cannot be drawn within "
                f"max_picture_pixels={settings.max_picture_pixels}",
            )
        image: PageImage = drawn.to_image(resolution=scaled)
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


def save_debug_image(
    result: Result, page: int, out: Path, password: str | None = None, settings: Settings | None = None
) -> Path:
    """Write the debug picture of ``page`` as a PNG (see ``debug_image``)."""
    debug_image(result, page, password=password, settings=settings).save(str(out), format="PNG")
    return out
