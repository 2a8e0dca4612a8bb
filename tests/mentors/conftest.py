import pytest
from django.test import Client

from tests.factories import StudentUserFactory


@pytest.fixture
def student(db):
    return StudentUserFactory()


@pytest.fixture
def student_client(student):
    client = Client()
    client.force_login(student)
    return client
