"""Where the private storage (résumés) puts files during a test."""

from pathlib import Path


def use_private_folder(settings, root: Path) -> Path:
    """Résumés go to ``root`` on local disk until the test ends (pytest-django's
    ``settings`` fixture puts STORAGES back)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "students.storage.PrivateStorage",
            "OPTIONS": {"location": str(root)},
        },
    }
    return root
