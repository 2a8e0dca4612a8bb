"""Timed reminders: created, moved and voided with the interview; each sent once, on time."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.utils import timezone

from interviews import reminders, services
from interviews.models import Interview
from notifications.models import Notification
from notifications.services import (
    notification_claim_due,
    notification_dispatch_due,
    notification_opt_outs_set,
    notification_send,
)
from tests.factories import InterviewFactory, TimeProposalFactory
from tests.outbox import rendered

pytestmark = pytest.mark.django_db(transaction=True)
UTC = datetime.UTC
H = datetime.timedelta(hours=1)


def schedule(start: datetime.datetime, *, student_zone="America/New_York", mentor_zone=None):
    """A requested interview accepted by its mentor at ``start``, to meet in person."""
    interview = InterviewFactory(formats=["in_person", "video"])
    interview.student.time_zone = student_zone
    interview.student.save()
    if mentor_zone:
        interview.mentor.user.time_zone = mentor_zone
        interview.mentor.user.save()
    proposal = TimeProposalFactory(interview=interview, starts_at=start, ends_at=start + 2 * H)
    return services.interview_accept(
        interview=interview,
        by=interview.mentor.user,
        format="in_person",
        meeting_details="Room 204, 10 Main Street",
        proposal_id=proposal.pk,
    )


def reminder_rows(interview, **filters):
    return Notification.objects.filter(
        subject_key=interview.subject_key, kind__startswith="reminder.", **filters
    )


def due_times(interview) -> dict[tuple[str, str], datetime.datetime]:
    return {
        (row.kind, row.to_email): row.due_at
        for row in reminder_rows(interview, status__in=["pending", "sending"])
    }


def sent_kinds(interview) -> list[str]:
    return sorted(reminder_rows(interview, status="sent").values_list("kind", flat=True))


def run_dispatcher_at(moment: datetime.datetime) -> None:
    with time_machine.travel(moment, tick=False):
        notification_dispatch_due(now=timezone.now())


NOW = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


@time_machine.travel(NOW, tick=False)
def test_scheduling_writes_every_reminder_at_its_offset():
    start = NOW + datetime.timedelta(days=10)
    interview = schedule(start)
    end = interview.ends_at
    student, mentor = interview.student.email, interview.mentor.user.email
    assert due_times(interview) == {
        ("reminder.confirm", student): start - 48 * H,
        ("reminder.confirm_again", student): start - 24 * H,
        ("reminder.prep", student): start - 24 * H,
        ("reminder.thank_you", student): end + datetime.timedelta(minutes=30),
        ("reminder.thank_you_nudge", student): end + datetime.timedelta(days=3),
        ("reminder.feedback", student): end + 24 * H,
        ("reminder.feedback", mentor): end + 24 * H,
    }


def test_each_reminder_goes_out_once_at_its_time_and_never_early():
    with time_machine.travel(NOW, tick=False):
        interview = schedule(NOW + datetime.timedelta(days=10))
    start, end = interview.starts_at, interview.ends_at
    mail.outbox.clear()
    run_dispatcher_at(start - 48 * H - datetime.timedelta(minutes=1))
    assert sent_kinds(interview) == []
    run_dispatcher_at(start - 48 * H + datetime.timedelta(seconds=30))
    assert sent_kinds(interview) == ["reminder.confirm"]
    confirm = next(m for m in mail.outbox if "confirm" in m.subject.lower())
    assert f"/interviews/{interview.pk}/confirm/" in confirm.body
    run_dispatcher_at(start - 24 * H + datetime.timedelta(seconds=30))
    run_dispatcher_at(start - 24 * H + datetime.timedelta(seconds=90))  # a second tick
    assert sent_kinds(interview) == ["reminder.confirm", "reminder.confirm_again", "reminder.prep"]
    prep = next(m for m in mail.outbox if m.subject.startswith("Prepare"))
    assert "arrive 15–20 minutes early" in prep.body
    assert "Room 204, 10 Main Street" in prep.body
    with time_machine.travel(end + datetime.timedelta(minutes=31), tick=False):
        services.interviews_complete_due(now=timezone.now())
        notification_dispatch_due(now=timezone.now())
    run_dispatcher_at(end + datetime.timedelta(days=4))
    assert sent_kinds(interview) == sorted(
        ["reminder.confirm", "reminder.confirm_again", "reminder.prep", "reminder.thank_you",
         "reminder.thank_you_nudge", "reminder.feedback", "reminder.feedback"]
    )  # fmt: skip
    assert len(mail.outbox) == 7


def test_scheduled_less_than_48_hours_ahead_asks_for_confirmation_at_once():
    with time_machine.travel(NOW, tick=False):
        interview = schedule(NOW + 30 * H)
    confirm = reminder_rows(interview, kind="reminder.confirm").get()
    assert confirm.due_at == NOW
    assert confirm.status == "sent"


def test_confirming_stops_the_second_reminder_and_tells_the_mentor():
    with time_machine.travel(NOW, tick=False):
        interview = schedule(NOW + datetime.timedelta(days=5))
        services.interview_confirm(interview=interview, by=interview.student)
    assert not reminder_rows(interview, kind="reminder.confirm_again", status="pending").exists()
    assert Notification.objects.filter(
        kind="interview.confirmed", to_email=interview.mentor.user.email
    ).exists()
    run_dispatcher_at(interview.starts_at - 23 * H)
    assert "reminder.confirm_again" not in sent_kinds(interview)


def test_a_reschedule_after_a_reminder_was_claimed_sends_only_the_new_one():
    with time_machine.travel(NOW, tick=False):
        interview = schedule(NOW + datetime.timedelta(days=5))
    old_confirm = reminder_rows(interview, kind="reminder.confirm").get()
    moment = old_confirm.due_at + datetime.timedelta(seconds=5)
    with time_machine.travel(moment, tick=False):
        claimed = notification_claim_due(now=timezone.now())
        assert old_confirm.pk in claimed  # a worker has it in hand...
        services.interview_reschedule(
            interview=interview,
            by=interview.mentor.user,
            starts_at=moment + 30 * H,  # less than 48 hours away: the new one is due at once
            reason="Exam moved",
        )
        assert notification_send(notification_id=old_confirm.pk) is False  # ...and skips it
    old_confirm.refresh_from_db()
    assert old_confirm.status == "void"
    new_confirm = reminder_rows(interview, kind="reminder.confirm").exclude(pk=old_confirm.pk).get()
    assert new_confirm.status == "sent"
    assert sent_kinds(interview) == ["reminder.confirm"]


def test_cancelling_voids_every_pending_reminder():
    with time_machine.travel(NOW, tick=False):
        interview = schedule(NOW + datetime.timedelta(days=5))
        services.interview_cancel(interview=interview, by=interview.student, reason="Ill")
    assert not reminder_rows(interview, status__in=["pending", "sending"]).exists()
    run_dispatcher_at(interview.ends_at + datetime.timedelta(days=5))
    assert sent_kinds(interview) == []


def test_no_confirmation_or_prep_after_the_start_and_no_thank_you_a_week_late():
    with time_machine.travel(NOW, tick=False):
        interview = schedule(NOW + datetime.timedelta(days=5))
    # The workers were down from before the reminders were due until eight days after.
    run_dispatcher_at(interview.ends_at + datetime.timedelta(days=8))
    assert sent_kinds(interview) == []
    assert set(reminder_rows(interview).values_list("status", flat=True)) == {"void"}


def test_an_opt_out_of_nudges_skips_only_the_optional_kinds():
    with time_machine.travel(NOW, tick=False):
        interview = InterviewFactory()
        notification_opt_outs_set(user_id=interview.student_id, categories=["nudges", "feedback"])
        proposal = TimeProposalFactory(
            interview=interview, starts_at=NOW + 100 * H, ends_at=NOW + 102 * H
        )
        services.interview_accept(
            interview=interview,
            by=interview.mentor.user,
            format="video",
            meeting_details="https://video.example.com/x",
            proposal_id=proposal.pk,
        )
    kinds = {k for k, to in due_times(interview) if to == interview.student.email}
    assert kinds == {
        "reminder.confirm",
        "reminder.confirm_again",
        "reminder.prep",
        "reminder.thank_you",
    }


def test_marking_the_thank_you_sent_stops_the_nudge():
    with time_machine.travel(NOW, tick=False):
        interview = schedule(NOW + datetime.timedelta(days=3))
    with time_machine.travel(interview.ends_at + H, tick=False):
        services.interview_thank_you_mark_sent(
            interview=interview, by=interview.student, method="card"
        )
    thanks = reminder_rows(interview, kind__in=["reminder.thank_you", "reminder.thank_you_nudge"])
    assert set(thanks.values_list("status", flat=True)) == {"void"}


@pytest.mark.parametrize(
    "local_start",
    [
        datetime.datetime(2026, 3, 9, 9, 0),  # the day after clocks went forward
        datetime.datetime(2026, 11, 2, 9, 0),  # the day after clocks went back
    ],
)
def test_daylight_saving_reminders_fire_once_48_hours_before_in_absolute_time(local_start):
    denver = zoneinfo.ZoneInfo("America/Denver")
    start = local_start.replace(tzinfo=denver)
    booked = start.astimezone(UTC) - datetime.timedelta(days=6)
    with time_machine.travel(booked, tick=False):
        interview = schedule(start.astimezone(UTC), student_zone="America/Denver")
    confirm = reminder_rows(interview, kind="reminder.confirm").get()
    assert interview.starts_at - confirm.due_at == datetime.timedelta(hours=48)
    for minutes in (-1, 0, 1, 30, 60, 61):  # ticks around the moment, across the old offset
        run_dispatcher_at(confirm.due_at + datetime.timedelta(minutes=minutes))
    confirm.refresh_from_db()
    assert confirm.status == "sent"
    assert confirm.sent_at == confirm.due_at  # not an hour early or late
    assert sent_kinds(interview) == ["reminder.confirm"]


def test_nothing_is_sent_when_the_scheduling_transaction_rolls_back():
    interview = InterviewFactory()
    start = timezone.now() + 30 * H
    proposal = TimeProposalFactory(interview=interview, starts_at=start, ends_at=start + 2 * H)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.interview_accept(
            interview=interview,
            by=interview.mentor.user,
            format="video",
            meeting_details="https://video.example.com/x",
            proposal_id=proposal.pk,
        )
        raise RuntimeError("the page failed after the service ran")
    mail.outbox.clear()
    notification_dispatch_due(now=timezone.now() + datetime.timedelta(days=10))
    assert mail.outbox == []
    assert not reminder_rows(interview).exists()
    assert Interview.objects.get(pk=interview.pk).status == "requested"


def test_a_request_left_unanswered_reminds_the_mentor_then_expires_kindly(settings):
    with time_machine.travel(NOW, tick=False):
        interview = InterviewFactory()
        reminders.stale_request_reminder(interview)
    stale = Notification.objects.get(kind="reminder.stale_request")
    assert stale.due_at == interview.requested_at + datetime.timedelta(
        days=settings.REQUEST_STALE_DAYS
    )
    run_dispatcher_at(stale.due_at + datetime.timedelta(minutes=1))
    stale.refresh_from_db()
    assert stale.status == "sent"
    with time_machine.travel(NOW + datetime.timedelta(days=settings.REQUEST_EXPIRY_DAYS, hours=1)):
        assert services.interviews_expire_due(now=timezone.now()) == 1
    note = rendered(Notification.objects.get(kind="interview.expired"))
    assert "Other mentors" in note.body_text


def test_answering_a_request_voids_the_stale_reminder(student, mentor, request_kwargs):
    interview = services.interview_request_create(
        student=student, mentor_id=mentor.pk, **request_kwargs()
    )
    services.interview_decline(interview=interview, by=mentor.user, reason="Busy month")
    assert reminder_rows(interview, kind="reminder.stale_request").get().status == "void"


def test_optional_emails_say_how_to_switch_them_off_and_essential_ones_do_not():
    with time_machine.travel(NOW, tick=False):
        interview = schedule(NOW + datetime.timedelta(days=5))
    nudge = rendered(reminder_rows(interview, kind="reminder.thank_you_nudge").get())
    confirm = rendered(reminder_rows(interview, kind="reminder.confirm").get())
    assert "/accounts/settings/" in nudge.body_text
    assert "/accounts/settings/" in nudge.body_html
    assert "/accounts/settings/" not in confirm.body_text


def emails_to_student(interview) -> list[Notification]:
    return list(
        Notification.objects.filter(to_email=interview.student.email).order_by("created_at", "id")
    )


def test_a_conversation_booked_fifteen_minutes_ahead_gets_no_reminder_that_makes_no_sense():
    with time_machine.travel(NOW, tick=False):
        interview = schedule(NOW + datetime.timedelta(minutes=15))
    sent_now = [n for n in emails_to_student(interview) if n.due_at <= NOW]
    # The one email that says it is scheduled, with the invite; no "confirm about two days
    # before", no "your conversation is tomorrow", no separate "accepted".
    assert [n.kind for n in sent_now] == ["interview.scheduled"]
    assert not reminder_rows(interview, kind__in=[reminders.CONFIRM, reminders.PREP]).exists()
    # What comes after the conversation still comes, on time.
    assert set(reminder_rows(interview).values_list("kind", flat=True)) == {
        reminders.THANK_YOU,
        reminders.THANK_YOU_NUDGE,
        reminders.FEEDBACK,
    }


def test_booked_hours_ahead_the_reminders_say_today_not_tomorrow():
    # 12:00 UTC is 7:00 AM in New York; the conversation is at 3:00 PM there, today.
    with time_machine.travel(NOW, tick=False):
        interview = schedule(NOW + 8 * H)
    confirm = rendered(reminder_rows(interview, kind=reminders.CONFIRM).get())
    assert "today at 3:00 PM EST" in confirm.body_text
    assert "two days before" not in confirm.body_text
    prep = rendered(reminder_rows(interview, kind=reminders.PREP).get())
    assert prep.subject == "Prepare for your conversation today at 3:00 PM EST"
    assert "tomorrow" not in (prep.subject + prep.body_text).lower()
    assert not reminder_rows(interview, kind=reminders.CONFIRM_AGAIN).exists()


def test_booked_an_hour_ahead_there_is_no_confirmation_and_no_preparation_email():
    with time_machine.travel(NOW, tick=False):
        interview = schedule(NOW + H)
    assert not reminder_rows(interview, kind__in=[reminders.CONFIRM, reminders.PREP]).exists()


def test_reminders_on_time_say_tomorrow_in_the_students_zone():
    with time_machine.travel(NOW, tick=False):
        interview = schedule(NOW + datetime.timedelta(days=10))
    prep = rendered(reminder_rows(interview, kind=reminders.PREP).get())
    assert prep.subject == "Prepare for your conversation tomorrow at 7:00 AM EST"
    again = rendered(reminder_rows(interview, kind=reminders.CONFIRM_AGAIN).get())
    assert again.subject == "A gentle reminder: confirm your conversation tomorrow at 7:00 AM EST"


def test_the_feedback_request_names_the_other_person():
    with time_machine.travel(NOW, tick=False):
        interview = schedule(NOW + datetime.timedelta(days=10))
    mentor_name = interview.mentor.display_name
    to_student = reminder_rows(interview, kind=reminders.FEEDBACK, to_email=interview.student.email)
    assert rendered(to_student.get()).subject == f"How did your conversation with {mentor_name} go?"
    to_mentor = rendered(
        reminder_rows(
            interview, kind=reminders.FEEDBACK, to_email=interview.mentor.user.email
        ).get()
    )
    assert to_mentor.subject == f"How did your conversation with {interview.student} go?"


def test_a_reminder_reaches_the_address_and_zone_the_student_has_when_it_is_sent():
    with time_machine.travel(NOW, tick=False):
        interview = schedule(NOW + datetime.timedelta(days=10))  # 7:00 AM in New York
    student = interview.student
    student.email, student.time_zone = "sam.moved@example.org", "Europe/Paris"
    student.save(update_fields=["email", "time_zone"])
    mail.outbox.clear()

    run_dispatcher_at(interview.starts_at - 24 * H + datetime.timedelta(seconds=30))

    prep = next(m for m in mail.outbox if m.subject.startswith("Prepare"))
    assert prep.to == ["sam.moved@example.org"]
    assert prep.subject == "Prepare for your conversation tomorrow at 1:00 PM CET"
    when = next(line for line in prep.body.splitlines() if line.startswith("When:"))
    assert "1:00 PM CET" in when  # the mentor's own zone follows on a line "For ..."
    row = reminder_rows(interview, kind=reminders.PREP).get()
    assert (row.status, row.to_email, row.subject) == ("sent", prep.to[0], prep.subject)


def test_a_reminder_about_an_interview_deleted_since_is_voided_not_sent():
    with time_machine.travel(NOW, tick=False):
        interview = schedule(NOW + datetime.timedelta(days=10))
    key = interview.subject_key
    Interview.objects.filter(pk=interview.pk).delete()  # staff removed it in admin
    mail.outbox.clear()
    run_dispatcher_at(interview.starts_at - 24 * H + datetime.timedelta(seconds=30))
    assert mail.outbox == []
    assert set(
        Notification.objects.filter(subject_key=key, kind=reminders.PREP).values_list(
            "status", flat=True
        )
    ) == {"void"}
