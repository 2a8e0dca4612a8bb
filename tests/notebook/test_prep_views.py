"""The Prepare page and the printable sheet: who may open them, what each form does,
mistakes shown at the field with nothing typed lost, and a bounded number of queries."""

import datetime
import re

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.utils import timezone

from notebook.models import MyQuestion, Notebook
from notebook.services.prep import my_question_add, notebook_questions_share
from tests.auth import login_with_second_factor
from tests.factories import InterviewFactory, StaffUserFactory, StudentProfileFactory

from .prep_helpers import add_questions, bank, texts

pytestmark = pytest.mark.django_db


def page_url(interview, rest: str = "") -> str:
    return f"/interviews/{interview.pk}/notebook/{rest}"


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def interview(client):
    """A scheduled video conversation, its student signed in."""
    interview = InterviewFactory(
        scheduled=True,
        student=StudentProfileFactory(user__time_zone="America/New_York").user,
        mentor__user__first_name="Morgan",
        mentor__user__last_name="Reyes",
        mentor__employer="Harbor Analytics",
        meeting_details="https://video.example.com/room/42",
    )
    client.force_login(interview.student)
    return interview


# Who may open it -------------------------------------------------------------------

PAGES = ["", "sheet/", "questions/add/", "research/"]


@pytest.mark.parametrize("rest", PAGES)
def test_nobody_but_the_student_opens_the_notebook(client, rest):
    interview = InterviewFactory(scheduled=True)
    [question] = add_questions(interview, 1)
    outsiders = {
        "another student": StudentProfileFactory().user,
        "the mentor": interview.mentor.user,
    }
    for who, user in outsiders.items():
        client.force_login(user)
        assert client.get(page_url(interview, rest)).status_code == 404, who
        assert client.post(page_url(interview, rest), {"question-text": "Hi"}).status_code == 404
    login_with_second_factor(client, StaffUserFactory())  # the Career staff group
    assert client.get(page_url(interview, rest)).status_code == 404
    client.logout()
    response = client.get(page_url(interview, rest))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert texts(interview) == [question.text]


def test_a_question_of_another_notebook_is_not_found(client, interview):
    other = InterviewFactory(scheduled=True)
    [theirs] = add_questions(other, 1)
    for rest in ("", "move/", "remove/", "asked/"):
        url = page_url(interview, f"questions/{theirs.pk}/{rest}")
        assert client.post(url, {"direction": "up"}).status_code == 404
    assert MyQuestion.objects.filter(pk=theirs.pk).exists()


def test_a_reload_of_a_forms_address_goes_back_to_the_page(client, interview):
    response = client.get(page_url(interview, "questions/add/"))
    assert response.status_code == 302
    assert response["Location"] == page_url(interview)


# My questions ------------------------------------------------------------------------


def test_the_student_picks_bank_questions_by_topic_without_javascript(client, interview):
    lifestyle = bank("lifestyle")
    page = client.get(page_url(interview) + "?topic=lifestyle").content.decode()
    assert lifestyle[0].text in page
    assert bank("work")[0].text not in page

    response = client.post(
        page_url(interview, "questions/from-bank/"),
        {"bank-topic": "lifestyle", "bank-bank_questions": [lifestyle[0].pk, lifestyle[2].pk]},
    )

    assert response.status_code == 302
    assert response["Location"] == page_url(interview) + "?topic=lifestyle#bank"
    assert messages_of(response) == ["Added 2 questions to your list."]
    assert texts(interview) == [lifestyle[0].text, lifestyle[2].text]
    page = client.get(response["Location"]).content.decode()
    assert "(in your list)" in page  # shown ticked, not offered again


def test_adding_nothing_from_the_bank_is_told_at_the_list(client, interview):
    bank("work")
    response = client.post(page_url(interview, "questions/from-bank/"), {"bank-topic": "work"})
    assert response.status_code == 400
    assert "Tick at least one question to add." in response.content.decode()
    assert response.context["bank_form"].errors["bank_questions"]


def test_my_own_question_is_added_and_mistakes_keep_what_was_typed(client, interview):
    long_text = "Why " + "really " * 90
    response = client.post(page_url(interview, "questions/add/"), {"question-text": long_text})
    assert response.status_code == 400
    [error] = response.context["question_form"].errors["text"]
    assert error == f"Keep it to 500 characters; it has {len(long_text.strip())}."
    assert long_text.strip() in response.content.decode()  # nothing typed is lost

    response = client.post(page_url(interview, "questions/add/"), {"question-text": "  "})
    assert response.context["question_form"].errors["text"] == ["Write your question first."]

    response = client.post(
        page_url(interview, "questions/add/"), {"question-text": "What would you do in my place?"}
    )
    assert response.status_code == 302
    assert texts(interview) == ["What would you do in my place?"]


