"""The notebook's pages: prepare, meet, thank (each a module)."""
