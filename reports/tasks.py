"""Background work of the reports app. Safe to run twice: the import row, not the broker,
says how far an import has come."""

from celery import shared_task

from .services import alumni_import_fail, alumni_import_run_chunk


@shared_task
def alumni_import_run(job_id: int) -> None:
    """Invite an import's rows chunk by chunk; each chunk commits its own progress."""
    try:
        while alumni_import_run_chunk(job_id=job_id):
            pass
    except Exception as error:
        alumni_import_fail(job_id=job_id, error=f"{type(error).__name__}: {error}")
        raise
