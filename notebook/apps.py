from django.apps import AppConfig


class NotebookConfig(AppConfig):
    name = "notebook"
    verbose_name = "Notebook"

    def ready(self) -> None:
        self.ready_follow_up()

    # --- Follow-up: notes, referrals, the thank-you, résumé feedback --------------------
    def ready_follow_up(self) -> None:
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
