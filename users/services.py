from django.conf import settings


def email_domain_is_student(email: str) -> bool:
    """True when the address is at one of STUDENT_EMAIL_DOMAINS or a subdomain of one."""
    domain = email.rsplit("@", 1)[-1].strip().lower()
    return any(
        domain == allowed or domain.endswith("." + allowed)
        for allowed in settings.STUDENT_EMAIL_DOMAINS
    )
