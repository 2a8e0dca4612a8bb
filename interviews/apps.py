from django.apps import AppConfig
from django.db.models.signals import post_delete


def _forget_shared_resume(sender, instance, **kwargs) -> None:
    # An interview deleted in admin takes the résumé shared with it along.
    from students.services import resume_snapshots_delete

    resume_snapshots_delete(subject_keys=[instance.subject_key])


class InterviewsConfig(AppConfig):
    name = "interviews"

    def ready(self) -> None:
        from notifications.registry import register

        from . import emails, notify, reminders  # noqa: F401 -- their builders register

        # Interview emails and reminders are rendered when the outbox sends them.
        register("interview.", emails.render)
        register("reminder.", emails.render)
        post_delete.connect(
            _forget_shared_resume, sender=self.get_model("Interview"), dispatch_uid="resume"
        )
