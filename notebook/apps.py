from django.apps import AppConfig


class NotebookConfig(AppConfig):
    name = "notebook"
    verbose_name = "Notebook"

    def ready(self) -> None:
        from . import insights_hooks  # noqa: F401  (registers the directory's panel)
