"""Account emails already in the outbox carry sign-in links: mark them, and erase the
text of those that are done (sent, failed or void), as the outbox now does itself."""

from django.db import migrations

ERASED = "[erased once sent: it carried a sign-in link or code]"


def mark_and_erase(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    account = Notification.objects.filter(kind__startswith="account.")
    account.update(sensitive=True)
    account.exclude(status__in=["pending", "sending"]).update(
        body_text=ERASED, body_html="", attachments=[]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("users", "0002_time_zone_any_known"),
        ("notifications", "0004_sensitive"),
    ]

    operations = [migrations.RunPython(mark_and_erase, migrations.RunPython.noop)]
