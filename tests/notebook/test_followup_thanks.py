"""The thank-you letter: drafted from the notes, saved, printed, emailed through the
outbox with Reply-To set to the student, marked sent, and seen by the mentor."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core.errors import ApplicationError
from interviews import services as interview_services
from notebook.models import LETTER_MAX_CHARS, ThankYouLetter
from notebook.selectors.thanks import thank_you_draft
from notebook.services.meeting import note_add, referral_add
from notebook.services.thanks import thank_you_save, thank_you_send
from notifications.models import Notification
from notifications.services import notification_dispatch_due, notification_send
from tests.factories import InterviewFactory, TimeProposalFactory
from tests.interviews.test_races import run_at_once
from tests.outbox import rendered

from .followup import held_conversation, upcoming_conversation

pytestmark = pytest.mark.django_db
JOB_WORDS = ("job", "position", "opening", "hire", "hiring", "internship", "vacanc")


def thanks_url(interview) -> str:
    return reverse("notebook:thanks", args=[interview.pk])


def test_the_draft_names_the_advice_and_the_referrals_and_never_asks_for_a_job():
    held = held_conversation()
    note_add(interview=held, by=held.student, kind="advice", text="Learn SQL before Python")
    note_add(interview=held, by=held.student, kind="term", text="actuarial exams")
    note_add(interview=held, by=held.student, kind="point", text="Mornings are for deep work")
    referral_add(interview=held, by=held.student, name="Jane Roe", organization="Acme",
                 may_cite=True)  # fmt: skip
    subject, body = thank_you_draft(held)
    assert subject == "Thank you for our conversation"
    assert body.startswith("Dear Grace Hopper,")
    assert "Thank you for taking the time to talk with me" in body
    assert "about your work at Navy Labs" in body
    assert "- Learn SQL before Python" in body
    assert "actuarial exams" in body
    assert "Mornings are for deep work" in body
    assert "talk with Jane Roe at Acme" in body
    assert "I will mention that you suggested it" in body
    assert body.rstrip().endswith("Ada Lovelace")
    assert not any(word in body.lower() for word in JOB_WORDS)


def test_without_notes_the_draft_says_what_to_add():
    held = held_conversation()
    _subject, body = thank_you_draft(held)
    assert "[Name one thing you learned or one piece of advice" in body
    assert "Thank you again for your time" in body
    assert not any(word in body.lower() for word in JOB_WORDS)


def test_the_draft_stays_within_the_letters_limit_however_long_the_notes():
    held = held_conversation()
    for kind in ("advice", "point", "term", "other"):
        for _ in range(5):
            note_add(interview=held, by=held.student, kind=kind, text="word " * 390)
    _subject, body = thank_you_draft(held)
    assert len(body) <= LETTER_MAX_CHARS
    assert body.rstrip().endswith("Ada Lovelace")


def test_the_letter_is_saved_with_its_limits_next_to_the_fields():
    held = held_conversation()
    with pytest.raises(ApplicationError) as refused:
        thank_you_save(interview=held, by=held.student, subject="Thanks", body="  ")
    assert refused.value.field == "body"
    with pytest.raises(ApplicationError) as refused:
        thank_you_save(interview=held, by=held.student, subject="", body="Dear Grace")
    assert refused.value.field == "subject"
    thank_you_save(interview=held, by=held.student, subject="Thank you", body="Dear Grace")
    thank_you_save(interview=held, by=held.student, subject="Thank you!", body="Dear Grace,")
    assert ThankYouLetter.objects.get().subject == "Thank you!"


def test_sending_emails_the_saved_letter_from_the_site_with_reply_to_the_student(settings):
    held = held_conversation()
    thank_you_send(interview=held, by=held.student, subject="Thank you, Grace",
                   body="Dear Grace,\n\nYour advice on SQL was gold.\n\nAda")  # fmt: skip
    held.refresh_from_db()
    assert held.thank_you_sent_at is not None
    assert held.thank_you_method == "email"
    row = Notification.objects.get(kind="notebook.thank_you")
    assert row.recipient == held.mentor.user
    # The student changes address before it goes: the reply reaches them where they are now.
    held.student.email = "ada.new@example.edu"
    held.student.save()
    email = rendered(row)
    assert email.to_email == held.mentor.user.email
    assert email.subject == "Thank you, Grace"
    assert "Your advice on SQL was gold." in email.body_text
    assert "Your advice on SQL was gold." in email.body_html
    assert email.headers["Reply-To"] == "ada.new@example.edu"
    mail.outbox.clear()
    assert notification_send(notification_id=row.pk)
    (message,) = mail.outbox
    assert message.reply_to == ["ada.new@example.edu"]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert "Reply-To" not in message.extra_headers
    assert message.message()["Reply-To"] == "ada.new@example.edu"
    row.refresh_from_db()
    assert row.headers["Reply-To"] == "ada.new@example.edu"  # the log keeps what went out


def test_a_second_send_is_refused_and_nothing_more_is_sent():
    held = held_conversation()
    thank_you_send(interview=held, by=held.student, subject="Thanks", body="Dear Grace")
    with pytest.raises(ApplicationError, match="already marked your thank-you as sent"):
        thank_you_send(interview=held, by=held.student, subject="Thanks", body="Again")
    assert Notification.objects.filter(kind="notebook.thank_you").count() == 1
    assert ThankYouLetter.objects.get().body == "Dear Grace"
    with pytest.raises(ApplicationError, match="stays as sent"):
        thank_you_save(interview=held, by=held.student, subject="Thanks", body="Edited")


def test_sending_or_marking_before_the_conversation_is_refused():
    upcoming = upcoming_conversation()
    with pytest.raises(ApplicationError, match="after the conversation"):
        thank_you_send(interview=upcoming, by=upcoming.student, subject="Thanks", body="Hi")
    with pytest.raises(ApplicationError, match="after the conversation"):
        interview_services.interview_thank_you_mark_sent(
            interview=upcoming, by=upcoming.student, method="card"
        )
    assert not Notification.objects.filter(kind="notebook.thank_you").exists()
    assert not ThankYouLetter.objects.exists()


NOW = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=datetime.UTC)


@pytest.mark.django_db(transaction=True)
def test_the_letter_sent_through_the_site_stops_the_nudge_and_reaches_the_mentor():
    with time_machine.travel(NOW, tick=False):
        interview = InterviewFactory(formats=["video"])
        start = NOW + datetime.timedelta(days=3)
        proposal = TimeProposalFactory(
            interview=interview, starts_at=start, ends_at=start + datetime.timedelta(hours=2)
        )
        interview = interview_services.interview_accept(
            interview=interview, by=interview.mentor.user, format="video",
            meeting_details="https://video.example.com/1", proposal_id=proposal.pk,
        )  # fmt: skip
    end = interview.ends_at
    with time_machine.travel(end + datetime.timedelta(hours=1), tick=False):
        notification_dispatch_due(now=timezone.now())  # the same-day reminder goes out
        thank_you_send(interview=interview, by=interview.student, subject="Thank you",
                       body="Dear mentor, thank you.")  # fmt: skip
        notification_dispatch_due(now=timezone.now())
    mail.outbox.clear()
    with time_machine.travel(end + datetime.timedelta(days=4), tick=False):
        notification_dispatch_due(now=timezone.now())
    nudge = Notification.objects.get(kind="reminder.thank_you_nudge")
    assert nudge.status == "void"
    assert [m.subject for m in mail.outbox if "thank" in m.subject.lower()] == []
    letter = Notification.objects.get(kind="notebook.thank_you")
    assert letter.status == "sent"
    assert letter.body_text.startswith("Dear mentor, thank you.")


def test_the_composer_page_starts_from_the_draft_saves_and_sends(client):
    held = held_conversation()
    note_add(interview=held, by=held.student, kind="advice", text="Learn SQL first")
    client.force_login(held.student)
    page = client.get(thanks_url(held)).content.decode()
    assert "Learn SQL first" in page
    assert "/guide/#thank-you" in page
    response = client.post(thanks_url(held), {"subject": "Thanks", "body": "", "save": ""})
    assert response.status_code == 400
    assert "Write the letter first." in response.content.decode()
    client.post(thanks_url(held), {"subject": "Thanks", "body": "Dear Grace, thank you."})
    assert ThankYouLetter.objects.get().body == "Dear Grace, thank you."
    letter_page = client.get(reverse("notebook:thanks_letter", args=[held.pk])).content.decode()
    assert "Dear Grace, thank you." in letter_page
    assert "Navy Labs" in letter_page
    response = client.post(thanks_url(held), {"subject": "Thanks", "body": "Final.", "send": ""})
    assert response.status_code == 302
    page = client.get(thanks_url(held)).content.decode()
    assert "Emailed to Grace Hopper through the site" in page
    response = client.post(thanks_url(held), {"subject": "Thanks", "body": "Twice", "send": ""})
    assert response.status_code == 400
    assert "already marked your thank-you as sent" in response.content.decode()
    assert Notification.objects.filter(kind="notebook.thank_you").count() == 1


def test_marking_sent_from_the_composer_and_before_the_start(client):
    held, upcoming = held_conversation(), upcoming_conversation()
    client.force_login(upcoming.student)
    url = reverse("notebook:thanks_mark_sent", args=[upcoming.pk])
    response = client.post(url, {"mark-method": "card"})
    assert response.status_code == 400
    assert "Send your thank-you after the conversation." in response.content.decode()
    client.force_login(held.student)
    url = reverse("notebook:thanks_mark_sent", args=[held.pk])
    assert client.post(url, {}).status_code == 400
    assert client.post(url, {"mark-method": "card"}).status_code == 302
    held.refresh_from_db()
    assert held.thank_you_method == "card"
    assert "Marked as sent by card" in client.get(thanks_url(held)).content.decode()


def test_the_mentor_sees_the_thanks_received_on_the_dashboard(
    client, django_assert_max_num_queries
):
    held = held_conversation()
    thank_you_send(interview=held, by=held.student, subject="Thank you, Grace",
                   body="Your advice on SQL was gold.")  # fmt: skip
    mentor = held.mentor
    client.force_login(mentor.user)
    client.get("/")
    with django_assert_max_num_queries(20) as few:
        page = client.get("/").content.decode()
    assert "Thanks you received" in page
    assert "Your advice on SQL was gold." in page
    for days in range(2, 8):
        other = InterviewFactory(
            scheduled=True, mentor=mentor,
            starts_at=timezone.now().replace(microsecond=0) - datetime.timedelta(days=days),
        )  # fmt: skip
        interview_services.interview_thank_you_mark_sent(
            interview=other, by=other.student, method="card"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/").content.decode()
    assert "sent by card on" in page
    assert page.count("sent by card on") == 5  # the newest five


def test_the_thank_you_reminders_and_the_dashboard_lead_to_the_composer(client):
    interview = InterviewFactory(formats=["video"])
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)
    proposal = TimeProposalFactory(
        interview=interview, starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    interview = interview_services.interview_accept(
        interview=interview, by=interview.mentor.user, format="video",
        meeting_details="https://video.example.com/1", proposal_id=proposal.pk,
    )  # fmt: skip
    composer = thanks_url(interview)
    for kind in ("reminder.thank_you", "reminder.thank_you_nudge"):
        assert composer in rendered(Notification.objects.get(kind=kind)).body_text
    with time_machine.travel(interview.ends_at + datetime.timedelta(minutes=5)):
        client.force_login(interview.student)
        assert f'href="{composer}"' in client.get("/").content.decode()


def test_the_mentor_reads_the_emailed_letter_on_the_interview_page(client):
    held = held_conversation()
    client.force_login(held.mentor.user)
    assert "thank-you letter" not in client.get(held.get_absolute_url()).content.decode()
    thank_you_send(interview=held, by=held.student, subject="Thank you", body="SQL was gold.")
    page = client.get(held.get_absolute_url()).content.decode()
    assert "The student's thank-you letter" in page
    assert "SQL was gold." in page


@pytest.mark.django_db(transaction=True)
def test_two_sends_at_once_send_one_letter():
    """Two tabs press Send together, each on its own connection: the interview's row lock
    lets one through; the other waits, is refused, and queues nothing."""
    held = held_conversation()

    def send(body):
        return lambda: thank_you_send(interview=held, by=held.student, subject="Thanks", body=body)

    outcomes = run_at_once([send("First tab"), send("Second tab")])
    assert outcomes == {"ok": 1, "refused: You already marked your thank-you as sent.": 1}
    assert Notification.objects.filter(kind="notebook.thank_you").count() == 1
    letter = ThankYouLetter.objects.get()
    assert letter.body in ("First tab", "Second tab") and letter.emailed_at is not None


def test_the_composer_query_count_does_not_grow_with_the_notes(
    client, django_assert_max_num_queries
):
    held = held_conversation()
    note_add(interview=held, by=held.student, kind="advice", text="One")
    referral_add(interview=held, by=held.student, name="Jane Roe")
    client.force_login(held.student)
    client.get(thanks_url(held))
    with django_assert_max_num_queries(12) as small:
        client.get(thanks_url(held))
    for i in range(20):
        note_add(interview=held, by=held.student, kind="point", text=f"Point {i}")
        referral_add(interview=held, by=held.student, name=f"Person {i}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert "Point 1" in client.get(thanks_url(held)).content.decode()
