"""A student's first hour: sign up, verify, set up a profile with a résumé, list three
people, and see what to do next. Every page passes axe-core and the Nu checker."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from playwright.sync_api import expect

from students.models import Contact, StudentProfile
from tests.factories import PASSWORD, ContactFactory, StudentProfileFactory
from tests.storage import use_private_folder
from users.models import User

pytestmark = pytest.mark.browser

CONFIRM_LINK = re.compile(r"https?://[^\s\"<>]+/accounts/confirm-email/[^\s\"<>]+")
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture
def denver_page(browser, live_server):
    """A browser in a time zone other than the server's, to see the default come from it."""
    cache.clear()  # allauth's rate limits live in the cache
    context = browser.new_context(
        base_url=live_server.url, locale="en-US", timezone_id="America/Denver"
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def resume_pdf(tmp_path):
    path = tmp_path / "Ada résumé.pdf"
    path.write_bytes(PDF)
    return path


@pytest.fixture(autouse=True)
def private_media(tmp_path, settings):
    root = tmp_path / "private"
    return use_private_folder(settings, root)


def next_step(page):
    return page.get_by_role("heading", name=re.compile("^Your next step"))


def add_contact(page, *, name, relationship, connection, button):
    page.get_by_label("Name").fill(name)
    page.get_by_label("Relationship").select_option(label=relationship)
    page.get_by_label("How they connect to your interests").fill(connection)
    page.get_by_role("button", name=button).click()


def test_sign_up_onboard_list_three_people_and_see_the_next_step(
    denver_page, audit, resume_pdf, private_media
):
    page = denver_page
    page.goto("/accounts/signup/")
    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Last name").fill("Lovelace")
    page.get_by_label("Email", exact=True).fill("ada@example.edu")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Verify", re.I))

    [message] = [m for m in mail.outbox if "ada@example.edu" in m.to]
    page.goto(CONFIRM_LINK.search(message.body).group(0))
    page.get_by_role("button", name="Confirm").click()

    # The dashboard guides a new student to the profile first.
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Ada")
    expect(next_step(page)).to_contain_text("Complete your profile")
    audit(page)
    page.get_by_role("link", name="Set up your profile").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your profile")
    expect(page.get_by_label("Time zone")).to_have_value("America/Denver")
    audit(page)

    # A mistake first: the page keeps everything and says what to fix.
    page.get_by_label("Class year").fill("2027")
    page.get_by_label("Major(s)").fill("Mathematics")
    page.get_by_label("Where are you in your career thinking?").select_option(label="Exploring")
    page.get_by_label("Accounting").check()
    page.get_by_label("Your goals, in your own words").fill(
        "Find out how people move from mathematics into software."
    )
    linkedin = page.get_by_label("LinkedIn profile address")
    linkedin.fill("https://example.com/ada")
    page.get_by_role("button", name="Save profile").click()
    expect(linkedin).to_have_attribute("aria-invalid", "true")
    expect(linkedin).to_have_accessible_description(re.compile("linkedin.com"))
    expect(page.get_by_label("Major(s)")).to_have_value("Mathematics")
    expect(page.get_by_label("Your goals, in your own words")).to_have_value(
        "Find out how people move from mathematics into software."
    )
    expect(page.get_by_label("Accounting")).to_be_checked()
    expect(page.get_by_label("Time zone")).to_have_value("America/Denver")
    audit(page)

    linkedin.fill("https://www.linkedin.com/in/ada-lovelace")
    page.get_by_label("Résumé (PDF, up to 5 MB)").set_input_files(resume_pdf)
    page.get_by_role("button", name="Save profile").click()

    expect(next_step(page)).to_contain_text("Brainstorm the people you know")
    audit(page)
    user = User.objects.get(email="ada@example.edu")
    profile = StudentProfile.objects.get(user=user)
    assert profile.is_complete
    assert user.time_zone == "America/Denver"
    assert (private_media / profile.resume.name).read_bytes() == PDF

    page.get_by_role("link", name="Open your networking list").first.click()
    expect(page.get_by_role("heading", name="Who do you already know?")).to_be_visible()
    audit(page)

    page.get_by_role("link", name="Add the first person").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a person")
    audit(page)
    add_contact(
        page,
        name="Grace Hopper",
        relationship="Professor",
        connection="Worked on compilers; knows people at software firms.",
        button="Save and add another",
    )
    expect(page.get_by_text("Grace Hopper is on your list.")).to_be_visible()
    add_contact(
        page,
        name="Charles Babbage",
        relationship="Family member",
        connection="My uncle; an engineer.",
        button="Save and add another",
    )
    add_contact(
        page,
        name="Mary Somerville",
        relationship="Past supervisor",
        connection="Ran the summer science camp I worked at.",
        button="Save contact",
    )

    table = page.get_by_role("table")
    for name in ("Grace Hopper", "Charles Babbage", "Mary Somerville"):
        expect(table.get_by_role("link", name=name)).to_be_visible()
    expect(page.get_by_text("3 people on your list")).to_be_visible()
    audit(page)
    assert Contact.objects.filter(student=user).count() == 3

    page.get_by_role("link", name="Dashboard").click()
    expect(next_step(page)).to_contain_text("Research a field")
    expect(page.get_by_text("Your profile is 100% complete.")).to_be_visible()
    audit(page)


def test_other_student_pages_pass_the_checks(page, audit, sign_in, transactional_db):
    profile = StudentProfileFactory()
    jane = ContactFactory(student=profile.user, name="Jane Doe", status="contacted")
    ContactFactory(
        student=profile.user,
        name="Lee Park",
        origin="referral",
        referred_by=jane,
        referred_by_name="Jane Doe",
    )
    sign_in(page, profile.user)

    page.goto("/students/profile/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My profile")
    audit(page)

    page.goto("/students/network/")
    page.get_by_label("Known or referred").select_option(label="People referred to me")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("table").get_by_role("link")).to_have_text(["Lee Park"])
    audit(page)

    page.get_by_role("link", name="Lee Park").click()
    expect(page.get_by_text("Jane Doe suggested I contact you.")).to_be_visible()
    audit(page)
    page.get_by_label("Who referred them to you?").fill("")
    page.get_by_label("…or pick the referrer from your list").select_option(
        label="Nobody on my list"
    )
    page.get_by_role("button", name="Save contact").click()
    expect(page.get_by_label("Who referred them to you?")).to_have_attribute("aria-invalid", "true")
    # The page opens on a summary of what to fix, each item a link to its field.
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name="Who referred them to you?").click()
    expect(page.get_by_label("Who referred them to you?")).to_be_focused()
    audit(page)

    page.get_by_role("link", name="Remove from my list").click()
    audit(page)

    page.goto("/account/delete/")
    page.get_by_label("Your password").fill("not it")
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_label("Your password")).to_have_attribute("aria-invalid", "true")
    audit(page)
