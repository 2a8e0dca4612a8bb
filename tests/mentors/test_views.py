import datetime
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from core.kept import kept_clear
from mentors.models import CareerField, MentorProfile
from tests.auth import login_with_second_factor
from tests.factories import (
    InterviewFactory,
    MentorProfileFactory,
    MentorUserFactory,
    StaffUserFactory,
    StudentUserFactory,
)
from users.models import User

pytestmark = pytest.mark.django_db

DIRECTORY = "/mentors/"


def test_urls_are_where_the_design_says():
    assert reverse("mentors:directory") == "/mentors/"
    assert reverse("mentors:volunteer") == "/mentors/volunteer/"
    assert reverse("mentors:detail", args=[7]) == "/mentors/7/"
    assert reverse("mentors:edit") == "/mentors/me/"


@pytest.mark.parametrize("url", [DIRECTORY, "/mentors/1/"])
def test_directory_and_profiles_need_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_directory_cards_show_work_but_never_contact_details(student_client):
    mentor = MentorProfileFactory(
        employer="Acme Robotics", job_title="Welder", phone="+1 617 555 0199"
    )
    response = student_client.get(DIRECTORY)
    html = response.content.decode()
    assert response.status_code == 200
    assert mentor.display_name in html
    assert "Acme Robotics" in html and "Welder" in html
    assert "Has time this month" in html
    assert mentor.user.email not in html
    assert "555 0199" not in html


