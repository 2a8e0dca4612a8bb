"""The institution behind the service: in the header and footer, in every email's
signature, on printed letters; and the accessibility statement and privacy page."""

import pytest
from django.urls import reverse
from django.utils import timezone

from mentors.services import mentor_staff_digest_send
from notifications.models import Notification
from tests.factories import InterviewFactory, MentorProfileFactory, StaffUserFactory
from tests.notebook.followup import held_conversation
from tests.outbox import rendered

pytestmark = pytest.mark.django_db

FICTIONAL = {
    "INSTITUTION_NAME": "University of Westbrook",
    "INSTITUTION_SHORT_NAME": "UW",
    "INSTITUTION_LOGO": "img/institution-logo.svg",
    "INSTITUTION_PRIMARY_COLOUR": "#4b2e83",
    "INSTITUTION_CONTACT_EMAIL": "careers@westbrook.example",
    "INSTITUTION_POSTAL_ADDRESS": ["Career Services", "1 College Green", "Westbrook WB1 2CD"],
    "INSTITUTION_ACCESSIBILITY_EMAIL": "access@westbrook.example",
}


@pytest.fixture
def westbrook(settings):
    for name, value in FICTIONAL.items():
        setattr(settings, name, value)


def test_every_page_names_the_institution_and_links_its_statements(client, westbrook):
    page = client.get("/").content.decode()
    assert "University of Westbrook" in page
    assert "/static/img/institution-logo.svg" in page
    assert "background-color: #4b2e83" in page
    assert 'href="mailto:careers@westbrook.example"' in page
    assert f'href="{reverse("accessibility")}"' in page
    assert f'href="{reverse("privacy")}"' in page


def test_the_accessibility_statement_says_the_standard_testing_limits_and_contact(
    client, westbrook
):
    response = client.get("/accessibility/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "WCAG) 2.2 at level AA" in page
    assert "axe-core" in page
    assert "Nu HTML Checker" in page
    assert "Known limitations" in page
    assert 'href="mailto:access@westbrook.example"' in page
    assert "1 College Green" in page
    assert "This statement was prepared on Wednesday, December 2, 2026" in page


def test_the_privacy_page_says_what_is_stored_who_sees_it_and_how_to_leave(client, westbrook):
    response = client.get("/privacy/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "stay hidden until the mentor accepts a request" in page
    assert "notebook is private to the student" in page
    assert "How long we keep it" in page
    assert f'href="{reverse("data_download")}"' in page
    assert f'href="{reverse("account_delete")}"' in page
    assert 'href="mailto:careers@westbrook.example"' in page


def test_emails_are_signed_by_the_institution_in_both_parts(westbrook):
    StaffUserFactory()
    MentorProfileFactory(status="pending")
    mentor_staff_digest_send(now=timezone.now())
    digest = rendered(Notification.objects.get(kind="staff.digest"))
    for body in (digest.body_text, digest.body_html):
        assert "University of Westbrook" in body
        assert "careers@westbrook.example" in body


def test_the_printed_request_letter_gives_the_institution_postal_address(client, westbrook):
    interview = InterviewFactory()
    client.force_login(interview.student)
    page = client.get(f"/interviews/{interview.pk}/letter/").content.decode()
    sender = page[page.index('class="letter-from"') : page.index('class="letter-date"')]
    assert "Career Services" in sender
    assert "Westbrook WB1 2CD" in sender


def test_the_printed_thank_you_letter_gives_the_institution_postal_address(client, westbrook):
    held = held_conversation()
    client.force_login(held.student)
    page = client.get(reverse("notebook:thanks_letter", args=[held.pk])).content.decode()
    sender = page[page.index('class="letter-from"') : page.index('class="letter-date"')]
    assert "1 College Green" in sender