def test_a_question_is_edited_on_its_own_page(client, interview):
    [question] = add_questions(interview, 1)
    url = page_url(interview, f"questions/{question.pk}/")
    assert question.text in client.get(url).content.decode()

    bad = client.post(url, {"edit-text": ""})
    assert bad.status_code == 400
    assert bad.context["form"].errors["text"] == ["Write your question first."]

    response = client.post(url, {"edit-text": "How did you choose this field?"})
    assert response["Location"] == page_url(interview) + f"#question-{question.pk}"
    assert texts(interview) == ["How did you choose this field?"]


def test_a_question_is_removed(client, interview):
    a, b = add_questions(interview, 2)
    response = client.post(page_url(interview, f"questions/{a.pk}/remove/"))
    assert response.status_code == 302
    assert texts(interview) == [b.text]


def test_moving_lands_on_the_moved_questions_button_and_the_ends_are_refused(client, interview):
    a, b = add_questions(interview, 2)

    response = client.post(page_url(interview, f"questions/{b.pk}/move/"), {"direction": "up"})

    assert texts(interview) == [b.text, a.text]
    assert response["Location"] == page_url(interview) + f"?moved={b.pk}&dir=up"
    page = client.get(response["Location"]).content.decode()
    buttons = re.findall(r"<button[^>]*autofocus[^>]*>\s*([^<]+?)\s*</button>", page)
    assert buttons == ["Move up"]  # one button has the focus: the one just pressed...
    moved_item = re.search(rf'<li id="question-{b.pk}".*?</li>', page, re.S)[0]
    assert "autofocus" in moved_item  # ...on the moved question

    response = client.post(page_url(interview, f"questions/{b.pk}/move/"), {"direction": "up"})
    assert response.status_code == 302
    assert messages_of(response) == ["This question is already first; it cannot move further up."]
    response = client.post(page_url(interview, f"questions/{a.pk}/move/"), {"direction": "down"})
    assert messages_of(response)[-1:] == [
        "This question is already last; it cannot move further down."
    ]
    response = client.post(
        page_url(interview, f"questions/{a.pk}/move/"), {"direction": "sideways"}
    )
    assert response.status_code == 302
    assert texts(interview) == [b.text, a.text]


def test_questions_are_ticked_as_asked_from_the_start_time(client, interview):
    [question] = add_questions(interview, 1)
    url = page_url(interview, f"questions/{question.pk}/asked/")
    assert "Mark as asked" not in client.get(page_url(interview)).content.decode()
    response = client.post(url, {"asked": "on"})
    assert messages_of(response) == [
        "You can tick the questions you asked once the conversation has started."
    ]

    with time_machine.travel(interview.starts_at + datetime.timedelta(minutes=3), tick=False):
        assert "Mark as asked" in client.get(page_url(interview)).content.decode()
        client.post(url, {"asked": "on"})
        question.refresh_from_db()
        assert question.asked_at == timezone.now()
        assert "✓ Asked" in client.get(page_url(interview)).content.decode()


def test_the_list_is_copied_from_an_earlier_conversation_in_one_step(client, interview):
    earlier = InterviewFactory(status="completed", student=interview.student)
    empty = InterviewFactory(status="declined", student=interview.student)
    add_questions(earlier, 2, prefix="Earlier")
    choices = client.get(page_url(interview)).context["copy_form"].fields["source"].choices
    assert [value for value, _label in choices] == ["", earlier.pk]
    assert empty.pk not in [value for value, _label in choices]

    client.post(page_url(interview, "questions/copy/"), {"copy-source": earlier.pk})
    again = client.post(page_url(interview, "questions/copy/"), {"copy-source": earlier.pk})

    assert texts(interview) == texts(earlier)
    assert again.status_code == 400
    assert again.context["copy_form"].errors["source"] == [
        "Every question of that conversation is already in this list."
    ]
    theirs = InterviewFactory(status="completed")
    add_questions(theirs, 1)
    refused = client.post(page_url(interview, "questions/copy/"), {"copy-source": theirs.pk})
    assert refused.context["copy_form"].errors["source"] == [
        "Choose one of your conversations listed here."
    ]


def test_shared_questions_appear_to_the_mentor_on_the_interview_page(client, interview):
    add_questions(interview, 2)
    mentor_client = client.__class__()
    mentor_client.force_login(interview.mentor.user)
    detail = f"/interviews/{interview.pk}/"
    assert "Question 1" not in mentor_client.get(detail).content.decode()

    client.post(page_url(interview, "questions/share/"), {"share-questions_shared": "on"})

    page = mentor_client.get(detail).content.decode()
    assert "The questions the student hopes to ask" in page
    assert "Question 1: how did that come about?" in page
    client.post(page_url(interview, "questions/share/"), {})
    assert "Question 1" not in mentor_client.get(detail).content.decode()


# Research notes and the checklist ------------------------------------------------------


def test_research_notes_are_saved_and_an_over_long_note_keeps_all_three(client, interview):
    data = {
        "research-research_field": "A growing field.",
        "research-research_organization": "x" * 3001,
        "research-research_person": "Ten years in analytics.",
    }
    response = client.post(page_url(interview, "research/"), data)
    assert response.status_code == 400
    assert response.context["research_form"].errors["research_organization"]
    html = response.content.decode()
    assert "A growing field." in html and "Ten years in analytics." in html

    data["research-research_organization"] = "Two offices."
    assert client.post(page_url(interview, "research/"), data).status_code == 302
    notebook = Notebook.objects.get(pk=interview.pk)
    assert notebook.research_organization == "Two offices."


