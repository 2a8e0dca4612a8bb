from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotebookConfig(AppConfig):
    name = "notebook"
    verbose_name = _("Notebook")

    def ready(self) -> None:
        # The notebook sits above interviews, students and mentors: it adds its parts to
        # their pages and emails through their registries, never the other way round.
        self._ready_prepare()
        self._ready_follow_up()
        # Who to talk to next, at the top of the directory, cached per student until
        # what it reads changes.
        from . import insights_hooks  # noqa: F401
        from .recommendations_cache import connect

        connect()

    def _ready_prepare(self) -> None:
        """Research, my questions, the checklist: the interview page, the dashboard's
        Prepare task and the day-before email."""
        from interviews import preparation, sections

        from .sections.prep import prep_sections
        from .selectors.prep import prep_email_lines, prep_progress_for

        sections.register(prep_sections)
        preparation.register_progress(prep_progress_for)
        preparation.register_email_lines(prep_email_lines)

    def _ready_follow_up(self) -> None:
        """Notes, referrals, the thank-you letter, résumé feedback."""
        from interviews.sections import register as register_section
        from notifications.registry import register as register_email
        from students.sources import register as register_source

        from .emails.resume import RESUME_FEEDBACK, render_resume_feedback
        from .emails.thanks import THANK_YOU, render_thank_you
        from .sections.followup import follow_up_sections
        from .selectors.meeting import referral_sources

        # Rendered when the outbox sends them, from the saved letter and feedback.
        register_email(THANK_YOU, render_thank_you)
        register_email(RESUME_FEEDBACK, render_resume_feedback)
        register_section(follow_up_sections)
        # The networking list says which conversation a referred contact came from.
        register_source(referral_sources)
