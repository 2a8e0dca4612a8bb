"""Checks on an uploaded résumé. The bytes decide, not the name or the browser's word."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

RESUME_MAX_BYTES = 5 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


def validate_resume_name(name: str) -> None:
    """Refuse names that carry a path or control characters; such a name is never stored."""
    if (
        not name
        or "/" in name
        or "\\" in name
        or name.startswith(".")
        or (len(name) > 1 and name[1] == ":")  # a Windows drive, "C:resume.pdf"
        or any(not ch.isprintable() for ch in name)
    ):
        raise ValidationError(
            _(
                "The file name looks like a path. Rename the file to something simple, "
                "such as resume.pdf, and choose it again."
            ),
            code="resume_path_name",
        )


def validate_resume_size(size: int) -> None:
    if size > RESUME_MAX_BYTES:
        raise ValidationError(
            _("This file is %(size)s; a résumé can be at most %(limit)s. Save a smaller PDF."),
            params={"size": filesizeformat(size), "limit": filesizeformat(RESUME_MAX_BYTES)},
            code="resume_too_large",
        )


def validate_resume_content(upload) -> None:
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head != PDF_MAGIC:
        raise ValidationError(
            _(
                "This file is not a PDF. Save or export your résumé as a PDF "
                "(File → Save as PDF) and choose it again."
            ),
            code="resume_not_pdf",
        )


def validate_resume(upload) -> None:
    """Every check, cheapest first: name, size, then the first bytes."""
    validate_resume_name(upload.name or "")
    validate_resume_size(upload.size)
    validate_resume_content(upload)
