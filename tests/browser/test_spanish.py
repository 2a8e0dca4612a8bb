"""The site in Spanish, in the browser: a visitor switches to Spanish in the footer, signs
up, sets up a profile and asks an English-speaking mentor for a conversation. The mentor's
emails are in English and the student's in Spanish; and once signed in, a person's own
language wins over the one the browser chose before."""

import datetime
import re
import zoneinfo

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from interviews import notify
from interviews.models import Interview
from interviews.services import interview_accept
from notifications.models import Notification
from tests.factories import PASSWORD, InterviewFactory, MentorProfileFactory
from tests.outbox import rendered
from tests.spanish import english_in, listing, page_text, spanish_in, typed_values
from users.models import User

pytestmark = pytest.mark.browser

CONFIRM_LINK = re.compile(r"https?://[^\s\"<>]+/accounts/confirm-email/[^\s\"<>]+")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def switch_language(page, *, to: str, label: str, button: str) -> None:
    """Choose a language with the footer's switcher, as a person would."""
    footer = page.get_by_role("contentinfo")
    footer.get_by_label(label, exact=True).select_option(label=to)
    with page.expect_navigation():
        footer.get_by_role("button", name=button).click()


def expect_spanish(page) -> None:
    """The page is declared Spanish and holds no English but what people typed."""
    expect(page.locator("html")).to_have_attribute("lang", "es")
    english = english_in(page_text(page.content()), typed=typed_values())
    assert english == [], listing({page.url: english})


def email_text(email) -> str:
    return " | ".join([email.subject, email.body_text, page_text(email.body_html)])


