"""The notebook's emails, rendered when the outbox sends them (registered in
``NotebookConfig.ready``), one module per part of the practice."""
