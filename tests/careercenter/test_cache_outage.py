"""The cache is an accelerator, never a dependency: with its Redis down, signed-in people
keep working (sessions fall back to the database, the directory renders uncached)."""

import pytest

from tests.factories import MentorProfileFactory, StudentProfileFactory
from tests.services import RedisServer

pytestmark = [pytest.mark.django_db, pytest.mark.redis]


@pytest.fixture
def cache_on_private_redis(settings, tmp_path):
    with RedisServer(log_dir=tmp_path) as server:
        settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": server.url}}
        settings.MENTOR_DIRECTORY_CACHE_SECONDS = 300
        yield server


def test_a_signed_in_student_keeps_working_while_the_cache_is_down(client, cache_on_private_redis):
    mentor = MentorProfileFactory(employer="Pixar Animation Studios")
    student = StudentProfileFactory().user
    client.force_login(student)
    assert client.get("/mentors/", {"q": "Pixar"}).status_code == 200
    assert cache_on_private_redis.client().dbsize() > 0  # the session and the results are cached

    cache_on_private_redis.stop()

    home = client.get("/")
    assert home.status_code == 200
    assert home.context["user"] == student  # still signed in: the session came from the database
    directory = client.get("/mentors/", {"q": "Pixar"})
    assert directory.status_code == 200
    assert mentor.user.get_full_name() in directory.content.decode()


def test_signing_in_works_while_the_cache_is_down(client, cache_on_private_redis):
    from tests.factories import PASSWORD

    student = StudentProfileFactory().user
    cache_on_private_redis.stop()

    response = client.post(
        "/accounts/login/", {"login": student.email, "password": PASSWORD}, follow=True
    )

    assert response.status_code == 200
    assert response.context["user"] == student
