"""The Prepare journey in the browser: from a scheduled conversation to the notebook,
five questions from two topics and one of the student's own, a question moved up by
keyboard, the checklist ticking "questions ready" by itself, and the printable sheet."""

import re

import pytest
from playwright.sync_api import expect

from notebook.models import MyQuestion
from notebook.selectors.prep import bank_questions_for
from notebook.services.prep import bank_questions_ensure
from tests.factories import InterviewFactory, StudentProfileFactory

pytestmark = pytest.mark.browser

MINE = "What would you tell someone starting out in this field today?"


def pick(page, topic_label: str, questions: list[str]) -> None:
    """Show one topic of the bank and add the chosen questions, without any script."""
    page.get_by_label("Topic").select_option(label=topic_label)
    with page.expect_navigation():
        page.get_by_role("button", name="Show questions").click()
    for text in questions:
        page.get_by_label(text).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Add selected").click()


def question_texts(page) -> list[str]:
    items = page.get_by_role("region", name="My questions").get_by_role("listitem")
    return [t.strip() for t in items.locator("p:first-child").all_inner_texts()]


def test_prepare_questions_reorder_by_keyboard_and_print_the_sheet(
    transactional_db, page, audit, log_in
):
    bank_questions_ensure()
    student = StudentProfileFactory(user__time_zone="America/New_York").user
    interview = InterviewFactory(
        scheduled=True,
        student=student,
        mentor__user__first_name="Morgan",
        mentor__user__last_name="Reyes",
        meeting_details="https://video.example.com/room/7",
    )
    motivation = [q.text for q in bank_questions_for("motivation")[:3]]
    skills = [q.text for q in bank_questions_for("skills")[:2]]

    log_in(page, student.email)
    page.goto(f"/interviews/{interview.pk}/")
    audit(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Open your notebook").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Prepare for your conversation with Morgan Reyes"
    )
    audit(page)

    pick(page, "Motivation and interest", motivation)
    expect(page.get_by_text("Added 3 questions to your list.")).to_be_visible()
    pick(page, "Essential skills and abilities", skills)
    page.get_by_label("Your question").fill(MINE)
    with page.expect_navigation():
        page.get_by_role("button", name="Add my question").click()
    assert question_texts(page) == [*motivation, *skills, MINE]
    audit(page)

    # By keyboard: focus the last question's "Move up" and press Enter.
    mine = page.get_by_role("listitem").filter(has_text=MINE)
    mine.get_by_role("button", name="Move up").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert question_texts(page) == [*motivation, skills[0], MINE, skills[1]]
    mine_id = MyQuestion.objects.get(text=MINE).pk
    focused = page.evaluate(
        "() => [document.activeElement.textContent.trim(),"
        " document.activeElement.closest('li')?.id]"
    )
    assert focused == ["Move up", f"question-{mine_id}"]
    expect(page.get_by_role("listitem").filter(has_text=MINE)).to_be_in_viewport()

    checklist = page.get_by_role("region", name="Checklist")
    expect(checklist).to_contain_text("✓ Done: Questions ready")
    expect(checklist).to_contain_text("Test the video link")
    audit(page)

    with page.expect_navigation():
        page.get_by_role("link", name="Print your one-page sheet").click()
    sheet = page.get_by_role("article", name="Conversation with Morgan Reyes")
    expect(sheet).to_contain_text("https://video.example.com/room/7")
    expect(sheet).to_contain_text(re.compile(r"\(America/New York \(E[SD]T\)\)"))
    expect(sheet.get_by_role("listitem")).to_have_text([*motivation, skills[0], MINE, skills[1]])
    expect(page.get_by_role("button", name="Print this sheet")).to_be_visible()
    audit(page)
