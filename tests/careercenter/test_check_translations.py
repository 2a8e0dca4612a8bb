"""scripts/check_translations.py (run by `make lint`) finds words people read that are
not marked for translation, and passes the project as it is."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location(
    "check_translations", ROOT / "scripts/check_translations.py"
)
assert _spec and _spec.loader
checker = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(checker)


def _found(tmp_path, name: str, text: str) -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return checker.check([path])


def test_the_project_passes():
    assert checker.main([]) == 0


def test_planted_template_text_and_attributes_are_found(tmp_path):
    found = _found(
        tmp_path,
        "page.html",
        "{% load i18n %}\n"
        "<h1>{% translate 'Marked' %}</h1>\n"
        "<p>Planted sentence</p>\n"
        '<img src="x.png" alt="Planted picture">\n'
        '<input placeholder="{% translate "Marked too" %}">\n'
        "{% blocktranslate %}Marked block{% endblocktranslate %}\n"
        "<script>var english = 'not text';</script>\n"
        "<p>{{ value }} · 42</p>\n"
        "<p>Ignored {# i18n: ignore #}</p>\n",
    )
    assert [f.split(": ", 1)[1] for f in found] == [
        "not marked for translation: 'Planted sentence'",
        "not marked for translation: 'Planted picture'",
    ]
    assert ":3:" in found[0] and ":4:" in found[1]


def test_planted_email_text_is_found(tmp_path):
    found = _found(tmp_path, "email.txt", "{% load i18n %}{% translate 'Hello' %}\nSee you soon\n")
    assert len(found) == 1 and "'See you soon'" in found[0]


def test_planted_python_strings_are_found(tmp_path):
    found = _found(
        tmp_path,
        "views.py",
        "from django import forms\n"
        "from django.contrib import messages\n"
        "from django.db import models\n"
        "from django.utils.translation import gettext_lazy as _\n"
        "def view(request, form):\n"
        "    messages.success(request, 'Planted message')\n"
        "    messages.success(request, _('Marked message'))\n"
        "    form.add_error('name', f'Planted {form}')\n"
        "    raise forms.ValidationError('Planted error')\n"
        "class Form(forms.Form):\n"
        "    name = forms.CharField(label='Planted label', help_text=_('Marked'))\n"
        "class Colour(models.TextChoices):\n"
        "    RED = 'red', 'Planted choice'\n"
        "    BLUE = 'blue', _('Blue')\n"
        "class Thing(models.Model):\n"
        "    made_at = models.DateTimeField(auto_now_add=True)\n"
        "    named = models.DateTimeField(_('named'))\n"
        "    owner = models.ForeignKey('users.User', models.CASCADE, verbose_name=_('owner'))\n"
        "    other = models.ForeignKey('users.User', models.CASCADE)\n"
        "    code = models.CharField(max_length=3, help_text='kept')  # i18n: ignore\n",
    )
    lines = sorted(int(f.split(":")[1]) for f in found)
    assert lines == [6, 8, 9, 11, 13, 16, 19]
