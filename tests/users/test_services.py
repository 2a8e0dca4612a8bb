import pytest
from django.test import override_settings

from users.services import email_domain_is_student


@override_settings(STUDENT_EMAIL_DOMAINS=["example.edu", "uni.ac.uk"])
@pytest.mark.parametrize(
    ("email", "allowed"),
    [
        ("ada@example.edu", True),
        ("ada@EXAMPLE.EDU", True),
        ("ada@cs.example.edu", True),
        ("ada@mail.cs.example.edu", True),
        ("ada@uni.ac.uk", True),
        ("ada@example.edu.evil.com", False),
        ("ada@notexample.edu", False),
        ("ada@example.education", False),
        ("example.edu@gmail.com", False),
        ("ada@gmail.com", False),
    ],
)
def test_student_domain_rule(email, allowed):
    assert email_domain_is_student(email) is allowed
