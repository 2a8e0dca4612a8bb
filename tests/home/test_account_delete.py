"""Delete my account: wrong passwords are limited per person (allauth's rate limits)."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from tests.factories import PASSWORD, StudentProfileFactory

pytestmark = pytest.mark.django_db
URL = "/account/delete/"


@pytest.fixture(autouse=True)
def rate_limits(settings):
    # The test settings switch allauth's rate limits off; this test is about one of them.
    settings.ACCOUNT_RATE_LIMITS = {"delete_account": "5/15m/user"}
    cache.clear()
    yield
    cache.clear()


def post(client, password: str):
    return client.post(URL, {"password": password})


def test_after_five_wrong_passwords_even_the_right_one_waits_with_a_message_at_the_field(
    client,
):
    student = StudentProfileFactory().user
    client.force_login(student)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            response = post(client, "wrong")
            assert response.status_code == 200
            assert response.context["form"].errors["password"] == [
                "That is not your password. Type it again."
            ]
        response = post(client, PASSWORD)
    assert response.status_code == 200
    [error] = response.context["form"].errors["password"]
    assert "wrong password too many times" in error
    html = response.content.decode()
    assert "wait 15 minutes" in html
    assert 'id="id_password"' in html  # the form is still there, the error next to it
    student.refresh_from_db()
    assert student.is_active

    # Another person is not affected by this one's attempts.
    other = StudentProfileFactory().user
    client.force_login(other)
    with time_machine.travel(start, tick=False):
        assert "That is not your password" in post(client, "wrong").content.decode()

    # Once the window has passed, the right password works.
    client.force_login(student)
    with time_machine.travel(start + datetime.timedelta(minutes=16), tick=False):
        response = post(client, PASSWORD)
    assert response.status_code == 302
    student.refresh_from_db()
    assert not student.is_active


def test_four_wrong_passwords_still_leave_the_right_one_working(client):
    student = StudentProfileFactory().user
    client.force_login(student)
    for _ in range(4):
        post(client, "wrong")
    response = post(client, PASSWORD)
    assert response.status_code == 302
    student.refresh_from_db()
    assert not student.is_active


# Everything a person can have -------------------------------------------------------

FIRST, LAST = "Zephyrine", "Quillfeather"
EMAIL, OTHER_EMAIL = "zq.leaving@example.edu", "zephyrine.q@example.edu"


def _student_with_everything():
    """A student and Career Mentor at once, with a résumé, a networking list of chains of
    referrals, interviews in every state on both sides, emails, feedback and admin history."""
    from allauth.account.models import EmailAddress
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType
    from django.core.files.uploadedfile import SimpleUploadedFile

    from interviews import services as interviews
    from interviews.models import Feedback, Interview
    from notifications.services import RenderedEmail, notification_enqueue
    from students.models import Contact
    from students.services import contact_create, student_resume_replace
    from tests.factories import (
        ContactFactory,
        InterviewFactory,
        MentorProfileFactory,
        StaffUserFactory,
    )
    from tests.interviews.conftest import window
    from tests.students.conftest import PDF_BYTES

    profile = StudentProfileFactory(user__first_name=FIRST, user__last_name=LAST, user__email=EMAIL)
    person = profile.user
    EmailAddress.objects.create(user=person, email=OTHER_EMAIL, verified=True, primary=False)
    student_resume_replace(profile=profile, upload=SimpleUploadedFile("cv.pdf", PDF_BYTES))
    aunt = ContactFactory(student=person, name="Ana Ruiz")
    picked = contact_create(
        student=person, name="Ben Oduya", origin=Contact.Origin.REFERRAL, referred_by=aunt
    )
    contact_create(
        student=person,
        name="Cy Lund",
        origin=Contact.Origin.REFERRAL,
        referred_by=picked,
        referred_by_name="Ben from the lab",
        notes=f"Ben said: tell Cy that {FIRST} sent you.",
    )

    def request(**extra):
        mentor = MentorProfileFactory(monthly_cap=9)
        return interviews.interview_request_create(
            student=person,
            mentor_id=mentor.pk,
            goal=f"I am {FIRST} {LAST}; I hope to learn how the field works.",
            research="Read the annual report.",
            not_a_job_request=True,
            duration_minutes=30,
            formats=["video"],
            windows=[window(3 + len(Interview.objects.all()), 15)],
            referrer_name="Jane Doe",
            **extra,
        )

    request(attach_resume=True)  # stays requested: withdrawn when the account goes
    scheduled = request()
    interviews.interview_accept(
        interview=scheduled,
        by=scheduled.mentor.user,
        format="video",
        meeting_details="https://video.example.com/r/9",
        proposal_id=scheduled.proposals.get().pk,
    )
    declined = request()
    interviews.interview_decline(
        interview=declined, by=declined.mentor.user, reason=f"Sorry {FIRST}, I am travelling."
    )
    withdrawn = request()
    interviews.interview_withdraw(interview=withdrawn, by=person)
    for status in ("completed", "expired", "cancelled", "no_show"):
        done = InterviewFactory(student=person, status=status, cancel_reason=f"Bye {FIRST}")
    Feedback.objects.create(interview=done, author=done.mentor.user, rating=3, comment=FIRST)

    # The same person volunteers as a Career Mentor; another student asks them.
    as_mentor = MentorProfileFactory(user=person, monthly_cap=5)
    asked_them = InterviewFactory(
        mentor=as_mentor, decline_reason=f"{FIRST} {LAST} cannot this month"
    )
    _notebooks(person, student_side=scheduled, mentor_side=asked_them)
    notification_enqueue(
        to_email=OTHER_EMAIL,
        kind="account.email_confirmation",
        email=RenderedEmail(subject="Confirm", body_text=f"Dear {FIRST}, confirm {OTHER_EMAIL}"),
        dedupe_key="confirm-other",
        recipient_id=person.pk,
        subject_key=f"user:{person.pk}",
    )
    LogEntry.objects.create(
        user=StaffUserFactory(),
        content_type=ContentType.objects.get_for_model(person),
        object_id=str(person.pk),
        object_repr=str(person),
        action_flag=CHANGE,
        change_message=f'[{{"added": {{"name": "email address", "object": "{OTHER_EMAIL}"}}}}]',
    )
    return person, scheduled


def _notebooks(person, *, student_side, mentor_side):
    """The person's notebook for their own conversation, with every part in it; and
    another student's notebook for a conversation with the person as mentor, which names
    them (the student's notebook stays, without the name)."""
    from notebook.models import ConversationNote, Referral, ResumeFeedback, ThankYouLetter
    from notebook.services._common import notebook_ensure
    from notebook.services.prep import my_question_add, notebook_research_update
    from students.services import contact_create

    notebook = notebook_ensure(student_side)
    notebook_research_update(
        interview=student_side,
        research_field=f"{FIRST}'s notes on the field",
        research_organization="Two offices.",
        research_person=f"Reach me at {EMAIL}",
    )
    my_question_add(interview=student_side, text=f"As {FIRST} {LAST}, what should I read?")
    ConversationNote.objects.create(notebook=notebook, text=f"Advice for {FIRST}: read more.")
    Referral.objects.create(
        notebook=notebook,
        name="Dana Wells",
        how_to_reach=f"Say {FIRST} {LAST} sent you",
        contact=contact_create(student=person, name="Dana Wells", notes=f"via {LAST}"),
    )
    ThankYouLetter.objects.create(
        notebook=notebook, subject=f"Thank you from {FIRST}", body=f"Best, {FIRST} {LAST}"
    )
    ResumeFeedback.objects.create(interview=student_side, text=f"{FIRST}, lead with results.")

    theirs = notebook_ensure(mentor_side)
    ThankYouLetter.objects.create(
        notebook=theirs, subject="Thank you", body=f"Dear {FIRST} {LAST}, thank you."
    )
    my_question_add(interview=mentor_side, text=f"{FIRST}, how did you start?")
    ResumeFeedback.objects.create(interview=mentor_side, text=f"From {FIRST}: shorten it.")


def test_a_person_with_everything_can_delete_their_account_and_no_trace_is_left(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    from interviews.models import CalendarFeed
    from interviews.services import calendar_feed_new_address
    from notifications.models import Notification
    from students.storage import private_storage
    from tests.db_text import database_mentions

    person, scheduled = _student_with_everything()
    feed_path = f"/calendar/{calendar_feed_new_address(user=person)}.ics"
    assert client.get(feed_path).status_code == 200
    words = [FIRST, LAST, EMAIL, OTHER_EMAIL]
    assert {w for _t, _c, w in database_mentions(words)} == set(words)  # the search finds them
    resume = person.student_profile.resume.name
    client.force_login(person)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"password": PASSWORD})

    assert response.status_code == 302
    assert database_mentions(words) == []
    assert not CalendarFeed.objects.filter(user=person).exists()
    assert client.get(feed_path).status_code == 404
    sent = [
        " ".join([m.subject, m.body, *m.to, *(str(a[0]) for a in m.alternatives)])
        + " ".join(str(a[1]) for a in m.attachments)
        for m in mailoutbox
    ]
    assert sent  # the other side is told...
    assert not [w for w in words for m in sent if w.lower() in m.lower()]  # ...namelessly
    assert not private_storage.exists(resume)
    # Their own notebook is gone; the other student's stays, without the person's name.
    from notebook.models import MyQuestion, Notebook, ThankYouLetter

    assert not Notebook.objects.filter(interview=scheduled).exists()
    [kept] = ThankYouLetter.objects.all()
    assert kept.body == "Dear [name removed], thank you."
    assert MyQuestion.objects.get().text == "[name removed], how did you start?"
    person.refresh_from_db()
    assert not person.is_active
    # The mentor of the scheduled conversation is still told it is cancelled, and the
    # calendar invite still cancels the event, without the student's name: the email is
    # rendered when sent, from the anonymised account.
    notice = Notification.objects.get(
        kind="interview.cancelled", to_email=scheduled.mentor.user.email
    )
    assert notice.status in (Notification.Status.PENDING, Notification.Status.SENT)
    assert "a former student cancelled the conversation." in notice.body_text
    assert scheduled.mentor.user.first_name in notice.body_text
    assert all(
        "METHOD:CANCEL" in a["content"] for a in notice.attachments if "calendar" in a["mimetype"]
    )
