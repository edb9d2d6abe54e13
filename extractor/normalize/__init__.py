"""Normalisation of record values: categories and document language (pure functions)."""
