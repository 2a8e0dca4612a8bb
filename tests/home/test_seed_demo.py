import pytest
from django.core.management import call_command
from django.utils import translation

from interviews.models import Interview
from mentors.models import MentorProfile
from users.models import User

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_every_role_and_a_story_and_is_idempotent(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo", "--mentors", "12")
    output = capsys.readouterr().out
    assert "student@example.edu" in output
    assert "mentor@example.com" in output
    assert "staff@example.edu" in output
    student = User.objects.get(email="student@example.edu")
    mentor = User.objects.get(email="mentor@example.com")
    assert student.student_profile.is_complete
    assert mentor.mentor_profile.status == MentorProfile.Status.APPROVED
    profile = mentor.mentor_profile  # the profile a newcomer tours agrees with itself
    assert "Robotics Engineer" in profile.job_title and "Boston Dynamics" in profile.bio
    assert "Mechanical Engineering" in profile.bio
    assert {f.cluster for f in profile.career_fields.all()} == {"Engineering & Technology"}
    statuses = set(Interview.objects.filter(student=student).values_list("status", flat=True))
    assert statuses == {"scheduled", "requested", "completed"}
    assert Interview.objects.filter(mentor__user=mentor, status="requested").exists()
    staff = User.objects.get(email="staff@example.edu")
    assert staff.is_staff and not staff.is_superuser  # career staff work through their group
    assert staff.has_perm("mentors.change_pendingmentorprofile")
    counts = (User.objects.count(), Interview.objects.count())
    call_command("seed_demo", "--mentors", "12")
    assert (User.objects.count(), Interview.objects.count()) == counts


def test_seed_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(Exception, match="Refusing"):
        call_command("seed_demo")


def test_the_mentor_home_shows_requests_to_answer(client, settings):
    settings.DEBUG = True
    call_command("seed_demo", "--mentors", "6")
    client.force_login(User.objects.get(email="mentor@example.com"))
    response = client.get("/")
    assert response.status_code == 200
    assert b"Requests to answer" in response.content
    assert b"Jordan Patel" in response.content
    assert b"This month: 0 of at most 3 conversations" in response.content


@pytest.mark.parametrize("seeded_at", ["2026-03-04 06:30Z", "2026-03-04 19:30Z"])
def test_the_past_demo_conversation_took_place_in_the_afternoon_whenever_it_is_seeded(
    settings, seeded_at
):
    import time_machine
    from django.utils import timezone

    settings.DEBUG = True
    with time_machine.travel(seeded_at, tick=False):
        call_command("seed_demo", "--mentors", "8")

    past = Interview.objects.get(student__email="student@example.edu", status="completed")
    local = timezone.localtime(past.starts_at)  # the site's zone, which the demo people use
    assert (local.hour, local.minute) == (14, 0)
    assert past.starts_at < timezone.now()


def test_the_demo_student_finds_a_notebook_being_prepared_and_one_to_follow_up(client, settings):
    from django.urls import reverse

    from notebook.insights_models import Claim
    from notebook.models import Notebook

    settings.DEBUG = True
    call_command("seed_demo", "--mentors", "12")
    student = User.objects.get(email="student@example.edu")
    scheduled = Interview.objects.get(student=student, status="scheduled")
    held = Interview.objects.get(student=student, status="completed")
    preparing = Notebook.objects.get(interview=scheduled)
    assert preparing.questions.count() == 4  # one short of "questions ready": a step left
    assert preparing.research_done and preparing.research_organization
    following = Notebook.objects.get(interview=held)
    assert following.notes.count() == 3
    referral = following.referrals.get()
    assert referral.mentor is not None and referral.contact.may_cite_referrer
    assert Claim.objects.filter(student=student).count() == 1
    client.force_login(student)
    # The referred mentor's request form offers the citation already filled in.
    form = client.get(reverse("interviews:request_create", args=[referral.mentor.pk]))
    assert held.mentor.user.get_full_name() in form.content.decode()
    call_command("seed_demo", "--mentors", "12")
    assert following.notes.count() == 3 and preparing.questions.count() == 4


def test_the_demo_questions_from_the_bank_are_in_the_language_it_is_seeded_in(settings):
    from notebook.data.question_bank_es import QUESTION_BANK_ES
    from notebook.models import MyQuestion
    from notebook.services.prep import bank_questions_ensure

    settings.DEBUG = True
    bank_questions_ensure()  # a transactional test may have emptied the bank
    with translation.override("es"):
        call_command("seed_demo", "--mentors", "8")

    picked = MyQuestion.objects.filter(
        notebook__interview__student__email="student@example.edu", bank_question__isnull=False
    ).select_related("bank_question")
    assert len(picked) == 3
    for question in picked:
        assert question.text == QUESTION_BANK_ES[question.bank_question.text_en]
