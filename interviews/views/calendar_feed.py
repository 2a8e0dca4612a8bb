"""The calendar feed: the page where a person turns it on, renews or ends it, and the
feed itself, which a calendar app fetches with the secret address and no sign-in."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.signing import BadSignature
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from notifications.services import absolute_url

from ..access import access_calendar_feed
from ..forms import CalendarFeedForm
from ..ics import calendar_feed_ics
from ..models import CalendarFeed
from ..selectors import calendar_feed_interviews
from ..services import calendar_feed_new_address, calendar_feed_turn_off

# Only the token's fingerprint is stored, so the page can show a new address only to
# the browser that just made it: the token rides in a signed cookie, scoped to the page,
# for a few minutes (and is shown only while it is still the feed's current address).
NEW_ADDRESS_COOKIE = "calendar_feed_new"
NEW_ADDRESS_SALT = "interviews.calendar_feed"
NEW_ADDRESS_SECONDS = 15 * 60
RATE_WINDOW_SECONDS = 60 * 60


def _page_path() -> str:
    return reverse("interviews:calendar_feed")


def _new_address_token(request, feed: CalendarFeed | None) -> str:
    if feed is None:
        return ""
    try:
        token = request.get_signed_cookie(
            NEW_ADDRESS_COOKIE, salt=NEW_ADDRESS_SALT, max_age=NEW_ADDRESS_SECONDS
        )
    except (KeyError, BadSignature):
        return ""
    return token if CalendarFeed.fingerprint(token) == feed.token_hash else ""


def _feed_urls(token: str) -> dict[str, str]:
    if not token:
        return {}
    url = absolute_url(reverse("calendar_feed", args=[token]))
    return {"feed_url": url, "webcal_url": "webcal://" + url.split("://", 1)[1]}


def _rate_exceeded(fingerprint: str) -> bool:
    """Count a request for this feed address in the current hour (which starts at the
    first one). The default cache keeps counting in the database while Redis is down
    (``core.cache``); the count is keyed by the fingerprint, never the token."""
    key = f"calendar-feed:requests:{fingerprint}"
    cache.add(key, 0, timeout=RATE_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # the hour ended (or the cache switched over) between the calls
        cache.set(key, 1, timeout=RATE_WINDOW_SECONDS)
        count = 1
    return count > settings.CALENDAR_FEED_REQUESTS_PER_HOUR


@never_cache
@login_required
def calendar_feed_settings(request):
    form = CalendarFeedForm(request.POST or None)
    if form.is_valid():
        response = redirect("interviews:calendar_feed")
        if form.cleaned_data["action"] == CalendarFeedForm.TURN_OFF:
            calendar_feed_turn_off(user=request.user)
            messages.success(request, _("Your calendar feed is off. Its address no longer works."))
            response.delete_cookie(NEW_ADDRESS_COOKIE, path=_page_path())
            return response
        token = calendar_feed_new_address(user=request.user)
        messages.success(request, _("Your calendar feed has a new address. Copy it below."))
        response.set_signed_cookie(
            NEW_ADDRESS_COOKIE,
            token,
            salt=NEW_ADDRESS_SALT,
            max_age=NEW_ADDRESS_SECONDS,
            path=_page_path(),
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response
    feed = CalendarFeed.objects.filter(user=request.user).first()
    context = {"form": form, "feed": feed, **_feed_urls(_new_address_token(request, feed))}
    return render(
        request, "interviews/calendar_feed.html", context, status=400 if form.errors else 200
    )


@require_safe
def calendar_feed(request, token: str):
    """The person's conversations as a subscription calendar (text/calendar), for the
    token's owner only; no sign-in, since calendar apps have none. Answers 304 to a
    request whose ETag (or Last-Modified) still matches, and 429 past the rate limit
    for this token (counted before the token is looked up, the same for any token)."""
    if _rate_exceeded(CalendarFeed.fingerprint(token)):
        response = HttpResponse(
            _("Too many requests for this calendar feed. Try again in an hour."),
            content_type="text/plain; charset=utf-8",
            status=429,
        )
        response["Retry-After"] = str(RATE_WINDOW_SECONDS)
        return response
    feed = access_calendar_feed(token=token)
    interviews = calendar_feed_interviews(user=feed.user)
    # Calendar apps send no cookie and their own Accept-Language: the feed is written in
    # its owner's language, as their emails are.
    with translation.override(feed.user.language):
        body = calendar_feed_ics(
            interviews, name=_("%(site)s conversations") % {"site": settings.SITE_NAME}
        )
    # The ETag is the body's own digest: any change a reader could see changes it.
    # Last-Modified, for clients that send only If-Modified-Since, is coarser: the
    # latest change to a listed conversation or to the feed's address (a renamed person
    # or a conversation that left the feed does not move it). Clients that send both
    # are judged by the ETag alone (RFC 9110, 13.2.2).
    changed = max([feed.created_at, *(interview.updated_at for interview in interviews)])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["ETag"] = quote_etag(hashlib.sha256(body.encode()).hexdigest())
    response["Last-Modified"] = http_date(changed.timestamp())
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Content-Disposition"] = 'inline; filename="conversations.ics"'
    return get_conditional_response(
        request,
        etag=response["ETag"],
        last_modified=int(changed.timestamp()),
        response=response,
    )
