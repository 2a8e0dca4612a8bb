"""What insights add to pages of lower apps, through their registries: the mentors to
talk to next, at the top of the directory. Importing this module registers them
(``NotebookConfig.ready()`` does, once the apps are loaded)."""

from __future__ import annotations

from core.cache_versions import VersionedFound, VersionedRead
from mentors import directory_panels
from users.models import User

from .recommendations_cache import recommendations_from, recommendations_read


class RecommendationPanels:
    """For a student with suggestions: the mentors to talk to next (nothing otherwise)."""

    def read(self, user: User) -> VersionedRead | None:
        return recommendations_read(user) if _is_student(user) else None

    def panels(self, user: User, found: VersionedFound | None) -> list[directory_panels.Panel]:
        if not _is_student(user):
            return []
        count, html = recommendations_from(user, found)
        return [directory_panels.Panel(html=html)] if count else []


def _is_student(user: User) -> bool:
    return user.is_authenticated and user.is_student


directory_panels.register(RecommendationPanels())
