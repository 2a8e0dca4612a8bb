"""The site and its emails in Spanish: every page a person reaches by following links,
and every email the demo's conversations produce, hold no English but what people typed.

The demo's data (``seed_demo``) is written in English by its people; tests/spanish.py
takes what they typed out before it looks for English words.
"""

import re
from collections import deque
from urllib.parse import urljoin, urlparse

import pytest
from django.conf import settings
from django.core.management import call_command

from notifications.models import Notification
from tests.auth import login_with_second_factor
from tests.outbox import rendered
from tests.spanish import english_in, listing, page_text, typed_values
from users.models import User

pytestmark = pytest.mark.django_db

LINK = re.compile(r'href="([^"#]+)"')
SKIP = ("/accounts/logout", "/static/", "/account/delete", "/admin/logout", "/calendar/")


@pytest.fixture
def demo_in_spanish(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--mentors", "8")
    settings.DEBUG = False  # the demo staff account has two-factor set up already
    User.objects.update(language="es")


def pages(client, limit=150):
    """(path, html) of the pages reachable by links from the home page, each path once."""
    seen, queue = set(), deque(["/"])
    while queue and len(seen) < limit:
        url = queue.popleft()
        path = url.split("?")[0]
        if path in seen or url.startswith(SKIP):
            continue
        seen.add(path)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        yield url, html
        for href in LINK.findall(html):
            target = urljoin(url, href.replace("&amp;", "&"))
            parsed = urlparse(target)
            if not parsed.netloc and parsed.path.startswith("/"):
                queue.append(parsed.path + (f"?{parsed.query}" if parsed.query else ""))


@pytest.mark.parametrize(
    "email", ["student@example.edu", "mentor@example.com", "staff@example.edu", None]
)
def test_every_page_reachable_by_links_reads_in_spanish(client, demo_in_spanish, email):
    if email:
        login_with_second_factor(client, User.objects.get(email=email))
    else:  # a visitor who chose Spanish with the switcher
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    typed = typed_values()
    english, visited = {}, 0
    for url, html in pages(client):
        visited += 1
        assert '<html lang="es"' in html, url
        if found := english_in(page_text(html), typed=typed):
            english[url] = found
    assert visited > 5
    assert english == {}, listing(english)


def test_every_email_of_the_demo_reads_in_spanish(demo_in_spanish):
    typed = typed_values()
    rows = Notification.objects.filter(sensitive=False).exclude(recipient=None)
    kinds, english = set(), {}
    for row in rows:
        email = rendered(row)
        kinds.add(row.kind)
        text = " | ".join([email.subject, email.body_text, page_text(email.body_html)])
        if found := english_in(text, typed=typed):
            english.setdefault(row.kind, found)
    assert len(kinds) > 3, kinds
    assert english == {}, listing(english)


def test_every_kind_of_email_reads_in_spanish_and_goes_out_in_each_readers_language():
    """Each email the conversations, the volunteers' review and the notebook send, queued
    for Spanish readers: none holds English. The same emails to an English reader do."""
    from interviews import notify, reminders
    from interviews.emails import queue
    from mentors.services import mentor_approve, mentor_reject, mentor_staff_digest_send
    from notebook.emails.resume import resume_feedback_queue
    from notebook.emails.thanks import thank_you_queue
    from notifications.services import notification_rendered
    from tests.factories import (
        InterviewFactory,
        MentorProfileFactory,
        StaffUserFactory,
        StudentProfileFactory,
    )

    student = StudentProfileFactory(user__first_name="Lucía", user__language="es").user
    mentor = MentorProfileFactory(user__first_name="Mateo", user__language="es")
    staff = StaffUserFactory(first_name="Inés", language="es")
    interview = InterviewFactory(scheduled=True, student=student, mentor=mentor)

    def another(**kwargs):
        """One open conversation per pair: each other one is with another mentor."""
        other = MentorProfileFactory(user__language="es")
        return InterviewFactory(student=student, mentor=other, **kwargs)

    notify.request_created(interview)
    notify.accepted(interview)
    notify.scheduled(interview, accepted=True)
    notify.details_added(interview)
    notify.confirmed(interview)
    notify.rescheduled(interview, by=mentor.user, reason="Un viaje.")
    reminders.reminders_schedule(interview, now=interview.starts_at - _days(4))
    for kind in (reminders.THANK_YOU, reminders.THANK_YOU_NUDGE, reminders.FEEDBACK):
        queue(interview, kind=kind, to=student, due_at=interview.ends_at, event="t")
    thank_you_queue(interview)
    resume_feedback_queue(interview)
    for change in (notify.cancelled, notify.declined, notify.withdrawn, notify.expired):
        other = another()
        if change is notify.cancelled:
            change(other, by=student, was_scheduled=False)
        else:
            change(other)
    reminders.stale_request_reminder(another())
    notify.no_show(another(scheduled=True, starts_at=interview.starts_at + _days(1)))
    mentor_approve(profile=MentorProfileFactory(status="pending", user__language="es"), by=staff)
    mentor_reject(
        profile=MentorProfileFactory(status="pending", user__language="es"), by=staff, reason=""
    )
    MentorProfileFactory(status="pending")
    mentor_staff_digest_send(now=_now() + _days(1))

    typed = typed_values()
    kinds, english = set(), {}
    for row in Notification.objects.exclude(recipient=None):
        email = notification_rendered(notification=row)
        if email is None:
            continue
        kinds.add(row.kind)
        text = " | ".join([email.subject, email.body_text, page_text(email.body_html)])
        if found := english_in(text, typed=typed):
            english.setdefault(row.kind, found)
    assert len(kinds) >= 20, sorted(kinds)
    assert english == {}, listing(english)

    # The recipient's language, not the sender's: the same email to an English reader.
    mentor.user.language = "en"
    mentor.user.save(update_fields=["language"])
    row = Notification.objects.get(kind="interview.request_new", recipient=mentor.user)
    email = notification_rendered(notification=row)
    assert english_in(email.body_text, typed=typed)


def _now():
    from django.utils import timezone

    return timezone.now()


def _days(n):
    import datetime

    return datetime.timedelta(days=n)


def test_allauth_s_messages_address_people_as_usted_like_the_rest_of_the_site():
    from django.utils import translation

    from users.allauth_wording import ALLAUTH_STRINGS

    informal = re.compile(r"\b(tu|tus|puedes|estás|has|introduce|ves|comprueba|decides)\b", re.I)
    with translation.override("es"):
        for message in ALLAUTH_STRINGS:
            spanish = translation.gettext(message)
            assert spanish != message
            assert not informal.search(spanish), spanish
