"""Reads of notebooks, one module per part of the practice."""
