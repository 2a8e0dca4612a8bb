"""The program report page in admin: who may open it, the period form, the CSV files."""

import csv
import datetime
import io

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.utils import translation

from interviews.models import Interview
from tests.auth import login_with_second_factor
from tests.factories import InterviewFactory, StaffUserFactory, StudentUserFactory

pytestmark = pytest.mark.django_db

URL = "/admin/reports/program/"


def body(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8-sig")


@time_machine.travel(datetime.datetime(2026, 3, 15, 15, tzinfo=datetime.UTC), tick=False)
def test_the_report_opens_on_this_term_with_its_figures(staff_client):
    client, _staff = staff_client
    InterviewFactory.create_batch(2)

    page = client.get(URL)

    assert page.status_code == 200
    assert page.context["report"].start == datetime.date(2026, 1, 1)
    assert page.context["report"].end == datetime.date(2026, 5, 31)
    text = page.content.decode()
    assert "Requests sent" in text
    assert 'role="img"' in text and "<desc" in text  # a chart, described
    assert "Download “Key figures” as CSV" in text


def test_in_spanish_the_report_names_the_career_fields_in_spanish(staff_client):
    client, staff = staff_client
    staff.language = "es"
    staff.save(update_fields=["language"])
    InterviewFactory()

    with translation.override("es"):
        page = client.get(URL)
        offered = [str(f) for f in page.context["form"].fields["career_field"].queryset]

    text = page.content.decode()
    assert "Ingeniería de software" in text and "Docencia en educación básica y media" in text
    assert "Software Engineering" not in text and "K-12 Teaching" not in text
    # The field to report on is chosen from the Spanish names, in their order.
    assert offered[0] == "Administración de la educación superior"
    assert offered == sorted(offered)


def test_the_admin_index_links_to_the_report(staff_client):
    client, _staff = staff_client
    assert URL in client.get("/admin/").content.decode()


def test_people_without_the_permission_get_nothing(client):
    student = StudentUserFactory()
    client.force_login(student)
    assert client.get(URL).status_code == 302  # to the admin sign-in
    assert client.get(URL + "?download=summary").status_code == 302

    bare_staff = StaffUserFactory(staff_group=False)
    login_with_second_factor(client, bare_staff)
    assert client.get(URL).status_code == 403
    assert client.get(URL + "?download=summary").status_code == 403
    assert "/admin/reports/program/" not in client.get("/admin/").content.decode()

    bare_staff.user_permissions.add(Permission.objects.get(codename="view_program_report"))
    assert client.get(URL).status_code == 200


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"start": "2026-05-01", "end": "2026-04-01"}, "end", "The end comes before the start"),
        ({"start": "", "end": ""}, "start", "Choose the first day of the period."),
        ({"start": "2026-05-01", "end": ""}, "end", "Choose the last day of the period."),
        ({"start": "May first", "end": "2026-06-01"}, "start", "Enter a valid date"),
    ],
)
def test_a_bad_period_is_explained_next_to_its_field(staff_client, query, field, message):
    client, _staff = staff_client

    page = client.get(URL, query)

    assert page.status_code == 200
    assert message in " ".join(page.context["form"].errors[field])
    assert "report" not in page.context
    html = page.content.decode()
    assert f'id="id_{field}_error"' in html
    assert f'value="{query["start"]}"' in html or not query["start"]  # nothing typed is lost


def test_each_table_downloads_as_csv_with_the_figures_on_the_page(staff_client):
    client, _staff = staff_client
    interview = InterviewFactory()
    Interview.objects.filter(pk=interview.pk).update(status="declined")
    today = datetime.date.today()
    query = {"start": (today - datetime.timedelta(days=7)).isoformat(), "end": today.isoformat()}

    response = client.get(URL, {**query, "download": "outcomes"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(body(response))))
    assert rows[0] == ["Outcome", "Requests"]
    assert dict(rows[1:])["Declined"] == "1"
    most_asked = list(
        csv.reader(io.StringIO(body(client.get(URL, {**query, "download": "most_asked"}))))
    )
    assert most_asked[1][1:] == ["1", "0.5", "yes"]  # one request in 8 days, 2 a month
    for name in ("summary", "over_time", "load", "gaps", "fields", "feedback"):
        assert client.get(URL, {**query, "download": name}).status_code == 200
    assert client.get(URL, {**query, "download": "nothing"}).status_code == 404


def test_the_page_runs_a_fixed_number_of_queries(staff_client, django_assert_max_num_queries):
    client, _staff = staff_client
    InterviewFactory.create_batch(2)
    with django_assert_max_num_queries(14) as few:
        client.get(URL)
    InterviewFactory.create_batch(6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(URL)
