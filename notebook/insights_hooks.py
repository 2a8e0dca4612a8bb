"""What insights add to pages of lower apps, through their registries: the mentors to
talk to next, at the top of the directory. Importing this module registers them
(``NotebookConfig.ready()`` does, once the apps are loaded)."""

from __future__ import annotations

from mentors import directory_panels
from users.models import User

from .recommendations_cache import recommendations_panel_html


def recommendation_panels(user: User) -> list[directory_panels.Panel]:
    """For a student with suggestions: the mentors to talk to next (nothing otherwise)."""
    if not user.is_authenticated or not user.is_student:
        return []
    html = recommendations_panel_html(user)
    return [directory_panels.Panel(html=html)] if html else []


directory_panels.register(recommendation_panels)
