"""Every change to a notebook, one module per part of the practice."""
