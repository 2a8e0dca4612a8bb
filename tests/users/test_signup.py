from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.core import mail
from django.urls import reverse

from users.models import User

SIGNUP = {
    "first_name": "Ada",
    "last_name": "Lovelace",
    "email": "ada@example.edu",
    "password1": "a-Strong-pass-2026",
    "password2": "a-Strong-pass-2026",
}


def test_signup_creates_an_unverified_student_and_sends_the_link(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_signup"), SIGNUP)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="ada@example.edu")
    assert user.role == User.Role.STUDENT
    assert (user.first_name, user.last_name) == ("Ada", "Lovelace")
    assert not EmailAddress.objects.get(user=user).verified
    [message] = mail.outbox
    assert "/accounts/confirm-email/" in message.body


def test_signup_with_another_domain_is_refused_with_a_clear_message(client, db):
    response = client.post(reverse("account_signup"), SIGNUP | {"email": "ada@gmail.com"})

    assert response.status_code == 200
    assert "university email address" in response.context["form"].errors["email"][0]
    assert "@example.edu" in response.content.decode()
    assert not User.objects.exists()


def test_weak_password_is_refused(client, db):
    response = client.post(
        reverse("account_signup"), SIGNUP | {"password1": "password", "password2": "password"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert not User.objects.exists()


def test_expired_verification_link_shows_a_clear_page(client, db, time_machine):
    client.post(reverse("account_signup"), SIGNUP)
    address = EmailAddress.objects.get(email="ada@example.edu")
    url = reverse("account_confirm_email", args=[EmailConfirmationHMAC(address).key])

    time_machine.move_to("2100-01-01")
    response = client.get(url)

    assert response.status_code == 200
    content = response.content.decode()
    assert "expired or is invalid" in content
    assert reverse("account_email") in content
    address.refresh_from_db()
    assert not address.verified


def test_unknown_verification_link_shows_the_same_clear_page(client, db):
    response = client.get(reverse("account_confirm_email", args=["no-such-key"]))

    assert response.status_code == 200
    assert "expired or is invalid" in response.content.decode()


def test_signup_page_is_for_students_and_sends_alumni_to_volunteer(client, db, settings):
    settings.STUDENT_EMAIL_DOMAINS = ["example.edu", "alumni.example.edu"]
    html = " ".join(client.get(reverse("account_signup")).content.decode().split())
    assert "<title> Create your student account · " in html
    assert '<h1 class="h2 mb-3"> Create your student account </h1>' in html
    assert "university email address (@example.edu, @alumni.example.edu)" in html
    assert f'<a href="{reverse("mentors:volunteer")}">volunteer as a Career Mentor</a>' in html
    # The explanation comes before the form.
    assert html.index("volunteer as a Career Mentor") < html.index('name="email"')
