"""Background work of the users app."""

from celery import shared_task

from .sessions import SessionStore


@shared_task
def clear_expired_sessions() -> None:
    """Delete the sessions that have expired (what Django's ``clearsessions`` does): a
    session row keeps its user's id until it goes. Safe to run twice."""
    SessionStore.clear_expired()