def checklist(response) -> dict[str, bool]:
    return {item.name: item.done for item in response.context["checklist"]}


def test_the_checklist_ticks_questions_ready_at_five_and_confirmed_from_the_interview(
    client, interview
):
    add_questions(interview, 4)
    done = checklist(client.get(page_url(interview)))
    assert done == dict.fromkeys(done, False)

    my_question_add(interview=interview, text="A fifth question?")
    interview.confirmed_at = timezone.now()
    interview.save(update_fields=["confirmed_at"])
    client.post(
        page_url(interview, "checklist/"),
        {"checklist-research_done": "on", "checklist-time_noted": "on"},
    )

    response = client.get(page_url(interview))
    assert checklist(response) == {
        "research_done": True,
        "questions_ready": True,
        "resume_copies": False,
        "confirmed": True,
        "attire_ready": False,
        "arrival_planned": False,
        "time_noted": True,
    }
    assert "4 of 7 done." in response.content.decode()


@pytest.mark.parametrize(
    ("format_", "wording"),
    [
        ("in_person", "Arrive 15–20 minutes early"),
        ("video", "Test the video link"),
        ("phone", "Test the phone number"),
    ],
)
def test_the_arrival_item_follows_the_format(client, interview, format_, wording):
    interview.format = format_
    interview.save(update_fields=["format"])
    labels = [item.label for item in client.get(page_url(interview)).context["checklist"]]
    assert any(label.startswith(wording) for label in labels)
    assert "Plan to stay within the 30 minutes you asked for" in labels


# The sheet ---------------------------------------------------------------------------


def test_the_sheet_has_the_questions_the_mentor_time_place_and_research(client, interview):
    add_questions(interview, 2)
    client.post(
        page_url(interview, "research/"),
        {
            "research-research_field": "Fast-growing.",
            "research-research_organization": "Harbor has two offices.",
            "research-research_person": "Ten years in analytics.",
        },
    )
    html = client.get(page_url(interview, "sheet/")).content.decode()
    local = timezone.localtime(interview.starts_at, interview.student.tzinfo)
    for expected in (
        "Morgan Reyes",
        "Harbor Analytics",
        f"{local:%B} {local.day}, {local.year}",
        local.tzname(),
        f"(America/New York ({local.tzname()}))",
        "https://video.example.com/room/42",
        "Question 1: how did that come about?",
        "Question 2: how did that come about?",
        "Fast-growing.",
        "Harbor has two offices.",
        "Ten years in analytics.",
        "css/notebook.css",
        "data-print",
    ):
        assert expected in html, expected


# Query counts --------------------------------------------------------------------------


def _queries(client, url, django_assert_max_num_queries, limit) -> int:
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("rest", ["", "sheet/"])
def test_the_pages_query_count_does_not_grow_with_the_questions(
    client, interview, django_assert_max_num_queries, rest
):
    earlier = InterviewFactory(status="completed", student=interview.student)
    add_questions(earlier, 3)
    add_questions(interview, 5)
    client.get(page_url(interview))  # the notebook exists from here on
    small = _queries(client, page_url(interview, rest), django_assert_max_num_queries, 12)
    add_questions(interview, 20, prefix="More")
    for _ in range(3):
        add_questions(InterviewFactory(status="completed", student=interview.student), 2)
    large = _queries(client, page_url(interview, rest), django_assert_max_num_queries, 12)
    assert len(texts(interview)) == 25
    assert large == small


def test_the_interview_page_section_has_a_bounded_cost(
    client, interview, django_assert_max_num_queries
):
    notebook_questions_share(interview=interview, shared=True)
    detail = f"/interviews/{interview.pk}/"
    add_questions(interview, 5)
    small = _queries(client, detail, django_assert_max_num_queries, 20)
    add_questions(interview, 20, prefix="More")
    assert _queries(client, detail, django_assert_max_num_queries, 20) == small
    client.force_login(interview.mentor.user)
    mentor_small = _queries(client, detail, django_assert_max_num_queries, 20)
    add_questions(interview, 5, prefix="Even more")
    assert _queries(client, detail, django_assert_max_num_queries, 20) == mentor_small


def test_a_request_without_a_time_yet_has_its_notebook_and_sheet(client):
    interview = InterviewFactory(status="requested", research="What I read so far.")
    client.force_login(interview.student)

    page = client.get(page_url(interview))
    sheet = client.get(page_url(interview, "sheet/")).content.decode()

    assert page.status_code == 200
    labels = [item.label for item in page.context["checklist"]]
    assert "Arrive 15–20 minutes early (in person), or test the link or number (video, phone)" in (
        labels
    )
    assert page.context["research_form"]["research_field"].value() == "What I read so far."
    assert "Not fixed yet" in sheet and "What I read so far." in sheet
