"""The question bank: what the data migrations load, in English and Spanish, and staff
keeping it in admin; the notebook in admin, for those with the dedicated permission only."""

import importlib
import re

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import translation

from notebook.data.question_bank import QUESTION_BANK
from notebook.data.question_bank_es import QUESTION_BANK_ES
from notebook.models import BankQuestion, Topic
from notebook.services.prep import my_question_add, my_questions_add_from_bank
from tests.auth import login_with_second_factor
from tests.factories import InterviewFactory, StaffUserFactory

from .prep_helpers import bank, texts

pytestmark = pytest.mark.django_db
BANK = "/admin/notebook/bankquestion/"

seeding = importlib.import_module("notebook.migrations.0002_question_bank")
spanish = importlib.import_module("notebook.migrations.0006_bank_question_text_es")

# Open-ended: no question can be answered with a plain yes or no. Information, never a job.
YES_NO_START = {
    "en": {"Do", "Does", "Is", "Are", "Can", "Did"},
    "es": {"Es", "Son", "Está", "Están", "Hay", "Puede", "Puedo", "Podría", "Tiene", "Ha"},
}
JOB_WORDS = {
    "en": {"hire", "hiring", "opening", "openings"},
    "es": {
        "contratar",
        "contrata",
        "contratan",
        "contraten",
        "contratación",
        "vacante",
        "vacantes",
    },
}
A_JOB = {"en": ("a job",), "es": ("un empleo", "un trabajo", "un puesto", "de empleo")}
# A Spanish question that is open asks with one of these (accented: a question word).
SPANISH_QUESTION_WORDS = {"qué", "cuál", "cuáles", "cómo", "cuánto", "cuántos", "dónde", "quién"}


def assert_open_and_never_a_job(text: str, language: str) -> None:
    assert text.endswith("?"), text
    assert len(text) <= 500
    question = text
    if language == "es":
        # It may open with a phrase ("Según su experiencia, ¿…?"): the question follows ¿.
        assert "¿" in text, text
        question = text.split("¿", 1)[1]
    assert question.split()[0] not in YES_NO_START[language], text
    words = set(re.findall(r"\w+", text.lower()))
    if language == "es":
        assert words & SPANISH_QUESTION_WORDS, text
    assert not words & JOB_WORDS[language], text
    assert not any(phrase in text.lower() for phrase in A_JOB[language]), text


def apps_after(migration: str):
    """The models as the notebook's migration ``migration`` left them (what it runs with)."""
    return MigrationLoader(connection).project_state(("notebook", migration)).apps


def test_the_migrations_load_open_questions_in_each_of_the_eight_topics_in_both_languages():
    BankQuestion.objects.all().delete()

    seeding.load(apps_after("0002_question_bank"), None)
    seeding.load(apps_after("0002_question_bank"), None)  # running it again adds nothing
    spanish.fill(apps_after("0006_bank_question_text_es"), None)
    spanish.fill(apps_after("0006_bank_question_text_es"), None)

    assert set(QUESTION_BANK) == set(Topic.values)
    starters = [text for texts in QUESTION_BANK.values() for text in texts]
    assert list(QUESTION_BANK_ES) == starters  # each starter question, in the bank's order
    assert len(set(QUESTION_BANK_ES.values())) == len(starters) == 50
    for topic in Topic.values:
        questions = BankQuestion.objects.filter(topic=topic).order_by("position")
        assert questions.count() >= 5, topic
        for question in questions:
            assert question.text_en in QUESTION_BANK[topic]
            assert question.text_es == QUESTION_BANK_ES[question.text_en]
            assert_open_and_never_a_job(question.text_en, "en")
            assert_open_and_never_a_job(question.text_es, "es")
    assert BankQuestion.objects.exclude(text_es=None).count() == 50
    spanish.restore_english(apps_after("0005_bank_question_text_languages"), None)
    seeding.unload(apps_after("0002_question_bank"), None)
    assert not BankQuestion.objects.exists()


def test_a_question_staff_changed_keeps_no_spanish_and_shows_in_english():
    BankQuestion.objects.all().delete()
    before = apps_after("0004_insights").get_model("notebook", "BankQuestion")
    seeding.load(apps_after("0002_question_bank"), None)
    reworded = before.objects.filter(topic="work").order_by("position").first()
    reworded.text = "Walk me through yesterday: what filled it?"
    reworded.save()
    added = before.objects.create(topic="skills", text="Which habit has served you best?")

    spanish.fill(apps_after("0006_bank_question_text_es"), None)

    assert BankQuestion.objects.filter(text_es=None).count() == 2
    with translation.override("es"):
        assert BankQuestion.objects.get(pk=added.pk).text == "Which habit has served you best?"
        assert BankQuestion.objects.get(pk=reworded.pk).text.startswith("Walk me through")
        # Saved in Spanish, the original column holds Spanish; backwards it is English again.
        translated = BankQuestion.objects.exclude(text_es=None).first()
        translated.save()
    assert BankQuestion.objects.raw_values("text").get(pk=translated.pk)["text"].startswith("¿")
    spanish.restore_english(apps_after("0005_bank_question_text_languages"), None)
    assert before.objects.get(pk=translated.pk).text == translated.text_en


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
        {"topic": "skills", "text_en": "Which habit has served you best?", "position": "1"},
    )
    assert response.status_code == 302
    added = BankQuestion.objects.get(text_en="Which habit has served you best?")
    assert client.get(f"{BANK}{added.pk}/change/").status_code == 200
    assert client.get(f"{BANK}{added.pk}/delete/").status_code == 403
    assert not staff.has_perm("notebook.delete_bankquestion")


def test_staff_edit_a_question_in_english_and_spanish_and_find_it_in_either(client, staff):
    question = bank("work")[0]
    url = f"{BANK}{question.pk}/change/"
    form = client.get(url).content.decode()
    assert 'name="text_en"' in form and 'name="text_es"' in form
    assert 'name="text"' not in form
    assert "modeltranslation" not in form  # no tabs: their scripts would break the CSP

    response = client.post(
        url,
        {
            "topic": "work",
            "text_en": "Walk me through a recent day: what filled it?",
            "text_es": "Cuénteme cómo fue un día reciente: ¿qué lo ocupó?",
            "position": "10",
        },
    )

    assert response.status_code == 302
    question.refresh_from_db()
    assert question.text_en == "Walk me through a recent day: what filled it?"
    assert question.text_es == "Cuénteme cómo fue un día reciente: ¿qué lo ocupó?"
    for words in ("recent day", "día reciente"):
        found = client.get(BANK, {"q": words}).context["cl"].result_list
        assert list(found) == [question], words

    # An English question is required; a Spanish one is not (it falls back to English).
    response = client.post(url, {"topic": "work", "text_en": "", "text_es": "", "position": "10"})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["text_en"]
    response = client.post(
        url, {"topic": "work", "text_en": "What filled it?", "text_es": "", "position": "10"}
    )
    assert response.status_code == 302
    with translation.override("es"):
        assert BankQuestion.objects.get(pk=question.pk).text == "What filled it?"


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
