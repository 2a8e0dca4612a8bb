"""Requests sent before résumés were kept per request have no record of the file they
went with. For the conversations still open, the file the student has now is the one the
mentor has been seeing: record it, so the mentor keeps it (and only it) from here on.
Closed ones get nothing: their sharing has ended."""

from django.db import migrations

OPEN = ["requested", "accepted", "scheduled", "completed", "no_show"]


def snapshot_open_requests(apps, schema_editor):
    Interview = apps.get_model("interviews", "Interview")
    StudentProfile = apps.get_model("students", "StudentProfile")
    ResumeSnapshot = apps.get_model("students", "ResumeSnapshot")
    files = dict(StudentProfile.objects.exclude(resume="").values_list("user_id", "resume"))
    taken = set(ResumeSnapshot.objects.values_list("subject_key", flat=True))
    snapshots = [
        ResumeSnapshot(student_id=student_id, subject_key=f"interview:{pk}", file=files[student_id])
        for pk, student_id in Interview.objects.filter(
            resume_attached=True, status__in=OPEN
        ).values_list("pk", "student_id")
        if student_id in files and f"interview:{pk}" not in taken
    ]
    ResumeSnapshot.objects.bulk_create(snapshots)


class Migration(migrations.Migration):
    dependencies = [
        ("interviews", "0005_reschedule_asks"),
        ("students", "0003_resume_snapshot"),
    ]

    operations = [migrations.RunPython(snapshot_open_requests, migrations.RunPython.noop)]
