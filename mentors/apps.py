from django.apps import AppConfig


class MentorsConfig(AppConfig):
    name = "mentors"

    def ready(self):
        from notifications.registry import register

        from .emails import (
            APPROVED,
            REJECTED,
            STAFF_DIGEST,
            render_mentor_email,
            render_staff_digest,
        )

        # Rendered when the outbox sends them, from the profile and reader as they are then.
        register(APPROVED, render_mentor_email)
        register(REJECTED, render_mentor_email)
        register(STAFF_DIGEST, render_staff_digest)

        from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

        from core.cache_versions import read_with_session

        from .directory_cache import VERSION_KEY, directory_cache_bump
        from .models import CareerField, MentorMonthlyLoad, MentorProfile
        from .signals import career_field_note_mentors, career_field_refresh_mentors

        # Every way of deleting a career field must reach the search copies of its name.
        pre_delete.connect(
            career_field_note_mentors, sender=CareerField, dispatch_uid="field-del-note"
        )
        post_delete.connect(
            career_field_refresh_mentors, sender=CareerField, dispatch_uid="field-del-refresh"
        )

        # Every signed-in request knows the directory's version from its session's query.
        read_with_session(VERSION_KEY)
        for model in (MentorProfile, MentorMonthlyLoad, CareerField):
            post_save.connect(directory_cache_bump, sender=model, dispatch_uid=f"dir-save-{model}")
            post_delete.connect(directory_cache_bump, sender=model, dispatch_uid=f"dir-del-{model}")
        m2m_changed.connect(
            directory_cache_bump,
            sender=MentorProfile.career_fields.through,
            dispatch_uid="dir-fields",
        )
        # Only mentors with a confirmed address are listed (MentorProfileQuerySet.listed_q).
        from allauth.account.models import EmailAddress

        post_save.connect(directory_cache_bump, sender=EmailAddress, dispatch_uid="dir-email-save")
        post_delete.connect(directory_cache_bump, sender=EmailAddress, dispatch_uid="dir-email-del")

        # The directory's near-spelling threshold, once per database connection.
        from django.db.backends.signals import connection_created

        from .selectors import trigram_threshold_set

        connection_created.connect(trigram_threshold_set, dispatch_uid="mentors-trigram")
