"""Staff pages inside admin (the program report, the alumni import) and the public page
an invited alum's link opens."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.errors import ApplicationError
from core.exports import csv_download
from mentors.forms import VolunteerForm
from mentors.models import MentorProfile
from mentors.services import mentor_volunteer
from mentors.views import volunteer_rate_limited
from notifications.enqueue import enqueue_without_waiting

from . import alumni
from .forms import AlumniUploadForm, ReportFilterForm
from .models import AlumniImport
from .selectors import program_report
from .services import (
    alumni_import_create,
    alumni_import_queue,
    alumni_import_unqueue,
    alumni_invitation_accept,
    alumni_invitation_for_token,
)
from .tables import report_tables
from .tasks import alumni_import_run

# Rows of each kind the preview lists on the page; the CSV download has them all.
PREVIEW_ROWS = 200


@permission_required("reports.view_program_report", raise_exception=True)
def program_report_view(request):
    form = ReportFilterForm(request.GET or None)
    context = {**admin.site.each_context(request), "form": form, "title": _("Program report")}
    if form.is_valid():
        report = program_report(
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
            career_field=form.cleaned_data["career_field"],
        )
        tables = report_tables(report)
        if name := request.GET.get("download"):
            if name not in tables:
                raise Http404
            table = tables[name]
            filename = f"report-{name}-{report.start:%Y-%m-%d}-{report.end:%Y-%m-%d}.csv"
            return csv_download(filename, table.headers, table.rows)
        query = request.GET.copy()
        query.pop("download", None)
        query.update({"start": report.start.isoformat(), "end": report.end.isoformat()})
        context.update(report=report, tables=tables, query=query.urlencode())
    return render(request, "reports/admin/program_report.html", context)


def alumni_upload_view(request, model_admin):
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    posted = request.method == "POST"
    form = AlumniUploadForm(request.POST if posted else None, request.FILES if posted else None)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            # One byte over the limit is enough for the service to say it is too large.
            job = alumni_import_create(
                data=upload.read(model_admin.max_bytes + 1), file_name=upload.name, by=request.user
            )
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            return redirect("admin:reports_alumniimport_change", job.pk)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "form": form,
        "title": _("Import an alumni list"),
        "max_size": model_admin.max_bytes,
    }
    return render(request, "reports/admin/alumni_upload.html", context)


def alumni_import_view(request, model_admin, job_id):
    job = get_object_or_404(AlumniImport, pk=job_id)
    if not model_admin.has_view_permission(request, job):
        raise PermissionDenied
    if request.method == "POST":
        if not model_admin.has_add_permission(request):
            raise PermissionDenied
        return _start_import(request, job)
    if request.GET.get("download") == "rows":
        return csv_download(
            f"alumni-import-{job.pk}.csv",
            [_("line"), *alumni.COLUMNS, _("result"), _("problems")],
            (
                [r["line"], *(r[c] for c in alumni.COLUMNS), alumni.STATE_LABELS[r["state"]],
                 " ".join(r["problems"])]
                for r in job.rows
            ),
        )  # fmt: skip
    sections = []
    for state in alumni.STATE_LABELS:
        rows = [r for r in job.rows if r["state"] == state]
        if rows:
            sections.append((state, alumni.STATE_LABELS[state], rows[:PREVIEW_ROWS], len(rows)))
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "job": job,
        "note": alumni.encoding_note(job.encoding),
        "sections": sections,
        "preview_rows": PREVIEW_ROWS,
        "columns": alumni.COLUMNS,
        "title": _("Alumni list: %(name)s") % {"name": job.file_name},
        "can_import": job.status in (AlumniImport.Status.PREVIEW, AlumniImport.Status.FAILED)
        and model_admin.has_add_permission(request),
    }
    template = "reports/admin/alumni_import.html"
    if request.GET.get("part") == "progress":
        template = "reports/admin/includes/alumni_progress.html"
    return render(request, template, context)


def _start_import(request, job: AlumniImport):
    try:
        job = alumni_import_queue(job=job)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("admin:reports_alumniimport_change", job.pk)
    if enqueue_without_waiting(alumni_import_run, job.pk):
        messages.success(request, _("The import has started. This page shows its progress."))
    else:
        alumni_import_unqueue(job=job)
        messages.error(
            request,
            _("The task queue did not answer, so nothing was imported. Try again in a minute."),
        )
    return redirect("admin:reports_alumniimport_change", job.pk)


def invitation_accept_view(request, token: str):
    """An invited alum's link: the volunteer form, filled in from the invitation. They
    consent and are approved like every volunteer."""
    invitation = alumni_invitation_for_token(token)
    if invitation is None:
        return render(request, "reports/invitation_invalid.html", status=404)
    user = request.user if request.user.is_authenticated else None
    if user is not None and MentorProfile.objects.filter(user=user).exists():
        alumni_invitation_accept(invitation=invitation)
        messages.info(request, _("You have volunteered already. Here is your profile."))
        return redirect("mentors:edit")
    initial = {
        "first_name": invitation.first_name,
        "last_name": invitation.last_name,
        "email": invitation.email,
        "employer": invitation.employer,
        "job_title": invitation.job_title,
        "graduation_year": invitation.graduation_year,
    }
    form = VolunteerForm(request.POST or None, user=user, initial=initial)
    if form.is_valid() and not volunteer_rate_limited(request, form):
        mentor_volunteer(
            request=request,
            user=user,
            account_data=form.account_data(),
            profile_data=form.profile_data(),
            career_fields=form.cleaned_data["career_fields"],
            time_zone=form.cleaned_data["time_zone"],
        )
        alumni_invitation_accept(invitation=invitation)
        request.session["mentor_volunteered_new_account"] = user is None
        return redirect("mentors:volunteer_thanks")
    return render(
        request,
        "reports/invitation_accept.html",
        {
            "form": form,
            "invitation": invitation,
            "action": reverse("reports:invitation_accept", args=[token]),
        },
    )