def test_a_visitor_switches_to_spanish_signs_up_and_asks_an_english_speaking_mentor(
    transactional_db, page, audit, sign_in
):
    mentor = MentorProfileFactory(
        user__first_name="Grace",
        user__last_name="Hopper",
        user__language="en",
        user__time_zone="America/New_York",
        meeting_formats=["video", "phone"],
        monthly_cap=5,
    )

    # The landing page in English; the footer's switcher brings it back in Spanish.
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    switch_language(page, to="Español", label="Language", button="Change language")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Conozca una profesión a través de quienes la ejercen"
    )
    expect_spanish(page)
    # Each language is named in itself, and marked as such for screen readers.
    switcher = page.get_by_role("contentinfo").get_by_label("Idioma", exact=True)
    expect(switcher).to_have_value("es")
    expect(switcher.get_by_role("option", name="English")).to_have_attribute("lang", "en")
    expect(switcher.get_by_role("option", name="Español")).to_have_attribute("lang", "es")
    audit(page)

    # Sign-up in Spanish, and the address confirmed from the (Spanish) email.
    page.get_by_role("link", name="Regístrese con su correo de la universidad").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cree su cuenta de estudiante")
    expect_spanish(page)
    page.get_by_label("Nombre", exact=True).fill("Ana")
    page.get_by_label("Apellido").fill("García")
    page.get_by_label("Correo electrónico").fill("ana@example.edu")
    page.get_by_label("Contraseña", exact=True).fill(PASSWORD)
    page.get_by_label("Contraseña (de nuevo)").fill(PASSWORD)
    page.get_by_role("button", name="Registrarse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Verifique su dirección de correo electrónico"
    )
    [message] = [m for m in mail.outbox if "ana@example.edu" in m.to]
    assert "confirme su dirección de correo electrónico" in message.subject
    page.goto(CONFIRM_LINK.search(message.body).group(0))
    page.get_by_role("button", name="Confirmar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Le damos la bienvenida, Ana")
    student = User.objects.get(email="ana@example.edu")
    assert student.language == "es"

    # The directory, the mentor, and the request: the profile comes first, then back.
    page.get_by_role("link", name="Buscar un Mentor Profesional").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Buscar un Mentor Profesional")
    page.get_by_role("link", name="Grace Hopper").click()
    page.get_by_role("link", name="Solicitar una conversación").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Primero complete su perfil")
    page.get_by_role("link", name="Completar su perfil").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Configurar su perfil")
    page.get_by_label("Año de egreso").fill("2027")
    page.get_by_label("Carrera(s)").fill("Economía")
    page.get_by_label("¿En qué punto está de su reflexión profesional?").select_option(
        label="Explorando"
    )
    # Career fields are rows staff keep in both languages ("Accounting").
    page.get_by_role("checkbox", name="Contabilidad").check()
    page.get_by_label("Sus objetivos, en sus propias palabras").fill(
        "Entender cómo se pasa de la economía a la consultoría."
    )
    expect_spanish(page)
    page.get_by_role("button", name="Guardar perfil").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Solicitar una conversación con Grace Hopper"
    )
    page.get_by_label("¿Qué espera aprender?").fill("¿Cómo es una semana normal en su trabajo?")
    page.get_by_label("¿Qué ha averiguado ya sobre el área").fill("Leí el blog de su equipo.")
    page.get_by_role("radio", name="45 minutos").check()
    page.get_by_role("checkbox", name="Videollamada").check()
    day = (timezone.now().astimezone(NEW_YORK) + datetime.timedelta(days=3)).date()
    first = page.get_by_role("group", name="Horario 1")
    first.get_by_label("Fecha").fill(day.isoformat())
    first.get_by_label("Desde").fill("14:00")
    first.get_by_label("Hasta").fill("16:00")
    page.get_by_role("checkbox", name="Solicito información y consejos, no un empleo.").check()
    expect_spanish(page)
    audit(page)
    page.get_by_role("button", name="Vista previa de su mensaje").click()

    # The preview says the mentor reads English, and shows the request as it will reach them.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Vista previa de su solicitud a Grace Hopper"
    )
    expect(page.get_by_text("Grace Hopper lee Career Center en inglés")).to_be_visible()
    as_email = page.get_by_role("region", name="Como correo")
    expect(as_email).to_contain_text("Ana García asks for a short career conversation")
    expect(as_email).to_contain_text("I am asking for information and advice, not for a job.")
    expect(page.get_by_role("article", name="Su solicitud como carta")).to_contain_text(
        "Sincerely,"
    )
    audit(page)
    previewed = page.locator(".email-preview .request-email").inner_text().splitlines()
    page.get_by_role("button", name="Enviar la solicitud").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Conversación con Grace Hopper")
    expect(page.get_by_text("Su solicitud va en camino a Grace Hopper.")).to_be_visible()
    expect(page.get_by_text("Estado: Solicitada")).to_be_visible()
    expect_spanish(page)
    audit(page)

    # The mentor's email is in English, word for word what the student previewed.
    typed = typed_values()
    to_mentor = rendered(Notification.objects.get(kind="interview.request_new"))
    assert to_mentor.to_email == mentor.user.email
    assert to_mentor.subject == "Ana García asks for a short career conversation"
    assert "Answer the request" in to_mentor.body_text
    body = " ".join(to_mentor.body_text.split())
    assert [line for line in previewed if " ".join(line.split()) not in body] == []
    assert spanish_in(email_text(to_mentor), typed=typed) == []
    # The student's is in Spanish.
    to_student = rendered(Notification.objects.get(kind="interview.request_sent"))
    assert to_student.subject == "Su solicitud a Grace Hopper está en camino"
    assert english_in(email_text(to_student), typed=typed) == []

    # The mentor takes the student's time: each is told in their own language.
    interview = Interview.objects.get()
    interview_accept(
        interview=interview,
        by=mentor.user,
        format="video",
        meeting_details="https://video.example.com/room/16",
        proposal_id=interview.proposals.get().pk,
    )
    scheduled = Notification.objects.filter(kind="interview.scheduled")
    to_student = rendered(scheduled.get(recipient=student))
    to_mentor = rendered(scheduled.get(recipient=mentor.user))
    assert english_in(email_text(to_student), typed=typed) == []
    assert spanish_in(email_text(to_mentor), typed=typed) == []

    # The mentor signs in on the same browser, which chose Spanish: their own English wins.
    sign_in(page, mentor.user)
    page.goto(f"/interviews/{interview.pk}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Conversation with Ana García")
    expect(page.get_by_text("Status: Scheduled")).to_be_visible()
    expect(page.get_by_role("contentinfo").get_by_label("Language", exact=True)).to_have_value("en")
    audit(page)


def test_a_signed_in_person_switching_language_keeps_it_for_pages_and_emails(
    transactional_db, page, audit, sign_in
):
    interview = InterviewFactory(mentor__user__language="en")
    mentor = interview.mentor.user
    sign_in(page, mentor)
    page.goto("/accounts/settings/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Settings and emails")

    # The footer's switcher saves the choice: the next pages and emails are in Spanish.
    switch_language(page, to="Español", label="Language", button="Change language")
    expect(page.get_by_role("heading", level=1)).to_have_text("Configuración y correos")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    mentor.refresh_from_db()
    assert mentor.language == "es"
    notify.request_created(interview)
    to_mentor = rendered(Notification.objects.get(kind="interview.request_new", recipient=mentor))
    assert to_mentor.subject.endswith("solicita una breve conversación de orientación profesional")

    # Back to English in the settings: the confirmation is already in English.
    choice = page.get_by_role("main").get_by_label("Idioma")
    expect(choice).to_have_value("es")
    expect(choice.get_by_role("option", name="English")).to_have_attribute("lang", "en")
    audit(page)
    choice.select_option(label="English")
    page.get_by_role("button", name="Guardar la configuración").click()
    expect(page.get_by_text("Your settings are saved.")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    mentor.refresh_from_db()
    assert mentor.language == "en"

    # The browser remembers it too: signed out, the pages stay in English.
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
