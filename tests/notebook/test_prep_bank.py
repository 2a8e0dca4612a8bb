"""The question bank: what the data migration loads, and staff keeping it in admin; the
notebook in admin, for those with the dedicated permission only."""

import importlib

import pytest
from django.apps import apps as global_apps
from django.contrib.auth.models import Permission

from notebook.data.question_bank import QUESTION_BANK
from notebook.models import BankQuestion, Topic
from notebook.services.prep import my_question_add, my_questions_add_from_bank
from tests.auth import login_with_second_factor
from tests.factories import InterviewFactory, StaffUserFactory

from .prep_helpers import bank, texts

pytestmark = pytest.mark.django_db
BANK = "/admin/notebook/bankquestion/"

migration = importlib.import_module("notebook.migrations.0002_question_bank")


def test_the_migration_loads_at_least_five_open_questions_in_each_of_the_eight_topics():
    BankQuestion.objects.all().delete()

    migration.load(global_apps, None)
    migration.load(global_apps, None)  # running it again adds nothing

    assert set(QUESTION_BANK) == set(Topic.values)
    for topic in Topic.values:
        questions = BankQuestion.objects.filter(topic=topic).order_by("position")
        assert questions.count() >= 5, topic
        for question in questions:
            assert question.text.endswith("?"), question.text
            assert len(question.text) <= 500
            # Open-ended: none can be answered with a plain yes or no.
            first_word = question.text.split()[0]
            assert first_word not in {"Do", "Does", "Is", "Are", "Can", "Did"}, question.text
            # Information, never a job.
            assert not {"hire", "hiring", "opening", "openings"} & set(
                question.text.lower().rstrip("?").replace(",", "").split()
            ), question.text
            assert "a job" not in question.text.lower(), question.text
    migration.unload(global_apps, None)
    assert not BankQuestion.objects.exists()


@pytest.fixture
def staff(client):
    staff = StaffUserFactory()
    login_with_second_factor(client, staff)
    return staff


def test_staff_filter_reorder_and_retire_bank_questions_in_the_list(client, staff):
    work = bank("work")
    first, second = work[0], work[1]
    page = client.get(BANK + "?topic__exact=motivation").content.decode()
    assert bank("motivation")[0].text in page and first.text not in page

    changelist = client.get(BANK + "?topic__exact=work")
    formset = changelist.context["cl"].formset
    data = {
        "form-TOTAL_FORMS": str(len(formset.forms)),
        "form-INITIAL_FORMS": str(len(formset.forms)),
        "_save": "Save",
    }
    for n, form in enumerate(formset.forms):
        question = form.instance
        data[f"form-{n}-id"] = str(question.pk)
        data[f"form-{n}-position"] = "5" if question.pk == second.pk else str(question.position)
        if question.retired or question.pk == first.pk:
            data[f"form-{n}-retired"] = "on"
    response = client.post(BANK + "?topic__exact=work", data)

    assert response.status_code == 302
    offered = bank("work")
    assert offered[0] == second  # moved to the top of its topic
    assert first not in offered  # retired: no longer offered to students


def test_retiring_in_bulk_keeps_the_question_in_a_students_list(client, staff):
    interview = InterviewFactory(scheduled=True)
    chosen = bank("industry")[:2]
    my_questions_add_from_bank(interview=interview, bank_question_ids=[q.pk for q in chosen])

    response = client.post(
        BANK, {"action": "retire", "_selected_action": [q.pk for q in chosen]}, follow=True
    )

    assert "Retired 2 questions." in response.content.decode()
    assert BankQuestion.objects.filter(pk__in=[q.pk for q in chosen], retired=True).count() == 2
    assert texts(interview) == [q.text for q in chosen]


def test_staff_add_and_edit_but_do_not_delete_bank_questions(client, staff):
    response = client.post(
        BANK + "add/",
        {"topic": "skills", "text": "Which habit has served you best?", "position": "1"},
    )
    assert response.status_code == 302
    added = BankQuestion.objects.get(text="Which habit has served you best?")
    assert client.get(f"{BANK}{added.pk}/change/").status_code == 200
    assert client.get(f"{BANK}{added.pk}/delete/").status_code == 403
    assert not staff.has_perm("notebook.delete_bankquestion")


def test_the_bank_list_has_a_fixed_query_count(client, staff, django_assert_max_num_queries):
    bank("work")
    client.get(BANK)
    with django_assert_max_num_queries(15) as small:
        client.get(BANK)
    BankQuestion.objects.bulk_create(
        BankQuestion(topic="work", text=f"Extra {n}?", position=100 + n) for n in range(40)
    )
    with django_assert_max_num_queries(15) as large:
        client.get(BANK)
    assert len(small) == len(large)


# Notebooks in admin --------------------------------------------------------------------


def _notebook_with_a_question():
    interview = InterviewFactory(scheduled=True)
    my_question_add(interview=interview, text="Private question of the student?")
    return interview


def test_career_staff_do_not_read_notebooks(client, staff):
    interview = _notebook_with_a_question()
    assert not staff.has_perm("notebook.read_notebook")
    assert client.get("/admin/notebook/notebook/").status_code == 403
    assert client.get(f"/admin/notebook/notebook/{interview.pk}/change/").status_code == 403
    assert "Private question" not in client.get("/admin/").content.decode()


def test_only_the_dedicated_permission_reads_a_notebook_and_nobody_changes_it(client):
    interview = _notebook_with_a_question()
    reader = StaffUserFactory(staff_group=False)
    reader.user_permissions.add(Permission.objects.get(codename="view_notebook"))
    login_with_second_factor(client, reader)
    assert client.get("/admin/notebook/notebook/").status_code == 403  # view alone: no

    reader.user_permissions.add(Permission.objects.get(codename="read_notebook"))
    assert client.get("/admin/notebook/notebook/").status_code == 200
    url = f"/admin/notebook/notebook/{interview.pk}/change/"
    page = client.get(url).content.decode()
    assert "Private question of the student?" in page
    assert 'name="research_field"' not in page  # read-only
    client.post(url, {"research_field": "changed"})
    assert interview.notebook.research_field != "changed"
