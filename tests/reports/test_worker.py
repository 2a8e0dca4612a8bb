"""A real worker imports an alumni list chunk by chunk, and the invitations reach a real
SMTP server, each once."""

import pytest

from reports.models import AlumniImport, AlumniInvitation
from tests.services import wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

ROWS = 25


def test_a_worker_imports_in_chunks_and_every_invitee_gets_one_email(
    staff_client, start_worker, smtp_sink
):
    client, _staff = staff_client
    start_worker("w1", extra_env={"ALUMNI_IMPORT_CHUNK_ROWS": "10"})
    lines = ["email,first_name,last_name"] + [
        f"alum{i}@example.org,Alum,No{i}" for i in range(ROWS)
    ]
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("list.csv", ("\n".join(lines) + "\n").encode(), "text/csv")
    response = client.post("/admin/reports/alumniimport/add/", {"file": upload})
    job = AlumniImport.objects.get()
    assert response["Location"].endswith(f"/{job.pk}/change/")

    client.post(f"/admin/reports/alumniimport/{job.pk}/change/", {"_import": "1"})

    wait_until(
        lambda: AlumniImport.objects.get(pk=job.pk).status == AlumniImport.Status.DONE,
        what="the import to finish",
    )
    job.refresh_from_db()
    assert (job.processed_rows, job.invited, job.skipped) == (ROWS, ROWS, 0)
    assert AlumniInvitation.objects.count() == ROWS
    progress = client.get(f"/admin/reports/alumniimport/{job.pk}/change/", {"part": "progress"})
    assert f"{ROWS} of {ROWS} rows processed" in progress.content.decode()
    wait_until(lambda: len(smtp_sink.messages) >= ROWS, what="every invitation at the SMTP server")
    recipients = [m["To"] for m in smtp_sink.messages]
    assert sorted(recipients) == sorted(f"alum{i}@example.org" for i in range(ROWS))
