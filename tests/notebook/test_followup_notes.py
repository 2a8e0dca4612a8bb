"""Notes from the conversation: when they open, their limits, who sees them."""

import pytest
from django.urls import reverse

from core.errors import ApplicationError
from interviews.services import interview_cancel, interview_mark_no_show
from notebook.models import NOTE_MAX_CHARS, ConversationNote, Notebook, Referral
from notebook.services.meeting import note_add, note_remove, note_update, referral_add
from tests.auth import login_with_second_factor
from tests.factories import StaffUserFactory

from .followup import a_student, conversation, held_conversation, upcoming_conversation

pytestmark = pytest.mark.django_db


def notes_url(interview) -> str:
    return reverse("notebook:notes", args=[interview.pk])


def test_notes_are_added_edited_and_removed_after_the_start():
    held = held_conversation()
    note = note_add(interview=held, by=held.student, kind="advice", text="  Take statistics.  ")
    assert (note.kind, note.text) == ("advice", "Take statistics.")
    note_update(note=note, by=held.student, kind="term", text="Bayesian inference")
    note.refresh_from_db()
    assert (note.kind, note.text) == ("term", "Bayesian inference")
    note_remove(note=note, by=held.student)
    assert not ConversationNote.objects.exists()


def test_notes_open_only_when_the_conversation_starts():
    upcoming = upcoming_conversation()
    with pytest.raises(ApplicationError, match="Notes open when the conversation starts"):
        note_add(interview=upcoming, by=upcoming.student, kind="point", text="Too early")
    under_way = conversation(hours_from_now=-0.1)
    note_add(interview=under_way, by=under_way.student, kind="point", text="During it")
    assert ConversationNote.objects.count() == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [("   ", "Write the note first."), ("x" * (NOTE_MAX_CHARS + 1), "Keep a note under")],
)
def test_an_empty_or_over_long_note_is_refused_next_to_the_text(text, message):
    held = held_conversation()
    with pytest.raises(ApplicationError, match=message) as refused:
        note_add(interview=held, by=held.student, kind="point", text=text)
    assert refused.value.field == "text"


def test_notes_are_kept_read_only_when_the_conversation_did_not_take_place(client):
    held = held_conversation()
    note_add(interview=held, by=held.student, kind="advice", text="Keep this")
    held = interview_mark_no_show(interview=held, by=held.mentor.user)
    with pytest.raises(ApplicationError, match="did not take place"):
        note_add(interview=held, by=held.student, kind="point", text="After")
    client.force_login(held.student)
    page = client.get(notes_url(held)).content.decode()
    assert "Keep this" in page
    assert "your notes are kept as they are" in page
    assert "Add the note" not in page


def test_a_cancelled_conversation_keeps_its_notebook():
    upcoming = upcoming_conversation()
    Notebook.objects.create(interview=upcoming, research_field="What I found")
    upcoming = interview_cancel(interview=upcoming, by=upcoming.student, reason="Exam moved")
    with pytest.raises(ApplicationError, match="cancelled"):
        note_add(interview=upcoming, by=upcoming.student, kind="point", text="After")
    assert Notebook.objects.get(interview=upcoming).research_field == "What I found"


def test_the_page_says_when_notes_open_and_refuses_a_post_before(client):
    upcoming = upcoming_conversation()
    client.force_login(upcoming.student)
    page = client.get(notes_url(upcoming)).content.decode()
    assert "Notes open when the conversation starts" in page
    response = client.post(notes_url(upcoming), {"note-kind": "point", "note-text": "Early"})
    assert response.status_code == 400
    assert "Notes open when the conversation starts" in response.content.decode()
    assert "Early" in response.content.decode()  # what was typed comes back
    assert not ConversationNote.objects.exists()


def test_a_note_posted_over_the_limit_comes_back_with_the_message_and_the_text(client):
    held = held_conversation()
    client.force_login(held.student)
    long_text = "word " * 500
    response = client.post(notes_url(held), {"note-kind": "advice", "note-text": long_text})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ensure this value has at most 2000 characters" in page
    assert long_text.strip()[:100] in page
    response = client.post(notes_url(held), {"note-kind": "advice", "note-text": "Read Tufte"})
    assert response.status_code == 302
    assert "Read Tufte" in client.get(notes_url(held)).content.decode()