def test_a_page_past_the_results_says_so_and_leads_back_to_the_first(student_client):
    MentorProfileFactory(employer="Acme Robotics")
    response = student_client.get(DIRECTORY, {"q": "Acme", "page": "999999"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "No mentors on this page" in html
    assert 'href="?q=Acme">Go to the first page of results' in html
    assert 'rel="prev"' not in html


def test_profile_page_hides_contact_details_and_tolerates_missing_request_url(student_client):
    mentor = MentorProfileFactory(phone="+1 617 555 0199", bio="Ask me about robots.")
    response = student_client.get(f"/mentors/{mentor.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ask me about robots." in html
    assert mentor.user.email not in html
    assert "555 0199" not in html


@pytest.mark.parametrize("status", ["pending", "rejected", "retired"])
def test_unlisted_profiles_are_404_except_for_staff_and_the_mentor(client, status):
    mentor = MentorProfileFactory(status=status)
    client.force_login(StudentUserFactory())
    assert client.get(f"/mentors/{mentor.pk}/").status_code == 404
    client.force_login(mentor.user)
    assert client.get(f"/mentors/{mentor.pk}/").status_code == 200
    login_with_second_factor(client, StaffUserFactory())
    assert client.get(f"/mentors/{mentor.pk}/").status_code == 200


def test_a_mentor_with_an_unconfirmed_address_has_no_public_profile(student_client, client):
    mentor = MentorProfileFactory(user=MentorUserFactory(email_verified=False))
    assert student_client.get(f"/mentors/{mentor.pk}/").status_code == 404
    client.force_login(mentor.user)
    assert client.get(f"/mentors/{mentor.pk}/").status_code == 200


def _query_count(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


DIRECTORY_QUERIES = [
    "",
    "?q=engineer",
    "?format=video&capacity=on&field=law&resumes=on",
    "?q=okafr&page=2",
    "?q=enginer+robotcs&field=law",
]


def test_directory_query_count_is_the_same_for_20_and_200_mentors(
    student_client, django_assert_max_num_queries
):
    # One set of 200 mentors for every query: building it is most of this test's time.
    law = CareerField.objects.get(slug="law")
    kwargs = {"job_title": "Engineer", "reviews_resumes": True, "career_fields": [law]}
    MentorProfileFactory.create_batch(20, **kwargs)
    student_client.get(DIRECTORY)  # session and user caches warm
    small = {
        query: _query_count(student_client, DIRECTORY + query, django_assert_max_num_queries, 10)
        for query in DIRECTORY_QUERIES
    }
    MentorProfileFactory.create_batch(180, **kwargs)
    large = {
        query: _query_count(student_client, DIRECTORY + query, django_assert_max_num_queries, 10)
        for query in DIRECTORY_QUERIES
    }
    assert small == large


@pytest.mark.parametrize("reader", ["mentor", "staff"])
def test_a_profile_offers_the_request_button_to_students_only(client, reader):
    mentor = MentorProfileFactory()
    if reader == "mentor":
        client.force_login(MentorProfileFactory().user)
    else:
        login_with_second_factor(client, StaffUserFactory())

    html = client.get(f"/mentors/{mentor.pk}/").content.decode()

    assert "Request a conversation" not in html
    assert f"/interviews/request/{mentor.pk}/" not in html
    assert "Only students can ask for conversations." in html


def test_a_student_with_an_open_request_is_led_to_it_instead_of_asking_again(client):
    interview = InterviewFactory()
    client.force_login(interview.student)

    html = client.get(f"/mentors/{interview.mentor_id}/").content.decode()

    assert "Request a conversation" not in html
    assert f'href="{interview.get_absolute_url()}"' in html
    assert "See your request" in html


def test_detail_query_count_is_fixed(student_client, django_assert_max_num_queries):
    fields = list(CareerField.objects.all()[:5])
    few = MentorProfileFactory(career_fields=fields[:1])
    many = MentorProfileFactory(career_fields=fields)
    counts = [
        _query_count(student_client, f"/mentors/{m.pk}/", django_assert_max_num_queries, 6)
        for m in (few, many)
    ]
    assert counts[0] == counts[1]


@pytest.mark.parametrize(
    "query",
    [
        "?field=no-such-field&format=teleport&industry=%00&year_from=abc&year_to=99999",
        "?page=-3&capacity=maybe&remote=yes",
        "?page=99999999999999999999",
        "?q=" + "x" * 500,
        "?q=%27%22%3B--+%26%7C%21%28",
        "?location=" + "y" * 400,
    ],
)
def test_nonsense_filters_never_break_the_directory(student_client, query):
    MentorProfileFactory()
    response = student_client.get(DIRECTORY + query)
    assert response.status_code == 200


def test_invalid_filter_is_shown_and_ignored(student_client):
    MentorProfileFactory(employer="Zeta Corp")
    response = student_client.get(DIRECTORY + "?year_from=1200")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Zeta Corp" in html
    assert "is-invalid" in html


def test_forms_that_share_the_filters_fields_keep_their_own_values_and_errors(rf):
    """The directory's filter forms share their fields (mentors.forms._SharedFields): a
    form with errors leaves the next one's fields, choices and values as they were."""
    from mentors.forms import DirectoryFilterForm

    wrong = DirectoryFilterForm(rf.get("/", {"year_from": "1200", "field": "nope"}).GET)
    assert set(wrong.errors) == {"year_from", "field"}
    right = DirectoryFilterForm(rf.get("/", {"year_from": "1990", "field": "law"}).GET)
    assert right.is_valid(), right.errors
    assert right.cleaned_data["field"].slug == "law" and right.cleaned_data["year_from"] == 1990
    plain = DirectoryFilterForm(rf.get("/").GET)
    assert plain.filters() == {} and not plain.errors
    assert plain.controls()["year_from"] == wrong.controls()["year_from"] | {
        "value": None,
        "errors": None,
    }
    assert wrong.controls()["year_from"]["value"] == "1200"


def _volunteer_data(**overrides):
    law = CareerField.objects.get(slug="law")
    data = {
        "first_name": "Ada",
        "last_name": "Alum",
        "email": "ada.volunteer@example.com",
        "password1": "a-Strong-pass-2026",
        "password2": "a-Strong-pass-2026",
        "employer": "Ropes & Gray",
        "job_title": "Associate",
        "industry": "government_law",
        "career_fields": [str(law.pk)],
        "graduation_year": "2015",
        "degree": "JD",
        "major": "History",
        "city": "Boston",
        "region": "MA",
        "country": "United States",
        "time_zone": "America/New_York",
        "open_to_remote": "on",
        "bio": "Litigation associate.",
        "topics": "Law school",
        "meeting_formats": ["video", "phone"],
        "monthly_cap": "2",
        "preferred_contact": "email",
        "phone": "",
        "associations": "",
        "website": "",
        "consent": "on",
    }
    data.update(overrides)
    return data


def test_volunteer_form_creates_account_and_pending_profile(
    client, django_capture_on_commit_callbacks
):
    assert client.get("/mentors/volunteer/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/mentors/volunteer/", _volunteer_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("mentors:volunteer_thanks")
    profile = MentorProfile.objects.get(user__email="ada.volunteer@example.com")
    assert profile.status == MentorProfile.Status.PENDING
    assert profile.user.role == User.Role.MENTOR
    assert any("ada.volunteer@example.com" in m.to for m in mail.outbox)
    thanks = client.get(response["Location"]).content.decode()
    assert "What happens next" in thanks
    assert "confirm your email" in thanks


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("graduation_year", "1850"),
        ("graduation_year", "3000"),
        ("website", "not a url"),
        ("phone", "call me maybe"),
        ("monthly_cap", "0"),
        ("monthly_cap", "11"),
        ("consent", ""),
        ("email", "nobody"),
        ("password2", "different-Pass-2026"),
        ("meeting_formats", ["teleport"]),
        ("career_fields", ["999999"]),
    ],
)
def test_volunteer_form_bad_input_gives_clear_messages(client, field, value):
    response = client.post("/mentors/volunteer/", _volunteer_data(**{field: value}))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not MentorProfile.objects.exists()


def test_a_signed_in_student_volunteers_without_account_fields(client):
    student = StudentUserFactory()
    client.force_login(student)
    page = client.get("/mentors/volunteer/").content.decode()
    assert 'name="password1"' not in page
    data = _volunteer_data()
    for name in ("first_name", "last_name", "email", "password1", "password2"):
        data.pop(name)
    assert client.post("/mentors/volunteer/", data).status_code == 302
    assert MentorProfile.objects.get(user=student).status == "pending"
    assert client.get("/mentors/volunteer/")["Location"] == "/mentors/me/"


def test_mentor_edits_pauses_resumes_and_retires(client):
    mentor = MentorProfileFactory(user=MentorUserFactory(first_name="Mo", last_name="Ok"))
    client.force_login(mentor.user)
    assert client.get("/mentors/me/").status_code == 200
    data = _volunteer_data(employer="New Employer Inc", time_zone="Europe/London")
    response = client.post("/mentors/me/", data)
    assert response.status_code == 302
    mentor.refresh_from_db()
    assert mentor.employer == "New Employer Inc"
    assert mentor.user.time_zone == "Europe/London"

    assert client.post("/mentors/me/pause/", {"until": "2000-01-01"}).status_code == 400
    until = timezone.localdate() + datetime.timedelta(days=14)
    client.post("/mentors/me/pause/", {"until": until.isoformat()})
    mentor.refresh_from_db()
    assert (mentor.status, mentor.paused_until) == ("paused", until)
    client.post("/mentors/me/resume/")
    mentor.refresh_from_db()
    assert mentor.status == "approved"
    client.post("/mentors/me/retire/")
    mentor.refresh_from_db()
    assert mentor.status == "retired"


def test_retiring_asks_first_and_says_what_happens(client):
    mentor = MentorProfileFactory()
    client.force_login(mentor.user)
    edit = client.get("/mentors/me/").content.decode()
    assert '<a class="btn btn-outline-danger" href="/mentors/me/retire/">' in edit

    page = client.get("/mentors/me/retire/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Conversations already scheduled stay as they are" in html
    assert "Cancel any conversation you cannot keep" in html
    assert f'href="{reverse("mentor_dashboard")}"' in html
    assert "Coming back later means contacting the career center staff" in html
    assert '<form method="post" action="/mentors/me/retire/"' in html
    mentor.refresh_from_db()
    assert mentor.status == "approved"

    response = client.post("/mentors/me/retire/")
    assert response["Location"] == "/mentors/me/"
    mentor.refresh_from_db()
    assert mentor.status == "retired"
    again = client.get("/mentors/me/retire/").content.decode()
    assert "You are already retired" in again
    assert 'action="/mentors/me/retire/"' not in again


def test_own_profile_pages_are_404_for_non_mentors(student_client):
    assert student_client.get("/mentors/me/").status_code == 404
    assert student_client.get("/mentors/me/retire/").status_code == 404
    assert student_client.post("/mentors/me/retire/").status_code == 404


@pytest.mark.parametrize("signed_in", [False, True])
def test_number_inputs_offer_the_range_the_server_accepts(client, signed_in):
    mentor = MentorProfileFactory()
    if signed_in:
        client.force_login(mentor.user)
    html = client.get("/mentors/me/" if signed_in else "/mentors/volunteer/").content.decode()
    year = re.search(r'<input type="number" name="graduation_year"[^>]*>', html).group()
    cap = re.search(r'<input type="number" name="monthly_cap"[^>]*>', html).group()
    assert 'min="1940"' in year and 'max="2100"' in year
    assert 'min="1"' in cap and 'max="10"' in cap


def test_a_newcomer_volunteering_starts_in_the_sites_time_zone(client, settings):
    page = client.get("/mentors/volunteer/").content.decode()
    selected = f'<option value="{settings.TIME_ZONE}" selected>'
    assert selected in page
    assert "data-browser-time-zone" in page
    assert "js/timezone.js" in page


def test_the_volunteer_forms_error_summary_follows_the_page(client):
    data = _volunteer_data(first_name="", job_title="", consent="", email="not an address")
    response = client.post("/mentors/volunteer/", data)
    html = response.content.decode()
    start = html.index("form-error-summary")
    summary = html[start : html.index("</ul>", start)]
    named = re.findall(r'class="alert-link"\s+href="#([^"]+)"', summary)
    assert named == ["id_first_name", "id_email", "id_job_title", "id_consent"]
    # The page shows the fields in the same order.
    assert [html.index(f'id="{id_}"') for id_ in named] == sorted(
        html.index(f'id="{id_}"') for id_ in named
    )


def test_a_search_that_finds_nobody_links_a_suggestion_and_the_search_without_filters(
    student_client,
):
    MentorProfileFactory(job_title="Robotics Engineer", employer="Acme Machines", city="Austin")
    html = student_client.get(DIRECTORY + "?q=robotcs&location=Boston").content.decode()
    assert "No mentors found" in html
    assert 'Did you mean <a href="?q=Robotics&amp;location=Boston">Robotics</a>?' in html
    assert '<a href="?q=robotcs">Search again without the filters</a>' in html
    html = student_client.get(DIRECTORY + "?q=Robotics&location=Boston").content.decode()
    assert "Did you mean" not in html
    html = student_client.get(DIRECTORY + "?q=Robotics").content.decode()
    assert "Acme Machines" in html


def _select(html: str, name: str) -> str:
    return re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)


def test_the_filters_select_boxes_show_the_choice_made_and_every_field_at_once(
    student, student_client, settings, django_capture_on_commit_callbacks
):
    settings.MENTOR_DIRECTORY_CACHE_SECONDS = 0
    cache.clear()  # career fields another test made and rolled back, kept for minutes
    MentorProfileFactory()
    html = student_client.get(DIRECTORY + "?industry=education&format=video&field=law").content
    html = html.decode()
    assert '<option value="education" selected>Education</option>' in _select(html, "industry")
    assert '<option value="video" selected>' in _select(html, "format")
    assert re.search(r'<option value="law" selected>Law</option>', _select(html, "field"))
    # Another reader with no filter: "Any" first, and the one selected.
    html = student_client.get(DIRECTORY).content.decode()
    for name in ("industry", "field"):
        assert _select(html, name).count(" selected") == 1
        assert re.search(r'<option value="" selected>Any \w+</option>', _select(html, name))
    assert _select(html, "field").count("<option") == CareerField.objects.count() + 1
    # A field added by staff is offered on the next page, in its place by name (once the
    # change commits, the directory's version moves).
    with django_capture_on_commit_callbacks(execute=True):
        CareerField.objects.create(name="Aaa & Zoology", slug="aaa-zoology", cluster="STEM")
    html = student_client.get(DIRECTORY).content.decode()
    assert (
        '<option value="" selected>Any field</option><option value="aaa-zoology">Aaa &amp; Zoology</option>'
        in _select(html, "field")
    )
    # The same lists in Spanish, labels and all.
    User.objects.filter(pk=student.pk).update(language="es")
    html = student_client.get(DIRECTORY).content.decode()
    assert '<option value="" selected>Cualquier sector</option>' in _select(html, "industry")
    assert '<option value="education">Educación</option>' in _select(html, "industry")


def _rendered(response) -> list[str]:
    return [template.name for template in response.templates]


def test_the_filters_markup_is_kept_for_what_it_shows_and_never_with_an_error(
    student_client, settings
):
    """Searches with the same filters share one rendering of them (kept per process, under
    everything it shows); a filter with an error is rendered with its message each time."""
    settings.MENTOR_DIRECTORY_CACHE_SECONDS = 0
    kept_clear()
    MentorProfileFactory(employer="Pixar")
    form = "mentors/includes/filter_form.html"
    assert form in _rendered(student_client.get(DIRECTORY + "?q=pixar&remote=on"))
    again = student_client.get(DIRECTORY + "?q=engineer&remote=on")
    assert form not in _rendered(again)
    html = again.content.decode()
    assert 'value="engineer"' in html  # the search box is this page's own
    assert re.search(r'id="id_remote"\s+checked>', html)
    other = student_client.get(DIRECTORY + "?q=engineer")
    assert form in _rendered(other)
    assert not re.search(r'id="id_remote"\s+checked>', other.content.decode())
    for _ in range(2):
        wrong = student_client.get(DIRECTORY + "?q=pixar&year_from=abc")
        assert form in _rendered(wrong)
        html = wrong.content.decode()
        assert 'value="abc"' in html and 'aria-describedby="id_year_from_error"' in html
