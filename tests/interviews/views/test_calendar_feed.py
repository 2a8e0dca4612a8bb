"""The calendar feed page (turn on, new address, turn off) and the feed a calendar app
fetches: the token is the only key, a wrong or revoked one is the same 404, an
unchanged feed answers 304, the queries do not grow with the conversations, and a
leaked address is rate-limited, with or without Redis."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from interviews import services
from interviews.models import CalendarFeed
from tests.factories import InterviewFactory, MentorProfileFactory, StudentProfileFactory
from tests.services import RedisServer

CSRF_TOKEN = re.compile(rb'name="csrfmiddlewaretoken"\s+value="[^"]*"')

pytestmark = pytest.mark.django_db
PAGE = "/interviews/calendar-feed/"


def feed_path(token: str) -> str:
    return f"/calendar/{token}.ics"


def turn_on(client, user) -> str:
    """Turn the feed on through the page, as the person does; returns the address shown."""
    client.force_login(user)
    response = client.post(PAGE, {"action": "new"})
    assert response.status_code == 302
    page = client.get(PAGE)
    assert page.status_code == 200
    return page.context["feed_url"]


def test_the_routes_are_the_stable_ones():
    assert reverse("interviews:calendar_feed") == PAGE
    assert reverse("calendar_feed", args=["abc"]) == "/calendar/abc.ics"


def test_the_page_needs_a_sign_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_settings_and_the_interview_list_link_to_the_page(client):
    client.force_login(StudentProfileFactory().user)
    assert f'href="{PAGE}"' in client.get("/accounts/settings/").content.decode()
    assert f'href="{PAGE}"' in client.get("/interviews/").content.decode()


def test_turn_on_copy_the_address_subscribe_regenerate_and_turn_off(client, settings):
    settings.SITE_URL = "https://careers.example.edu"
    student = StudentProfileFactory().user
    interview = InterviewFactory(student=student, scheduled=True)
    client.force_login(student)
    off = client.get(PAGE).content.decode()
    assert "Your calendar feed is off" in off
    assert "Anyone who has the address can see the times" in off

    url = turn_on(client, student)

    assert url.startswith("https://careers.example.edu/calendar/") and url.endswith(".ics")
    page = client.get(PAGE)
    html = page.content.decode()
    assert f'value="{url}"' in html  # the copy-friendly field, with its label
    assert '<label for="feed-url"' in html
    assert 'href="webcal://careers.example.edu/calendar/' in html
    assert page["Cache-Control"].startswith("max-age=0") and "no-store" in page["Cache-Control"]
    client.logout()  # a calendar app has no session
    path = url.removeprefix("https://careers.example.edu")
    fetched = client.get(path)
    assert fetched.status_code == 200
    assert fetched["Content-Type"] == "text/calendar; charset=utf-8"
    [event] = Calendar.from_ical(fetched.content).walk("VEVENT")
    assert str(event["UID"]).startswith(str(interview.uid))

    # A new address: the old one stops working at once; the page shows the new one.
    client.force_login(student)
    new_url = turn_on(client, student)
    assert new_url != url
    client.logout()
    assert client.get(path).status_code == 404
    new_path = new_url.removeprefix("https://careers.example.edu")
    assert client.get(new_path).status_code == 200

    # Off: the address answers 404, the page says off and shows no address.
    client.force_login(student)
    assert client.post(PAGE, {"action": "off"}).status_code == 302
    page = client.get(PAGE)
    assert page.context["feed"] is None and "feed_url" not in page.context
    assert "Your calendar feed is off" in page.content.decode()
    client.logout()
    assert client.get(new_path).status_code == 404


def test_the_address_is_shown_only_to_the_browser_that_made_it(client):
    student = StudentProfileFactory().user
    url = turn_on(client, student)
    token = url.rsplit("/", 1)[1].removesuffix(".ics")

    client.cookies.clear()  # another browser, or the same one later
    client.force_login(student)
    html = client.get(PAGE).content.decode()
    assert token not in html
    assert "Your calendar feed is on" in html
    assert "Make a new address" in html


def test_a_forged_button_is_explained_and_changes_nothing(client):
    student = StudentProfileFactory().user
    client.force_login(student)
    response = client.post(PAGE, {"action": "delete-everyone"})
    assert response.status_code == 400
    assert "Choose one of the buttons." in response.content.decode()
    assert not CalendarFeed.objects.exists()


# The feed itself ----------------------------------------------------------------------


def test_a_wrong_and_a_revoked_token_get_the_same_404(client):
    student = StudentProfileFactory().user
    InterviewFactory(student=student, scheduled=True)
    revoked = services.calendar_feed_new_address(user=student)
    services.calendar_feed_new_address(user=student)
    wrong = "W" * len(revoked)

    answers = [client.get(feed_path(token)) for token in (revoked, wrong)]

    assert [a.status_code for a in answers] == [404, 404]
    # Alike but for the language switcher's CSRF token, which is masked anew each time.
    pages = [CSRF_TOKEN.sub(b"", a.content) for a in answers]
    assert pages[0] == pages[1]
    assert revoked.encode() not in answers[0].content


def test_each_token_opens_its_own_person_s_feed_only(client):
    mine, theirs = StudentProfileFactory().user, StudentProfileFactory().user
    my_interview = InterviewFactory(student=mine, scheduled=True)
    InterviewFactory(student=theirs, scheduled=True)
    token = services.calendar_feed_new_address(user=mine)
    services.calendar_feed_new_address(user=theirs)
    client.force_login(theirs)  # whoever is signed in does not matter: the token decides

    [event] = Calendar.from_ical(client.get(feed_path(token)).content).walk("VEVENT")

    assert str(event["UID"]).startswith(str(my_interview.uid))


def test_the_feed_is_written_in_its_owner_s_language_whatever_the_app_asks_for(client):
    student = StudentProfileFactory(user__language="es").user
    InterviewFactory(student=student, scheduled=True)
    token = services.calendar_feed_new_address(user=student)

    body = client.get(feed_path(token), HTTP_ACCEPT_LANGUAGE="en-US").content
    [event] = Calendar.from_ical(body).walk("VEVENT")

    assert str(event["SUMMARY"]).startswith("Entrevista informativa")
    assert str(Calendar.from_ical(body)["X-WR-CALNAME"]).startswith("Conversaciones")


def test_a_mentor_s_feed_lists_their_conversations_as_mentor(client):
    mentor = MentorProfileFactory()
    interviews = [
        InterviewFactory(
            mentor=mentor,
            scheduled=True,
            starts_at=timezone.now().replace(microsecond=0) + datetime.timedelta(days=3 + n),
        )
        for n in range(2)
    ]
    token = services.calendar_feed_new_address(user=mentor.user)

    found = Calendar.from_ical(client.get(feed_path(token)).content).walk("VEVENT")

    assert sorted(str(e["UID"]).split("@")[0] for e in found) == sorted(
        str(i.uid) for i in interviews
    )


def test_an_unchanged_feed_answers_304_and_a_change_answers_200(client):
    student = StudentProfileFactory().user
    interview = InterviewFactory(student=student, scheduled=True)
    path = feed_path(services.calendar_feed_new_address(user=student))
    first = client.get(path)
    assert first["Cache-Control"].startswith("private")
    assert first["X-Robots-Tag"].startswith("noindex")
    etag, modified = first["ETag"], first["Last-Modified"]

    assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(path, headers={"If-Modified-Since": modified}).status_code == 304
    assert client.head(path, headers={"If-None-Match": etag}).status_code == 304

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=1)):
        services.interview_cancel(interview=interview, by=student, reason="Ill")
        changed = client.get(path, headers={"If-None-Match": etag})
        assert client.get(path, headers={"If-Modified-Since": modified}).status_code == 200
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    [event] = Calendar.from_ical(changed.content).walk("VEVENT")
    assert event["STATUS"] == "CANCELLED"


def test_the_feed_answers_only_get_and_head(client):
    student = StudentProfileFactory().user
    path = feed_path(services.calendar_feed_new_address(user=student))
    assert client.head(path).status_code == 200
    assert client.post(path).status_code == 405
    assert CalendarFeed.objects.filter(user=student).exists()


def _feed_with(client, django_assert_max_num_queries, count: int) -> int:
    student = StudentProfileFactory().user
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=2)
    for n in range(count):
        InterviewFactory(
            student=student, scheduled=True, starts_at=start + datetime.timedelta(hours=2 * n)
        )
    path = feed_path(services.calendar_feed_new_address(user=student))
    # The feed with its person, then the conversations with both people.
    with django_assert_max_num_queries(2):
        response = client.get(path)
    return len(Calendar.from_ical(response.content).walk("VEVENT"))


def test_the_feed_s_queries_are_pinned_with_3_conversations(client, django_assert_max_num_queries):
    assert _feed_with(client, django_assert_max_num_queries, 3) == 3


def test_the_feed_s_queries_are_pinned_with_30_conversations(client, django_assert_max_num_queries):
    assert _feed_with(client, django_assert_max_num_queries, 30) == 30


# Rate limit ---------------------------------------------------------------------------


@pytest.fixture
def cache_on_private_redis(settings, tmp_path):
    with RedisServer(log_dir=tmp_path) as server:
        settings.CACHES = {
            **settings.CACHES,
            "redis": {**settings.CACHES["redis"], "LOCATION": server.url},
        }
        yield server


@pytest.mark.redis
@pytest.mark.parametrize("redis", ["up", "down"])
def test_a_hammered_address_is_limited_whether_redis_is_up_or_down(
    client, settings, cache_on_private_redis, redis
):
    settings.CALENDAR_FEED_REQUESTS_PER_HOUR = 5
    student = StudentProfileFactory().user
    path = feed_path(services.calendar_feed_new_address(user=student))
    other = feed_path(services.calendar_feed_new_address(user=StudentProfileFactory().user))
    if redis == "down":
        cache_on_private_redis.stop()

    statuses = [client.get(path).status_code for _ in range(7)]

    assert statuses == [200] * 5 + [429] * 2
    limited = client.get(path)
    assert limited["Retry-After"] == "3600"
    assert client.get(other).status_code == 200  # another address is not affected