def test_a_note_is_edited_and_removed_through_the_page(client):
    held = held_conversation()
    note = note_add(interview=held, by=held.student, kind="point", text="First take")
    client.force_login(held.student)
    edit = reverse("notebook:note_edit", args=[held.pk, note.pk])
    assert client.get(edit).status_code == 200
    response = client.post(edit, {"edit-kind": "advice", "edit-text": ""})
    assert response.status_code == 400
    assert "Write the note first." in response.content.decode()
    client.post(edit, {"edit-kind": "advice", "edit-text": "Second take"})
    note.refresh_from_db()
    assert (note.kind, note.text) == ("advice", "Second take")
    client.post(reverse("notebook:note_remove", args=[held.pk, note.pk]))
    assert not ConversationNote.objects.exists()


def test_only_the_student_sees_the_notes_page(client):
    held = held_conversation()
    other_student = a_student()
    note = note_add(interview=held, by=held.student, kind="point", text="Private")
    urls = [
        notes_url(held),
        reverse("notebook:note_edit", args=[held.pk, note.pk]),
        reverse("notebook:thanks", args=[held.pk]),
        reverse("notebook:thanks_letter", args=[held.pk]),
    ]
    anonymous = [client.get(url) for url in urls]
    assert all(r.status_code == 302 and "/accounts/login/" in r.url for r in anonymous)
    for person in (other_student, held.mentor.user):
        client.force_login(person)
        assert [client.get(url).status_code for url in urls] == [404] * len(urls)
        response = client.post(notes_url(held), {"note-kind": "point", "note-text": "Sneaky"})
        assert response.status_code == 404
        assert (
            client.post(reverse("notebook:note_remove", args=[held.pk, note.pk])).status_code == 404
        )
    client.logout()
    staff = StaffUserFactory()
    login_with_second_factor(client, staff)
    assert [client.get(url).status_code for url in urls] == [404] * len(urls)
    assert ConversationNote.objects.get().text == "Private"


def test_another_students_note_cannot_be_reached_through_my_conversation(client):
    held = held_conversation()
    mine = conversation(hours_from_now=-2.5, student=held.student)
    theirs = conversation(hours_from_now=-3)
    note = note_add(interview=theirs, by=theirs.student, kind="point", text="Theirs")
    client.force_login(held.student)
    assert client.get(reverse("notebook:note_edit", args=[mine.pk, note.pk])).status_code == 404


def test_the_notes_page_query_count_does_not_grow(client, django_assert_max_num_queries):
    held = held_conversation()
    client.force_login(held.student)
    note_add(interview=held, by=held.student, kind="point", text="One")
    referral_add(interview=held, by=held.student, name="Jane Roe")
    client.get(notes_url(held))
    with django_assert_max_num_queries(12) as small:
        client.get(notes_url(held))
    for i in range(20):
        note_add(interview=held, by=held.student, kind="advice", text=f"Note {i}")
        referral_add(interview=held, by=held.student, name=f"Person {i}", organization="Acme")
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(notes_url(held)).content.decode()
    assert "Note 19" in page and "Person 19" in page
    assert Referral.objects.count() == 21


def test_each_step_links_to_its_part_of_the_guide(client):
    held = held_conversation()
    client.force_login(held.student)
    notes_page = client.get(notes_url(held)).content.decode()
    assert 'href="/guide/#notes"' in notes_page
    assert 'href="/guide/#referrals"' in notes_page
    guide = client.get("/guide/").content.decode()
    assert all(f'id="{anchor}"' in guide for anchor in ("notes", "referrals", "thank-you"))


def test_the_notes_page_leads_to_recording_insights_once_the_conversation_started(client):
    upcoming = upcoming_conversation()
    held = held_conversation()
    client.force_login(held.student)
    record = reverse("notebook:insights_record", args=[held.pk])
    assert f'href="{record}"' in client.get(notes_url(held)).content.decode()
    client.force_login(upcoming.student)
    early = reverse("notebook:insights_record", args=[upcoming.pk])
    assert early not in client.get(notes_url(upcoming)).content.decode()
