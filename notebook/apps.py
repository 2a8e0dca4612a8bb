from django.apps import AppConfig


class NotebookConfig(AppConfig):
    name = "notebook"
    verbose_name = "Notebook"

    def ready(self) -> None:
        # --- Prepare: research, my questions, the checklist --------------------------
        from interviews import preparation, sections

        from .sections.prep import prep_sections
        from .selectors.prep import prep_email_lines, prep_progress_for

        sections.register(prep_sections)
        preparation.register_progress(prep_progress_for)
        preparation.register_email_lines(prep_email_lines)
        # --- end of Prepare ----------------------------------------------------------
        # --- Insights: who to talk to next, at the top of the directory --------------
        from . import insights_hooks  # noqa: F401  (registers the directory's panel)
