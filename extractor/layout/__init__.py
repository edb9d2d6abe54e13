"""Table geometry: header rows, table regions, columns and rows, from positioned fragments only.

Layout code never asks which reader made a fragment. Positions are in the page's own units (characters and
lines for text, points for PDF); delimited exports carry the cell ordinal in ``Fragment.field``.
"""
