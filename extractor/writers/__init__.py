"""Writers: a ``Result`` to the output contract's JSON and CSV (schema in ``schema.json``)."""

from extractor.writers.csv import CSV_COLUMNS, csv_rows, write_csv
from extractor.writers.json import SCHEMA_PATH, dumps, load_schema, write_json

__all__ = ["CSV_COLUMNS", "SCHEMA_PATH", "csv_rows", "dumps", "load_schema", "write_csv", "write_json"]
