"""Model factories shared by the whole suite."""

import factory
from allauth.account.models import EmailAddress
from factory.django import DjangoModelFactory

from users.models import User

PASSWORD = "a-Strong-pass-2026"


class UserFactory(DjangoModelFactory):
    """A user who can sign in at once: password set, email address verified."""

    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.edu")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    role = User.Role.STUDENT
    password = PASSWORD
    email_verified = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        password = kwargs.pop("password")
        verified = kwargs.pop("email_verified")
        user = model_class(*args, **kwargs)
        user.set_password(password)
        user.save()
        EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
        return user


class StudentUserFactory(UserFactory):
    role = User.Role.STUDENT


class MentorUserFactory(UserFactory):
    email = factory.Sequence(lambda n: f"mentor{n}@example.com")
    role = User.Role.MENTOR


class StaffUserFactory(UserFactory):
    email = factory.Sequence(lambda n: f"staff{n}@example.edu")
    role = User.Role.STAFF
    is_staff = True
