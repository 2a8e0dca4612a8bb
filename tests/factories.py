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
    """Career staff: admin access through the staff group, not a superuser.

    ``StaffUserFactory(staff_group=False)`` is staff with no permissions at all.
    """

    class Meta:
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"staff{n}@example.edu")
    role = User.Role.STAFF
    is_staff = True

    @factory.post_generation
    def staff_group(self, create, extracted, **kwargs):
        if create and extracted is not False:
            from home.staff import staff_group_ensure

            self.groups.add(staff_group_ensure())


def _now():
    from django.utils import timezone

    return timezone.now()


class StudentProfileFactory(DjangoModelFactory):
    """A complete student profile (no résumé), with one career field of interest."""

    class Meta:
        model = "students.StudentProfile"
        skip_postgeneration_save = True

    user = factory.SubFactory(StudentUserFactory)
    class_year = 2027
    majors = "Economics"
    minors = ""
    career_stage = "exploring"
    goals = "Learn what the work is like day to day."
    completed_at = factory.LazyFunction(_now)

    @factory.post_generation
    def fields_of_interest(self, create, extracted, **kwargs):
        if not create:
            return
        from mentors.models import CareerField

        fields = extracted if extracted is not None else CareerField.objects.order_by("pk")[:1]
        self.fields_of_interest.set(fields)


class ContactFactory(DjangoModelFactory):
    class Meta:
        model = "students.Contact"

    student = factory.SubFactory(StudentUserFactory)
    name = factory.Faker("name")
    relationship = "friend"
    organization = factory.Faker("company")
    role = factory.Faker("job")
    status = "to_contact"
    origin = "first_degree"


class MentorProfileFactory(DjangoModelFactory):
    """An approved Career Mentor with one career field; search columns kept current."""

    class Meta:
        model = "mentors.MentorProfile"
        skip_postgeneration_save = True

    user = factory.SubFactory(MentorUserFactory)
    status = "approved"
    graduation_year = 2012
    degree = "BA"
    major = "Economics"
    # Plain values: a random company or job could match the words a search test uses.
    employer = factory.Sequence(lambda n: f"Organization {n}")
    job_title = "Analyst"
    industry = "business_finance"
    city = "Boston"
    region = "Massachusetts"
    country = "United States"
    bio = "I help students understand what the work is like."
    topics = "Breaking into the field"
    meeting_formats = factory.LazyFunction(lambda: ["video", "phone"])
    monthly_cap = 2
    consented_at = factory.LazyFunction(_now)
    approved_at = factory.LazyAttribute(lambda o: _now() if o.status == "approved" else None)

    @factory.post_generation
    def career_fields(self, create, extracted, **kwargs):
        if not create:
            return
        from mentors.models import CareerField
        from mentors.services import mentor_search_text_refresh

        fields = extracted if extracted is not None else CareerField.objects.order_by("pk")[:1]
        self.career_fields.set(fields)
        mentor_search_text_refresh(mentor_ids=[self.pk])
        self.refresh_from_db(fields=["display_name", "fields_text"])


class InterviewFactory(DjangoModelFactory):
    """A requested interview between a complete student and an approved mentor.

    Use ``scheduled=True`` (with optional ``starts_at``) for one with a fixed time.
    """

    class Meta:
        model = "interviews.Interview"
        skip_postgeneration_save = True

    class Params:
        scheduled = factory.Trait(
            status="scheduled",
            format="video",
            meeting_details="https://video.example.com/room/1",
            starts_at=factory.LazyFunction(lambda: _now().replace(microsecond=0) + _days(3)),
            ends_at=factory.LazyAttribute(lambda o: o.starts_at + _minutes(o.duration_minutes)),
        )

    student = factory.LazyFunction(lambda: StudentProfileFactory().user)
    mentor = factory.SubFactory(MentorProfileFactory)
    goal = "What does a typical week look like, and how did you get started?"
    research = "I read the company's annual report and two interviews with you."
    not_a_job_request = True
    duration_minutes = 30
    formats = factory.LazyFunction(lambda: ["video", "phone"])


class TimeProposalFactory(DjangoModelFactory):
    class Meta:
        model = "interviews.TimeProposal"

    interview = factory.SubFactory(InterviewFactory)
    proposed_by = "student"
    starts_at = factory.LazyFunction(lambda: _now().replace(microsecond=0) + _days(2))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + _minutes(120))


def _days(n):
    from datetime import timedelta

    return timedelta(days=n)


def _minutes(n):
    from datetime import timedelta

    return timedelta(minutes=n)
