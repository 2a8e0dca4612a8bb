"""Every page carries a Content-Security-Policy that stops injected markup from running code."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/guide/", "/no-such-page/"])
def test_every_page_forbids_scripts_and_styles_from_anywhere_but_this_site(client, path):
    policy = client.get(path)["Content-Security-Policy"]
    directives = {}
    for directive in filter(None, (part.strip() for part in policy.split(";"))):
        name, _, value = directive.partition(" ")
        directives[name] = value
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"  # no 'unsafe-inline', no 'unsafe-eval'
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


@pytest.mark.django_db
def test_no_template_uses_inline_event_handlers_scripts_or_style_elements():
    """The policy would block them; a test catches one before a browser does."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "templates"
    offenders = []
    for template in root.rglob("*.html"):
        if "emails" in template.parts:
            continue  # emails are not pages and are read in mail programs
        text = template.read_text()
        if (
            "<style" in text
            or re.search(r"\son[a-z]+\s*=", text)
            or re.search(r"<script(?![^>]*\ssrc=)(?![^>]*application/json)", text)
        ):
            offenders.append(str(template.relative_to(root)))
    assert offenders == []
