"""The request form, its preview, the letter, and one open request per mentor."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from interviews.models import Interview, TimeProposal
from mentors.models import MentorProfile
from students.services import student_resume_replace
from tests.factories import InterviewFactory, MentorProfileFactory, StudentProfileFactory

from .conftest import NEW_YORK, _bad, errors_of, local_day, new_york_student, request_post

pytestmark = pytest.mark.django_db

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def test_a_student_without_a_complete_profile_is_told_and_linked_to_it(client, mentor):
    profile = StudentProfileFactory(completed_at=None)
    client.force_login(profile.user)
    page = client.get(f"/interviews/request/{mentor.pk}/")
    assert page.status_code == 200
    assert b"Complete your profile first" in page.content
    assert b'href="/students/profile/?next=' in page.content


def test_a_mentor_cannot_send_requests(client, mentor):
    other = MentorProfileFactory()
    client.force_login(other.user)
    page = client.get(f"/interviews/request/{mentor.pk}/")
    assert page.status_code == 403
    assert b"Only students can ask for conversations" in page.content


def test_an_unlisted_mentor_has_no_request_page(client):
    pending = MentorProfileFactory(status="pending")
    client.force_login(new_york_student())
    assert client.get(f"/interviews/request/{pending.pk}/").status_code == 404


def test_the_form_offers_only_the_mentors_formats_and_labelled_time_inputs(client):
    mentor = MentorProfileFactory(meeting_formats=["phone"])
    client.force_login(new_york_student())
    page = client.get(f"/interviews/request/{mentor.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'value="phone"' in html
    assert 'value="video"' not in html
    for i in (1, 2, 3):
        for name, kind in (("date", "date"), ("from", "time"), ("to", "time")):
            field_id = f"id_window_{i}_{name}"
            assert f'type="{kind}"' in html
            assert re.search(rf'<label\s+for="{field_id}"', html), field_id
    assert "Attach my résumé" not in html


def test_the_preview_shows_the_message_and_the_letter_and_keeps_everything(client, mentor):
    student = new_york_student()
    client.force_login(student)
    url = f"/interviews/request/{mentor.pk}/"

    preview = client.post(url, request_post())

    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Jane Doe suggested I contact you." in html
    assert html.index("Jane Doe suggested I contact you.") < html.index("What I hope to learn")
    assert 'class="letter"' in html
    assert "data-print" in html and "js/print.js" in html  # the print button and its script
    assert "css/print.css" in html
    assert f"Dear {mentor.display_name}," in html
    assert "Sincerely," in html
    start = datetime.datetime.combine(local_day(3), datetime.time(14, 0), NEW_YORK)
    assert f"{start:%B} {start.day}, {start.year}, 2:00 PM {start.tzname()}" in html
    assert Interview.objects.count() == 0
    # Everything typed rides along in hidden fields, for "Send" and for "Change something".
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))
    assert hidden["referrer_name"] == "Jane Doe"
    assert hidden["window_1_from"] == "14:00"
    assert hidden["duration_minutes"] == "45"

    back = client.post(url, {**hidden, "formats": ["video"], "edit": "1"})
    assert back.status_code == 200
    assert back.context["form"]["referrer_name"].value() == "Jane Doe"
    assert b"Preview your message" in back.content


def test_sending_creates_the_request_with_times_read_in_the_students_zone(client, mentor):
    student = new_york_student()
    client.force_login(student)

    response = client.post(
        f"/interviews/request/{mentor.pk}/", request_post(preview=None, send="1")
    )

    interview = Interview.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/interviews/{interview.pk}/"
    assert interview.referrer_name == "Jane Doe"
    assert interview.duration_minutes == 45
    first = interview.proposals.order_by("starts_at").first()
    expected = datetime.datetime.combine(local_day(3), datetime.time(14, 0), NEW_YORK)
    assert first.starts_at == expected
    assert first.proposed_by == TimeProposal.By.STUDENT


def test_at_the_mentors_convenience_needs_no_windows(client, mentor):
    client.force_login(new_york_student())
    post = request_post(
        window_1_date="",
        window_1_from="",
        window_1_to="",
        window_2_date="",
        window_2_from="",
        window_2_to="",
        at_mentor_convenience="on",
        preview=None,
        send="1",
    )
    response = client.post(f"/interviews/request/{mentor.pk}/", post)
    assert response.status_code == 302
    assert Interview.objects.get().at_mentor_convenience


def test_no_time_and_no_convenience_is_explained(client, mentor):
    client.force_login(new_york_student())
    post = request_post(window_1_date="", window_1_from="", window_1_to="")
    post.update(window_2_date="", window_2_from="", window_2_to="")
    page = client.post(f"/interviews/request/{mentor.pk}/", post)
    assert "leave it to the mentor's convenience" in " ".join(
        errors_of(page, "at_mentor_convenience")
    )


def test_a_window_in_the_past_is_refused_next_to_its_date(client, mentor):
    client.force_login(new_york_student())
    message, page = _bad(client, mentor, "window_1_date", window_1_date=local_day(-2).isoformat())
    assert "future" in message
    assert page.context["form"]["window_1_date"].value() == local_day(-2).isoformat()


def test_an_end_before_the_start_is_refused_next_to_the_end(client, mentor):
    client.force_login(new_york_student())
    message, page = _bad(client, mentor, "window_1_to", window_1_to="13:00")
    assert "end after it starts" in message
    assert page.context["form"]["window_1_to"].value() == "13:00"


def test_a_window_shorter_than_the_conversation_is_refused(client, mentor):
    client.force_login(new_york_student())
    message, _page = _bad(client, mentor, "window_2_to", window_2_to="09:30")
    assert "45 minutes" in message


def test_overlapping_windows_are_refused_next_to_the_later_one(client, mentor):
    client.force_login(new_york_student())
    message, _page = _bad(
        client,
        mentor,
        "window_2_from",
        window_2_date=local_day(3).isoformat(),
        window_2_from="15:00",
        window_2_to="17:00",
    )
    assert "overlaps" in message


def test_a_half_filled_window_asks_for_the_rest(client, mentor):
    client.force_login(new_york_student())
    message, _page = _bad(client, mentor, "window_3_to", window_3_date=local_day(5).isoformat(),
                          window_3_from="10:00")  # fmt: skip
    assert "start and the end" in message


def test_a_forged_two_hour_length_is_a_field_error(client, mentor):
    client.force_login(new_york_student())
    message, _page = _bad(client, mentor, "duration_minutes", duration_minutes="120")
    assert "30, 45 or 60 minutes" in message


def test_a_forged_fourth_window_is_refused(client, mentor):
    client.force_login(new_york_student())
    message, _page = _bad(
        client,
        mentor,
        "window_1_date",
        window_3_date=local_day(5).isoformat(),
        window_3_from="10:00",
        window_3_to="12:00",
        window_4_date=local_day(6).isoformat(),
        window_4_from="10:00",
        window_4_to="12:00",
    )
    assert "at most three" in message


def test_a_format_the_mentor_does_not_offer_is_refused(client):
    mentor = MentorProfileFactory(meeting_formats=["phone"])
    client.force_login(new_york_student())
    message, _page = _bad(client, mentor, "formats", formats=["in_person"])
    assert "valid choice" in message


def test_the_confirmation_is_required(client, mentor):
    client.force_login(new_york_student())
    message, _page = _bad(client, mentor, "not_a_job_request", not_a_job_request=None)
    assert "not for a job" in message


def test_a_time_the_clocks_skip_is_explained(client, mentor):
    client.force_login(new_york_student())
    # 2:30 AM on the second Sunday of March does not exist in New York.
    year = timezone.now().year + 1
    march = datetime.date(year, 3, 8)
    sunday = march + datetime.timedelta(days=(6 - march.weekday()) % 7)
    message, _page = _bad(
        client,
        mentor,
        "window_1_from",
        window_1_date=sunday.isoformat(),
        window_1_from="02:30",
        window_1_to="04:00",
        duration_minutes="30",
    )
    assert "does not exist" in message


def _send(client, mentor):
    return client.post(f"/interviews/request/{mentor.pk}/", request_post(preview=None, send="1"))


def test_a_request_to_oneself_gets_a_clear_message(client):
    profile = StudentProfileFactory(user__time_zone="America/New_York")
    own = MentorProfileFactory(user=profile.user)
    client.force_login(profile.user)
    page = _send(client, own)
    assert page.status_code == 200
    assert "cannot ask yourself" in " ".join(page.context["form"].non_field_errors())
    assert page.context["form"]["goal"].value() == request_post()["goal"]


def test_a_request_to_a_mentor_paused_meanwhile_keeps_the_text_and_names_nobody(client, mentor):
    client.force_login(new_york_student())
    client.get(f"/interviews/request/{mentor.pk}/")
    MentorProfile.objects.filter(pk=mentor.pk).update(
        status="paused", paused_until=timezone.localdate() + datetime.timedelta(days=30)
    )
    for step in ({"preview": "1"}, {"preview": None, "send": "1"}):
        page = client.post(f"/interviews/request/{mentor.pk}/", request_post(**step))
        assert page.status_code == 404
        html = page.content.decode()
        assert "not taking requests at the moment" in html
        assert request_post()["goal"] in html
        assert mentor.display_name not in html
    assert Interview.objects.count() == 0
    # A fresh visit to a paused mentor's request page finds nothing.
    assert client.get(f"/interviews/request/{mentor.pk}/").status_code == 404


def _unlisted(case: str) -> MentorProfile:
    if case == "unconfirmed email":
        return MentorProfileFactory(user__email_verified=False)
    if case == "disabled account":
        return MentorProfileFactory(user__is_active=False)
    if case == "paused":
        return MentorProfileFactory(
            status="paused", paused_until=timezone.localdate() + datetime.timedelta(days=9)
        )
    return MentorProfileFactory(status=case)


@pytest.mark.parametrize(
    "case",
    ["pending", "rejected", "retired", "paused", "unconfirmed email", "disabled account"],
)
def test_the_request_form_of_an_unlisted_mentor_is_not_found_and_names_nobody(client, case):
    mentor = _unlisted(case)
    client.force_login(new_york_student())
    # The profile page and the request form agree.
    assert client.get(f"/mentors/{mentor.pk}/").status_code == 404
    assert client.get(f"/interviews/request/{mentor.pk}/").status_code == 404
    for step in ({"preview": "1"}, {"preview": None, "send": "1"}, {"edit": "1"}):
        page = client.post(f"/interviews/request/{mentor.pk}/", request_post(**step))
        assert page.status_code == 404
        assert mentor.display_name not in page.content.decode()
    assert Interview.objects.count() == 0


def test_a_request_over_the_mentors_cap_gets_a_clear_message(client):
    mentor = MentorProfileFactory(monthly_cap=1)
    from mentors.services import mentor_load_add

    mentor_load_add(mentor=mentor.pk, month_of=timezone.now(), delta=1)
    client.force_login(new_york_student())
    page = _send(client, mentor)
    assert page.status_code == 200
    assert "reached the number of conversations" in " ".join(
        page.context["form"].non_field_errors()
    )
    assert page.context["form"]["research"].value() == request_post()["research"]


def test_a_fourth_open_request_is_refused_with_a_message(client, settings):
    settings.MAX_PENDING_REQUESTS = 1
    student = new_york_student()
    InterviewFactory(student=student)
    client.force_login(student)
    page = _send(client, MentorProfileFactory())
    assert "requests waiting for an answer" in " ".join(page.context["form"].non_field_errors())


def test_a_student_with_a_resume_can_attach_it(client, mentor):
    profile = StudentProfileFactory(user__time_zone="America/New_York")
    student_resume_replace(
        profile=profile, upload=SimpleUploadedFile("cv.pdf", PDF_BYTES, "application/pdf")
    )
    client.force_login(profile.user)
    assert "Attach my résumé" in client.get(f"/interviews/request/{mentor.pk}/").content.decode()
    _send_with = request_post(preview=None, send="1", attach_resume="on")
    client.post(f"/interviews/request/{mentor.pk}/", _send_with)
    interview = Interview.objects.get()
    assert interview.resume_attached

    client.force_login(mentor.user)
    download = client.get(f"/interviews/{interview.pk}/resume/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"


def test_a_resume_not_attached_cannot_be_downloaded_by_the_mentor(client):
    interview = InterviewFactory(resume_attached=False)
    client.force_login(interview.mentor.user)
    assert client.get(f"/interviews/{interview.pk}/resume/").status_code == 404


def test_the_letter_page_prints_the_request(client):
    interview = InterviewFactory(referrer_name="Jane Doe")
    client.force_login(interview.student)
    page = client.get(f"/interviews/{interview.pk}/letter/").content.decode()
    assert "Jane Doe suggested I contact you." in page
    assert "css/print.css" in page
    assert "Sincerely," in page


def test_the_letter_is_in_the_mentors_language_and_the_page_around_it_in_the_students(client):
    student = StudentProfileFactory(user__language="es").user
    interview = InterviewFactory(student=student, mentor__user__language="en")
    client.force_login(interview.student)
    page = client.get(f"/interviews/{interview.pk}/letter/").content.decode()
    assert '<html lang="es">' in page
    assert "Su solicitud como carta" in page
    assert "lee Career Center en inglés" in page
    letter = page[page.index('<article class="letter"') :]
    assert '<div lang="en">' in letter
    assert "Sincerely," in letter
    assert "Atentamente" not in letter

    # The mentor reads it in their language, without a note about it.
    client.force_login(interview.mentor.user)
    page = client.get(f"/interviews/{interview.pk}/letter/").content.decode()
    assert '<html lang="en">' in page
    assert "Sincerely," in page
    assert "reads Career Center in" not in page


def test_the_request_form_is_replaced_by_a_link_to_the_open_request(client):
    interview = InterviewFactory()
    client.force_login(interview.student)
    page = client.get(f"/interviews/request/{interview.mentor.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f"You already asked {interview.mentor.display_name}" in html
    assert f'href="/interviews/{interview.pk}/"' in html
    assert "request-form" not in html
    # A preview posted from a tab opened earlier gets the same answer, and nothing is sent.
    page = client.post(f"/interviews/request/{interview.mentor.pk}/", request_post(send="1"))
    assert "request-form" not in page.content.decode()
    assert Interview.objects.count() == 1


def test_the_request_button_include_shows_the_open_request_or_the_button():
    from django.template.loader import render_to_string

    interview = InterviewFactory(scheduled=True)
    mentor = interview.mentor
    context = {"mentor": mentor, "request_url": f"/interviews/request/{mentor.pk}/"}
    html = render_to_string(
        "interviews/includes/request_button.html", {**context, "user": interview.student}
    )
    assert f"You have a conversation scheduled with {mentor.display_name}" in html
    assert f'href="/interviews/{interview.pk}/"' in html
    assert "Request a conversation" not in html
    other = StudentProfileFactory().user
    html = render_to_string("interviews/includes/request_button.html", {**context, "user": other})
    assert "Request a conversation" in html
    assert f"/interviews/{interview.pk}/" not in html


def _request_email_of(html: str) -> str:
    start = html.index('<div class="request-email">')
    return html[start : html.index("</div>", start) + len("</div>")]


def test_the_mentor_receives_the_request_the_student_previewed(client):
    from interviews.notify import html_to_text
    from notifications.models import Notification
    from tests.outbox import rendered

    mentor = MentorProfileFactory(user__time_zone="America/New_York")
    profile = StudentProfileFactory(
        user__time_zone="America/New_York", class_year=2027, majors="Economics"
    )
    client.force_login(profile.user)
    preview = client.post(f"/interviews/request/{mentor.pk}/", request_post())
    previewed = html_to_text(_request_email_of(preview.content.decode()))
    assert "a student of the class of 2027 majoring in Economics" in previewed
    assert "Jane Doe suggested I contact you." in previewed
    _send(client, mentor)
    email = rendered(Notification.objects.get(kind="interview.request_new"))
    # Word for word what the student read, first person, class year and major included.
    assert previewed in email.body_text
    assert previewed == html_to_text(_request_email_of(email.body_html))
    assert "What they hope to learn" not in email.body_text
