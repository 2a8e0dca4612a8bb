"""The interview pages as a person uses them: the guided request, the mentor's inbox, the
list, one interview with its actions, the invite and the résumé download."""

import datetime
import re
import zoneinfo

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from interviews.models import Interview, TimeProposal
from interviews.services import interview_accept
from mentors.models import MentorProfile
from students.services import student_resume_replace
from students.storage import private_storage
from tests.factories import (
    InterviewFactory,
    MentorProfileFactory,
    StudentProfileFactory,
    TimeProposalFactory,
)

from .conftest import at, window

pytestmark = pytest.mark.django_db
Status = Interview.Status
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
DENVER = zoneinfo.ZoneInfo("America/Denver")

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture(autouse=True)
def private_media(tmp_path, monkeypatch):
    root = tmp_path / "private"
    monkeypatch.setitem(private_storage.__dict__, "base_location", str(root))
    monkeypatch.setitem(private_storage.__dict__, "location", str(root))
    return root


def local_day(days: int) -> datetime.date:
    return (timezone.now().astimezone(NEW_YORK) + datetime.timedelta(days=days)).date()


def request_post(**overrides) -> dict:
    """A complete request as the form posts it; the student is in New York."""
    data = {
        "goal": "What does a week in product management look like?",
        "research": "I read the team's engineering blog and your alumni talk.",
        "referrer_name": "Jane Doe",
        "referrer_relation": "we worked together at Acme",
        "not_a_job_request": "on",
        "duration_minutes": "45",
        "formats": ["video"],
        "window_1_date": local_day(3).isoformat(),
        "window_1_from": "14:00",
        "window_1_to": "16:00",
        "window_2_date": local_day(4).isoformat(),
        "window_2_from": "09:00",
        "window_2_to": "10:00",
        "window_3_date": "",
        "window_3_from": "",
        "window_3_to": "",
        "preview": "1",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def new_york_student():
    profile = StudentProfileFactory(user__time_zone="America/New_York")
    return profile.user


def errors_of(response, field: str) -> list[str]:
    return list(response.context["form"].errors.get(field, []))


def title_of(html: str) -> str:
    found = re.search(r"<title>(.*?)</title>", html, re.S)
    assert found, "no <title>"
    return " ".join(found[1].split())


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# URLs ---------------------------------------------------------------------------------


def test_urls_are_the_stable_ones():
    assert reverse("interviews:list") == "/interviews/"
    assert reverse("interviews:detail", args=[7]) == "/interviews/7/"
    assert reverse("interviews:ics", args=[7]) == "/interviews/7/invite.ics"
    assert reverse("interviews:request_create", args=[3]) == "/interviews/request/3/"
    assert reverse("mentor_dashboard") == "/mentors/dashboard/"


def test_the_mentor_navigation_links_to_the_dashboard(client, mentor):
    client.force_login(mentor.user)
    page = client.get("/")
    assert any(link["url"] == "/mentors/dashboard/" for link in page.context["nav_links"])


def _every_url(interview: Interview) -> list[tuple[str, str]]:
    pk = interview.pk
    urls = [
        ("get", f"/interviews/{pk}/"),
        ("get", f"/interviews/{pk}/letter/"),
        ("get", f"/interviews/{pk}/invite.ics"),
        ("get", f"/interviews/{pk}/resume/"),
    ]
    actions = [
        "accept",
        "decline",
        "choose_time",
        "confirm",
        "update_details",
        "reschedule",
        "withdraw",
        "cancel",
        "no_show",
    ]
    return urls + [("post", f"/interviews/{pk}/{action}/") for action in actions]


def test_logged_out_visitors_are_sent_to_log_in(client):
    interview = InterviewFactory(scheduled=True)
    for method, url in [
        *_every_url(interview),
        ("get", "/interviews/"),
        ("get", "/mentors/dashboard/"),
        ("get", f"/interviews/request/{interview.mentor_id}/"),
    ]:
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url


def test_a_student_or_mentor_who_is_not_a_party_gets_404_everywhere(client):
    interview = InterviewFactory(scheduled=True, resume_attached=True)
    outsiders = [StudentProfileFactory().user, MentorProfileFactory().user]
    for outsider in outsiders:
        client.force_login(outsider)
        for method, url in _every_url(interview):
            response = getattr(client, method)(url, {"reason": "x"} if method == "post" else None)
            assert response.status_code == 404, (outsider.role, url)
    interview.refresh_from_db()
    assert interview.status == Status.SCHEDULED


def test_an_unknown_action_is_404(client):
    interview = InterviewFactory()
    client.force_login(interview.student)
    assert client.post(f"/interviews/{interview.pk}/explode/").status_code == 404


def test_an_action_address_opened_with_get_goes_to_the_interview(client):
    interview = InterviewFactory()
    client.force_login(interview.student)
    for action in ("withdraw", "reschedule", "accept"):
        response = client.get(f"/interviews/{interview.pk}/{action}/")
        assert response.status_code == 302
        assert response["Location"] == f"/interviews/{interview.pk}/"
    interview.refresh_from_db()
    assert interview.status == Status.REQUESTED
    assert client.put(f"/interviews/{interview.pk}/withdraw/").status_code == 405
    client.force_login(StudentProfileFactory().user)
    assert client.get(f"/interviews/{interview.pk}/withdraw/").status_code == 404


# The request form ---------------------------------------------------------------------


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


def _bad(client, mentor, field: str, **overrides):
    page = client.post(f"/interviews/request/{mentor.pk}/", request_post(**overrides))
    assert page.status_code == 200
    assert Interview.objects.count() == 0
    errors = errors_of(page, field)
    assert errors, page.context["form"].errors
    # Nothing typed is lost.
    assert page.context["form"]["goal"].value() == request_post()["goal"]
    assert page.context["form"]["referrer_name"].value() == "Jane Doe"
    return " ".join(errors), page


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


# The mentor's dashboard ---------------------------------------------------------------


def _requests_for(mentor, count: int) -> None:
    for n in range(count):
        interview = InterviewFactory(mentor=mentor, resume_attached=n % 2 == 0)
        TimeProposalFactory(interview=interview, starts_at=at(3 + n % 5, 15))


def _dashboard_queries(client, django_assert_max_num_queries, mentor, count) -> str:
    _requests_for(mentor, count)
    client.force_login(mentor.user)
    # session, user, mentor profile, interviews, proposals, fields of interest, suggestions
    with django_assert_max_num_queries(8):
        page = client.get("/mentors/dashboard/")
    assert page.status_code == 200
    return page.content.decode()


def test_dashboard_queries_are_pinned_with_3_requests(client, django_assert_max_num_queries):
    mentor = MentorProfileFactory(monthly_cap=5)
    html = _dashboard_queries(client, django_assert_max_num_queries, mentor, 3)
    assert html.count("asks for a conversation") == 3


def test_dashboard_queries_are_pinned_with_30_requests(client, django_assert_max_num_queries):
    mentor = MentorProfileFactory(monthly_cap=5)
    html = _dashboard_queries(client, django_assert_max_num_queries, mentor, 30)
    assert html.count("asks for a conversation") == 30


def test_dashboard_shows_the_student_summary_and_the_answer_forms(client, mentor):
    MentorProfileFactory(display_name="x")  # a colleague in the same field
    interview = InterviewFactory(mentor=mentor, resume_attached=True)
    TimeProposalFactory(interview=interview, starts_at=at(3, 15))
    client.force_login(mentor.user)
    html = client.get("/mentors/dashboard/").content.decode()
    assert "Economics" in html
    assert "Learn what the work is like day to day." in html
    assert f"/interviews/{interview.pk}/resume/" in html
    assert "My schedule is full this month" in html
    assert "This is outside my area — another mentor would help you more." in html
    assert f'name="accept-{interview.pk}-proposal"' in html
    assert f'name="decline-{interview.pk}-suggested_mentor"' in html


def test_a_non_mentor_has_no_dashboard(client):
    client.force_login(new_york_student())
    assert client.get("/mentors/dashboard/").status_code == 404


# Accepting and declining --------------------------------------------------------------


def _requested(mentor_zone="America/New_York"):
    mentor = MentorProfileFactory(monthly_cap=5, user__time_zone=mentor_zone)
    interview = InterviewFactory(mentor=mentor, student=new_york_student())
    proposal = TimeProposalFactory(interview=interview, starts_at=at(3, 15))
    return interview, proposal


def _accept_post(interview, chosen, **overrides):
    p = f"accept-{interview.pk}-"
    data = {
        p + "proposal": str(chosen.pk),
        p + "start_time": "",
        p + "format": "video",
        p + "meeting_details": "https://video.example.com/room/7",
    }
    data.update({p + k: v for k, v in overrides.items()})
    return data


def test_the_mentor_accepts_one_time_and_both_see_it_scheduled(client):
    interview, proposal = _requested()
    client.force_login(interview.mentor.user)
    response = client.post(
        f"/interviews/{interview.pk}/accept/",
        {**_accept_post(interview, proposal), "next": "/mentors/dashboard/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/mentors/dashboard/"
    interview.refresh_from_db()
    assert interview.status == Status.SCHEDULED
    assert interview.starts_at == proposal.starts_at

    client.force_login(interview.student)
    page = client.get(f"/interviews/{interview.pk}/").content.decode()
    assert "Scheduled" in page
    assert interview.mentor.user.email in page
    ics = client.get(f"/interviews/{interview.pk}/invite.ics")
    assert ics.status_code == 200
    assert ics["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(ics.content)
    # A download invites no reply: it is published, never a REQUEST (RFC 5546).
    assert calendar["METHOD"] == "PUBLISH"
    assert "method=PUBLISH" in ics["Content-Type"]
    assert b"ATTENDEE" not in ics.content


def test_the_mentor_picks_a_start_time_inside_the_window(client):
    interview, proposal = _requested()
    client.force_login(interview.mentor.user)
    local = proposal.starts_at.astimezone(NEW_YORK) + datetime.timedelta(minutes=45)
    client.post(
        f"/interviews/{interview.pk}/accept/",
        _accept_post(interview, proposal, start_time=local.strftime("%H:%M")),
    )
    interview.refresh_from_db()
    assert interview.starts_at == proposal.starts_at + datetime.timedelta(minutes=45)


def test_a_start_outside_the_window_is_a_field_error(client):
    interview, proposal = _requested()
    client.force_login(interview.mentor.user)
    local = proposal.ends_at.astimezone(NEW_YORK) - datetime.timedelta(minutes=10)
    page = client.post(
        f"/interviews/{interview.pk}/accept/",
        _accept_post(interview, proposal, start_time=local.strftime("%H:%M")),
    )
    assert page.status_code == 400
    [action] = [a for a in page.context["actions"] if a["name"] == "accept"]
    assert "inside the proposed window" in " ".join(action["form"].errors["start_time"])


def test_missing_meeting_details_are_asked_for_next_to_the_field(client):
    interview, proposal = _requested()
    client.force_login(interview.mentor.user)
    page = client.post(
        f"/interviews/{interview.pk}/accept/",
        _accept_post(interview, proposal, meeting_details=""),
    )
    assert page.status_code == 400
    [action] = [a for a in page.context["actions"] if a["name"] == "accept"]
    assert "video link" in " ".join(action["form"].errors["meeting_details"])
    interview.refresh_from_db()
    assert interview.status == Status.REQUESTED


def test_the_mentor_proposes_other_times_and_the_student_chooses_one(client):
    interview, _proposal = _requested()
    client.force_login(interview.mentor.user)
    day = local_day(6).isoformat()
    client.post(
        f"/interviews/{interview.pk}/accept/",
        _accept_post(
            interview,
            _proposal,
            proposal="",
            window_1_date=day,
            window_1_from="10:00",
            window_1_to="11:00",
        ),
    )
    interview.refresh_from_db()
    assert interview.status == Status.ACCEPTED
    mentor_time = interview.proposals.get(proposed_by="mentor", withdrawn=False)

    client.force_login(interview.student)
    page = client.get(f"/interviews/{interview.pk}/").content.decode()
    start = mentor_time.starts_at.astimezone(NEW_YORK)
    label = f"{start:%A, %B} {start.day}, {start.year}, 10:00 AM {start.tzname()}"
    assert label in page
    response = client.post(
        f"/interviews/{interview.pk}/choose_time/",
        {f"choose-{interview.pk}-proposal": str(mentor_time.pk)},
    )
    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.status == Status.SCHEDULED


def test_decline_with_a_kind_template_and_a_suggestion(client):
    interview, _proposal = _requested()
    colleague = MentorProfileFactory()
    client.force_login(interview.mentor.user)
    p = f"decline-{interview.pk}-"
    response = client.post(
        f"/interviews/{interview.pk}/decline/",
        {p + "reason_choice": "outside", p + "own_words": "", p + "suggested_mentor": colleague.pk},
    )
    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.status == Status.DECLINED
    assert "outside my area" in interview.decline_reason
    assert interview.suggested_mentor == colleague


def test_decline_in_own_words_needs_words(client):
    interview, _proposal = _requested()
    client.force_login(interview.mentor.user)
    p = f"decline-{interview.pk}-"
    page = client.post(
        f"/interviews/{interview.pk}/decline/", {p + "reason_choice": "own", p + "own_words": ""}
    )
    assert page.status_code == 400
    interview.refresh_from_db()
    assert interview.status == Status.REQUESTED


# Stale actions and lost races ---------------------------------------------------------


def test_a_double_click_is_a_message_not_an_error(client):
    interview, proposal = _requested()
    client.force_login(interview.mentor.user)
    url = f"/interviews/{interview.pk}/accept/"
    client.post(url, _accept_post(interview, proposal))
    second = client.post(url, _accept_post(interview, proposal))
    assert second.status_code == 302
    assert second["Location"] == f"/interviews/{interview.pk}/"
    assert any("no longer" in m for m in messages_of(second))


def test_a_second_tab_withdrawing_an_accepted_then_scheduled_request_gets_a_message(client):
    interview = InterviewFactory(scheduled=True)
    client.force_login(interview.student)
    response = client.post(f"/interviews/{interview.pk}/withdraw/", {})
    assert response.status_code == 302
    assert any("can no longer be withdrawn" in m for m in messages_of(response))


def test_a_time_just_taken_is_a_409_page(client):
    interview, proposal = _requested()
    InterviewFactory(
        mentor=interview.mentor,
        scheduled=True,
        starts_at=proposal.starts_at,
        ends_at=proposal.starts_at + datetime.timedelta(minutes=30),
    )
    client.force_login(interview.mentor.user)
    page = client.post(f"/interviews/{interview.pk}/accept/", _accept_post(interview, proposal))
    assert page.status_code == 409
    html = page.content.decode()
    # The mentor's own calendar: say so, and with whom, not that someone was quicker.
    assert "That time overlaps another of your conversations" in html
    assert "You already have a conversation with" in html
    assert "just taken" not in html
    assert f'href="/interviews/{interview.pk}/"' in html


def test_a_mentors_time_that_was_never_free_is_explained_to_the_student(client):
    interview, _proposal = _requested()
    mentor = interview.mentor
    # A window proposed before proposals were checked against the mentor's calendar.
    mentor_time = TimeProposalFactory(interview=interview, proposed_by="mentor",
                                      starts_at=at(6, 15))  # fmt: skip
    Interview.objects.filter(pk=interview.pk).update(
        status=Status.ACCEPTED, format="video", meeting_details="https://video.example.com/1"
    )
    InterviewFactory(mentor=mentor, scheduled=True, starts_at=at(6, 15))
    TimeProposal.objects.filter(pk=mentor_time.pk).update(
        created_at=timezone.now() + datetime.timedelta(minutes=1)
    )
    client.force_login(interview.student)
    page = client.post(
        f"/interviews/{interview.pk}/choose_time/",
        {f"choose-{interview.pk}-proposal": str(mentor_time.pk)},
    )
    assert page.status_code == 409
    html = page.content.decode()
    assert f"{mentor.display_name} is not free at that time" in html
    assert "already had another conversation at that time when it was offered" in html
    assert "Someone else" not in html


# The other actions --------------------------------------------------------------------


def test_the_student_confirms_asks_to_move_and_cancels(client):
    interview = InterviewFactory(scheduled=True, student=new_york_student())
    agreed = interview.starts_at
    client.force_login(interview.student)
    url = f"/interviews/{interview.pk}/"
    assert client.post(url + "confirm/").status_code == 302
    interview.refresh_from_db()
    assert interview.confirmed_at is not None

    # Moving the time directly is the mentor's: the student is told to ask instead.
    p = f"reschedule-{interview.pk}-"
    response = client.post(
        url + "reschedule/",
        {p + "date": local_day(8).isoformat(), p + "start_time": "11:00", p + "reason": "Exam"},
    )
    assert response.status_code == 302
    assert "Ask them to move it" in str(list(get_messages(response.wsgi_request))[-1])
    page = client.get(url)
    assert "Ask to move the time" in page.content.decode()
    assert 'name="reschedule-' not in page.content.decode()

    p = f"ask_reschedule-{interview.pk}-"
    response = client.post(
        url + "ask_reschedule/",
        {
            p + "reason": "An exam moved.",
            p + "window_1_date": local_day(8).isoformat(),
            p + "window_1_from": "11:00",
            p + "window_1_to": "13:00",
        },
    )
    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.starts_at == agreed  # still as agreed until the mentor answers
    assert interview.sequence == 0
    page = client.get(url).content.decode()
    assert "You asked to move the time" in page
    assert "An exam moved." in page

    response = client.post(url + "cancel/", {f"cancel-{interview.pk}-reason": "I am ill."})
    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.status == Status.CANCELLED
    assert interview.reschedule_asks.get().status == "closed"
    ics = client.get(url + "invite.ics")
    calendar = Calendar.from_ical(ics.content)
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar.walk("VEVENT")[0]["STATUS"] == "CANCELLED"


def _ask_post(interview, **overrides) -> dict:
    p = f"ask_reschedule-{interview.pk}-"
    data = {
        "reason": "An exam moved.",
        "window_1_date": local_day(8).isoformat(),
        "window_1_from": "11:00",
        "window_1_to": "13:00",
        "window_2_date": local_day(9).isoformat(),
        "window_2_from": "09:00",
        "window_2_to": "10:00",
    }
    data.update(overrides)
    return {p + key: value for key, value in data.items()}


def test_a_bad_ask_keeps_what_was_typed_and_says_why_next_to_the_field(client):
    interview = InterviewFactory(scheduled=True, student=new_york_student())
    client.force_login(interview.student)
    url = f"/interviews/{interview.pk}/ask_reschedule/"

    page = client.post(url, _ask_post(interview, reason="", window_2_to="09:10"))
    assert page.status_code == 400
    [action] = [a for a in page.context["actions"] if a["name"] == "ask_reschedule"]
    assert action["form"].errors["reason"]
    assert "at least as long" in action["form"].errors["window_2_to"][0]
    html = page.content.decode()
    assert f'value="{local_day(8).isoformat()}"' in html  # what was typed stays
    assert 'value="09:10"' in html
    assert not interview.reschedule_asks.exists()

    page = client.post(
        url, _ask_post(interview, window_1_date="", window_1_from="", window_1_to="",
                       window_2_date="", window_2_from="", window_2_to="")
    )  # fmt: skip
    assert page.status_code == 400
    [action] = [a for a in page.context["actions"] if a["name"] == "ask_reschedule"]
    assert "Propose one to three times" in action["form"].errors["window_1_date"][0]


def test_the_mentor_sees_the_ask_on_the_page_and_the_dashboard_and_picks_a_time(client):
    interview = InterviewFactory(scheduled=True, student=new_york_student())
    client.force_login(interview.student)
    client.post(f"/interviews/{interview.pk}/ask_reschedule/", _ask_post(interview))
    ask = interview.reschedule_asks.get()
    second = ask.proposals.order_by("starts_at")[1]

    client.force_login(interview.mentor.user)
    for url in (f"/interviews/{interview.pk}/", "/mentors/dashboard/", "/"):
        html = client.get(url).content.decode()
        assert "asks to move" in html, url
        assert "An exam moved." in html or url == "/", url
    dashboard = client.get("/mentors/dashboard/").content.decode()
    assert f'name="reschedule_pick-{interview.pk}-proposal"' in dashboard

    p = f"reschedule_pick-{interview.pk}-"
    response = client.post(
        f"/interviews/{interview.pk}/reschedule_pick/",
        {p + "proposal": second.pk, "next": "/mentors/dashboard/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/mentors/dashboard/"
    interview.refresh_from_db()
    assert interview.starts_at == second.starts_at
    assert interview.reschedule_count == 1
    ask.refresh_from_db()
    assert ask.status == "moved"
    assert "asks to move" not in client.get("/mentors/dashboard/").content.decode()


def test_the_mentor_keeps_the_time_with_a_note(client):
    interview = InterviewFactory(scheduled=True)
    agreed = interview.starts_at
    client.force_login(interview.student)
    client.post(f"/interviews/{interview.pk}/ask_reschedule/", _ask_post(interview))
    client.force_login(interview.mentor.user)
    p = f"reschedule_keep-{interview.pk}-"
    response = client.post(
        f"/interviews/{interview.pk}/reschedule_keep/", {p + "note": "I travel that week."}
    )
    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.starts_at == agreed
    assert interview.reschedule_asks.get().answer_note == "I travel that week."


def test_after_the_last_allowed_move_the_page_says_to_cancel_and_ask_again(client, settings):
    settings.MAX_RESCHEDULES = 2
    interview = InterviewFactory(scheduled=True, reschedule_count=2)
    for person in (interview.student, interview.mentor.user):
        client.force_login(person)
        page = client.get(f"/interviews/{interview.pk}/")
        names = [a["name"] for a in page.context["actions"]]
        assert "reschedule" not in names and "ask_reschedule" not in names
        assert "cancel" in names
        assert "cancel it and ask again" in page.content.decode()


def test_a_cancel_without_a_reason_stays_on_the_page_with_the_field_marked(client):
    interview = InterviewFactory(scheduled=True)
    client.force_login(interview.mentor.user)
    page = client.post(f"/interviews/{interview.pk}/cancel/", {})
    assert page.status_code == 400
    [action] = [a for a in page.context["actions"] if a["name"] == "cancel"]
    assert action["form"].errors["reason"]


def test_the_mentor_updates_the_meeting_details(client):
    interview = InterviewFactory(scheduled=True)
    client.force_login(interview.mentor.user)
    p = f"details-{interview.pk}-"
    client.post(
        f"/interviews/{interview.pk}/update_details/",
        {p + "format": "phone", p + "meeting_details": "+1 617 555 0100"},
    )
    interview.refresh_from_db()
    assert interview.format == "phone"
    assert interview.sequence == 1


def test_a_no_show_can_be_reported_after_the_start(client):
    start = timezone.now() - datetime.timedelta(hours=2)
    interview = InterviewFactory(scheduled=True, starts_at=start)
    client.force_login(interview.mentor.user)
    page = client.get(f"/interviews/{interview.pk}/")
    assert [a["name"] for a in page.context["actions"]] == ["no_show"]
    # One click is not enough: the box must be ticked.
    page = client.post(f"/interviews/{interview.pk}/no_show/")
    assert page.status_code == 400
    [action] = [a for a in page.context["actions"] if a["name"] == "no_show"]
    assert "Tick the box" in " ".join(action["form"].errors["did_not_take_place"])
    interview.refresh_from_db()
    assert interview.status == Status.SCHEDULED
    client.post(
        f"/interviews/{interview.pk}/no_show/",
        {f"no_show-{interview.pk}-did_not_take_place": "on"},
    )
    interview.refresh_from_db()
    assert interview.status == Status.NO_SHOW


def test_no_show_is_gone_once_the_student_thanked_and_the_next_step_moves_on(client):
    interview = completed_interview()
    client.force_login(interview.student)
    page = client.get(interview.get_absolute_url())
    assert "no_show" in [a["name"] for a in page.context["actions"]]
    assert b"Send a thank-you letter today" in page.content
    client.post(
        reverse("interviews:act", args=[interview.pk, "thank_you"]),
        {f"thank_you-{interview.pk}-method": "email"},
    )
    page = client.get(interview.get_absolute_url())
    assert "no_show" not in [a["name"] for a in page.context["actions"]]
    assert b"Send a thank-you letter today" not in page.content
    assert b"your thank-you is sent" in page.content
    # A form kept open in another tab: the service refuses, with the reason.
    response = client.post(
        reverse("interviews:act", args=[interview.pk, "no_show"]),
        {f"no_show-{interview.pk}-did_not_take_place": "on"},
    )
    assert any("thank-you as sent" in m for m in messages_of(response))
    interview.refresh_from_db()
    assert interview.status == Status.COMPLETED


def test_no_show_is_gone_for_a_mentor_who_gave_feedback(client):
    interview = completed_interview()
    client.force_login(interview.mentor.user)
    client.post(
        reverse("interviews:act", args=[interview.pk, "feedback"]),
        {f"feedback-{interview.pk}-rating": "3"},
    )
    page = client.get(interview.get_absolute_url())
    assert [a["name"] for a in page.context["actions"]] == []


def test_the_student_withdraws_a_request(client):
    interview = InterviewFactory()
    client.force_login(interview.student)
    client.post(f"/interviews/{interview.pk}/withdraw/", {})
    interview.refresh_from_db()
    assert interview.status == Status.WITHDRAWN


def test_each_side_sees_only_its_own_actions(client):
    interview, _proposal = _requested()
    client.force_login(interview.student)
    names = [a["name"] for a in client.get(f"/interviews/{interview.pk}/").context["actions"]]
    assert names == ["withdraw"]
    client.force_login(interview.mentor.user)
    names = [a["name"] for a in client.get(f"/interviews/{interview.pk}/").context["actions"]]
    assert names == ["accept", "decline"]


def test_a_student_acting_as_mentor_gets_a_message(client):
    interview, proposal = _requested()
    client.force_login(interview.student)
    response = client.post(f"/interviews/{interview.pk}/accept/", _accept_post(interview, proposal))
    assert response.status_code == 302
    assert any("Only the mentor" in m for m in messages_of(response))
    interview.refresh_from_db()
    assert interview.status == Status.REQUESTED


def test_a_wrong_role_is_told_so_even_with_an_empty_form(client):
    interview, _proposal = _requested()
    client.force_login(interview.student)
    response = client.post(f"/interviews/{interview.pk}/accept/", {})
    assert messages_of(response) == ["Only the mentor can accept a request."]
    client.force_login(interview.mentor.user)
    response = client.post(f"/interviews/{interview.pk}/withdraw/", {})
    assert messages_of(response)[-1] == "Only the student can withdraw the request."
    interview.refresh_from_db()
    assert interview.status == Status.REQUESTED


def test_an_accepted_request_offers_the_student_withdraw_and_the_mentor_cancel(client):
    interview = InterviewFactory(status=Status.ACCEPTED, format="video")
    TimeProposalFactory(interview=interview, proposed_by="mentor")
    client.force_login(interview.student)
    page = client.get(interview.get_absolute_url())
    assert [a["name"] for a in page.context["actions"]] == ["choose_time", "withdraw"]
    assert "Accepted – choosing a time" in page.content.decode()
    assert b"Cancel the conversation" not in page.content
    client.force_login(interview.mentor.user)
    page = client.get(interview.get_absolute_url())
    assert [a["name"] for a in page.context["actions"]] == ["update_details", "cancel"]


# Contact details ----------------------------------------------------------------------


def test_the_mentors_contact_details_appear_only_once_accepted(client):
    mentor = MentorProfileFactory(phone="+1 617 555 0199")
    interview = InterviewFactory(mentor=mentor)
    client.force_login(interview.student)
    requested = client.get(f"/interviews/{interview.pk}/").content.decode()
    assert mentor.user.email not in requested
    assert "555 0199" not in requested

    Interview.objects.filter(pk=interview.pk).update(
        status=Status.SCHEDULED,
        format="video",
        starts_at=at(3, 15),
        ends_at=at(3, 15) + datetime.timedelta(minutes=30),
    )
    scheduled = client.get(f"/interviews/{interview.pk}/").content.decode()
    assert mentor.user.email in scheduled
    assert "555 0199" in scheduled


def test_the_ics_is_not_offered_for_a_request_without_a_time(client):
    interview = InterviewFactory()
    client.force_login(interview.student)
    assert client.get(f"/interviews/{interview.pk}/invite.ics").status_code == 404


# The list and time zones --------------------------------------------------------------


def test_the_list_groups_interviews_with_times_in_my_zone(client, django_assert_max_num_queries):
    student = new_york_student()
    upcoming = InterviewFactory(student=student, scheduled=True)
    waiting = InterviewFactory(student=student)
    TimeProposalFactory(interview=waiting)
    past = InterviewFactory(student=student, status=Status.DECLINED)
    client.force_login(student)
    with django_assert_max_num_queries(5):
        page = client.get("/interviews/")
    groups = page.context["groups"]
    assert groups.upcoming == [upcoming]
    assert groups.waiting == [waiting]
    assert groups.past == [past]
    start = upcoming.starts_at.astimezone(NEW_YORK)
    assert f"{start:%A, %B} {start.day}, {start.year}" in page.content.decode()
    assert start.tzname() in page.content.decode()


def test_the_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    student = new_york_student()
    for _ in range(12):
        interview = InterviewFactory(student=student, status=Status.DECLINED)
        TimeProposalFactory(interview=interview)
    client.force_login(student)
    with django_assert_max_num_queries(5):
        assert client.get("/interviews/").status_code == 200


def test_a_time_across_the_denver_dst_change_shows_correctly_in_new_york(client):
    """1:30 AM MST on 2026-11-01 (the second 1:30 in Denver) is 3:30 AM EST in New York."""
    mentor = MentorProfileFactory(user__time_zone="America/Denver")
    student = new_york_student()
    start = datetime.datetime(2026, 11, 1, 1, 30, tzinfo=DENVER, fold=1)
    assert start.tzname() == "MST"
    interview = InterviewFactory(
        mentor=mentor,
        student=student,
        status=Status.COMPLETED,
        format="video",
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=30),
    )
    client.force_login(student)
    page = client.get(f"/interviews/{interview.pk}/").content.decode()
    assert "Sunday, November 1, 2026, 3:30 AM EST" in page

    client.force_login(mentor.user)
    page = client.get(f"/interviews/{interview.pk}/").content.decode()
    assert "Sunday, November 1, 2026, 1:30 AM MST" in page, re.findall(r"Sunday, Nov[^<]*", page)


def test_the_letter_page_prints_the_request(client):
    interview = InterviewFactory(referrer_name="Jane Doe")
    client.force_login(interview.student)
    page = client.get(f"/interviews/{interview.pk}/letter/").content.decode()
    assert "Jane Doe suggested I contact you." in page
    assert "css/print.css" in page
    assert "Sincerely," in page


# The student's home page ---------------------------------------------------------------


def test_the_student_home_shows_upcoming_interviews_requests_and_tasks(client):
    student = new_york_student()
    soon = InterviewFactory(
        student=student,
        scheduled=True,
        starts_at=timezone.now().replace(microsecond=0) + datetime.timedelta(hours=30),
    )
    InterviewFactory(student=student)
    client.force_login(student)
    page = client.get("/")
    assert [item.url for item in page.context["upcoming_interviews"]] == [soon.get_absolute_url()]
    assert len(page.context["pending_requests"]) == 1
    assert [item.kind for item in page.context["tasks"]] == ["confirm"]
    html = page.content.decode()
    assert f"Conversation with {soon.mentor.display_name}" in html
    assert "Waiting for an answer." in html


def completed_interview() -> Interview:
    start = timezone.now().replace(microsecond=0) - datetime.timedelta(hours=3)
    return InterviewFactory(
        status=Status.COMPLETED,
        format="video",
        meeting_details="https://video.example.com/x",
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=30),
    )


def test_after_the_conversation_the_student_marks_the_thank_you_sent(client):
    interview = completed_interview()
    client.force_login(interview.student)
    home = client.get("/")
    assert f"Send {interview.mentor.display_name} a thank-you" in home.content.decode()
    page = client.get(interview.get_absolute_url())
    assert b"Mark the thank-you as sent" in page.content
    response = client.post(
        reverse("interviews:act", args=[interview.pk, "thank_you"]),
        {f"thank_you-{interview.pk}-method": "letter"},
    )
    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.thank_you_method == "letter"
    page = client.get(interview.get_absolute_url())
    assert b"Sent by letter" in page.content
    assert b"Mark the thank-you as sent" not in page.content
    assert "a thank-you" not in client.get("/").content.decode()


def test_a_thank_you_without_a_method_keeps_the_page_and_says_what_to_fix(client):
    interview = completed_interview()
    client.force_login(interview.student)
    response = client.post(reverse("interviews:act", args=[interview.pk, "thank_you"]), {})
    assert response.status_code == 400
    assert b"This field is required" in response.content
    interview.refresh_from_db()
    assert interview.thank_you_sent_at is None


def test_both_sides_may_share_feedback_once(client):
    interview = completed_interview()
    for person in (interview.student, interview.mentor.user):
        client.force_login(person)
        url = reverse("interviews:act", args=[interview.pk, "feedback"])
        prefix = f"feedback-{interview.pk}"
        response = client.post(url, {f"{prefix}-rating": "4", f"{prefix}-comment": "Helpful"})
        assert response.status_code == 302
        page = client.get(interview.get_absolute_url()).content.decode()
        assert "Share feedback" not in page
        assert "Your feedback" in page and "Helpful" in page  # shown back to its author
    assert interview.feedback.count() == 2


def test_feedback_is_shown_to_its_author_only(client):
    interview = completed_interview()
    interview.feedback.create(author=interview.student, rating=5, comment="Eye-opening talk")
    client.force_login(interview.mentor.user)
    page = client.get(interview.get_absolute_url()).content.decode()
    assert "Eye-opening talk" not in page
    assert "Your feedback" not in page


def test_a_stranger_cannot_give_feedback(client):
    interview = completed_interview()
    client.force_login(StudentProfileFactory().user)
    url = reverse("interviews:act", args=[interview.pk, "feedback"])
    assert client.post(url, {f"feedback-{interview.pk}-rating": "4"}).status_code == 404


# Proposals against one's own calendar, and the horizon --------------------------------


def test_the_mentor_is_told_next_to_the_window_that_it_overlaps_their_conversation(client):
    interview, proposal = _requested()
    mentor = interview.mentor
    busy = InterviewFactory(mentor=mentor, scheduled=True, starts_at=at(6, 15))
    client.force_login(mentor.user)
    day = busy.starts_at.astimezone(NEW_YORK).date().isoformat()
    page = client.post(
        f"/interviews/{interview.pk}/accept/",
        _accept_post(
            interview,
            proposal,
            proposal="",
            window_1_date=day,
            window_1_from="09:00",
            window_1_to="12:00",
        ),
    )
    assert page.status_code == 400
    [action] = [a for a in page.context["actions"] if a["name"] == "accept"]
    error = " ".join(action["form"].errors["window_1_from"])
    assert f"You already have a conversation with {busy.student}" in error
    assert action["form"]["window_1_date"].value() == day
    interview.refresh_from_db()
    assert interview.status == Status.REQUESTED


def test_the_student_is_told_next_to_the_window_that_it_overlaps_their_conversation(client, mentor):
    student = new_york_student()
    # request_post's first window is 14:00–16:00 New York on day 3 (New York's day 3, which
    # is not UTC's in the evening); the student is busy at its start.
    start = datetime.datetime.combine(local_day(3), datetime.time(14, 0), NEW_YORK)
    busy = InterviewFactory(student=student, scheduled=True, starts_at=start)
    client.force_login(student)
    page = client.post(f"/interviews/request/{mentor.pk}/", request_post())
    message = " ".join(errors_of(page, "window_1_from"))
    assert f"You already have a conversation with {busy.mentor.display_name}" in message
    assert not Interview.objects.filter(mentor=mentor).exists()


def test_a_window_beyond_the_horizon_is_refused_next_to_its_date(client, mentor, settings):
    settings.REQUEST_HORIZON_DAYS = 90
    client.force_login(new_york_student())
    message, _page = _bad(client, mentor, "window_1_date", window_1_date="2099-06-01")
    assert "within the next 90 days" in message


# People who deleted their account, and page titles ------------------------------------


def test_a_student_who_left_reads_as_a_former_student_to_the_mentor(client):
    from home.privacy import account_delete

    interview = completed_interview()
    waiting = InterviewFactory(mentor=interview.mentor)
    account_delete(user=interview.student)
    client.force_login(interview.mentor.user)
    for url in ("/mentors/dashboard/", "/interviews/", interview.get_absolute_url(), "/"):
        html = client.get(url).content.decode()
        assert "invalid.example" not in html, url
    assert (
        "Conversation with a former student" in client.get("/mentors/dashboard/").content.decode()
    )
    detail = client.get(interview.get_absolute_url()).content.decode()
    assert "Conversation with a former student" in detail
    assert title_of(detail) == "Conversation with a former student · Completed · Career Center"
    assert waiting.student.get_full_name() in client.get("/").content.decode()


def test_a_mentor_who_left_reads_as_a_former_mentor_to_the_student(client):
    from home.privacy import account_delete

    interview = completed_interview()
    account_delete(user=interview.mentor.user)
    client.force_login(interview.student)
    detail = client.get(interview.get_absolute_url()).content.decode()
    assert "Conversation with a former mentor" in detail
    assert "Conversation with a former mentor" in client.get("/interviews/").content.decode()


def test_the_page_title_says_with_whom_and_the_state(client):
    interview = InterviewFactory(scheduled=True)
    client.force_login(interview.student)
    html = client.get(interview.get_absolute_url()).content.decode()
    assert title_of(html).startswith(f"Conversation with {interview.mentor.display_name} · Sch")
    client.force_login(interview.mentor.user)
    html = client.get(interview.get_absolute_url()).content.decode()
    assert title_of(html).startswith(f"Conversation with {interview.student.get_full_name()} · ")


# An open request with the same mentor -------------------------------------------------


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


def _scheduled_by_service(*, details: str = "https://video.example.com/a"):
    interview, proposal = _requested()
    interview.formats = ["video"]
    interview.save(update_fields=["formats"])
    return interview_accept(
        interview=interview,
        by=interview.mentor.user,
        format="video",
        meeting_details=details,
        proposal_id=proposal.pk,
    )


def test_a_confirm_link_of_a_cancelled_conversation_says_it_was_cancelled(client):
    from interviews.reminders import confirm_url
    from interviews.services import interview_cancel

    interview = _scheduled_by_service()
    link = confirm_url(interview).removeprefix("http://127.0.0.1:8000")
    interview_cancel(interview=interview, by=interview.mentor.user, reason="I am ill.")
    page = client.get(link)
    html = page.content.decode()
    assert "This conversation was cancelled, so there is nothing to confirm." in html
    assert "Yes, I will be there" not in html
    posted = client.post(link)
    assert posted.status_code == 409
    assert "was cancelled" in posted.content.decode()
    assert "time of this conversation changed" not in posted.content.decode()


def test_the_interview_page_says_the_meeting_details_are_awaited(client):
    interview, _ = _requested()
    interview.formats = ["video"]
    interview.save(update_fields=["formats"])
    interview = interview_accept(
        interview=interview, by=interview.mentor.user, format="video", windows=[window(6, 15)]
    )
    mentor_time = interview.proposals.get(proposed_by="mentor", withdrawn=False)
    client.force_login(interview.student)
    response = client.post(
        f"/interviews/{interview.pk}/choose_time/",
        {f"choose-{interview.pk}-proposal": str(mentor_time.pk)},
    )
    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.status == Status.SCHEDULED
    page = client.get(f"/interviews/{interview.pk}/").content.decode()
    assert "Waiting for the mentor's meeting details." in page
    client.force_login(interview.mentor.user)
    page = client.get(f"/interviews/{interview.pk}/").content.decode()
    assert "Add the meeting details below, so the student knows how to meet you." in page


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
