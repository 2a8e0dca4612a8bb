"""What insights add to pages of lower apps, through their registries: the mentors to
talk to next, at the top of the directory. Importing this module registers them
(``NotebookConfig.ready()`` does, once the apps are loaded)."""

from __future__ import annotations

from mentors import directory_panels
from users.models import User

from .selectors.recommendations import mentors_to_meet_next


def recommendation_panels(user: User) -> list[directory_panels.Panel]:
    """For a student with suggestions: the mentors to talk to next (nothing otherwise)."""
    if not user.is_authenticated or not user.is_student:
        return []
    recommendations = mentors_to_meet_next(student=user)
    if not recommendations:
        return []
    return [
        directory_panels.Panel(
            template="notebook/insights/_directory_panel.html",
            context={"recommendations": recommendations},
        )
    ]


directory_panels.register(recommendation_panels)
