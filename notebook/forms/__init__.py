"""The notebook's forms, one module per part of the practice."""
