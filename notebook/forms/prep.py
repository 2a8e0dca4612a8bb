"""The Prepare page's forms: each is a small POST form of its own, so a mistake in one
keeps what was typed in it and nothing else is lost."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import ServiceErrorsMixin
from interviews.models import Interview

from ..models import QUESTION_MAX_CHARS, RESEARCH_MAX_CHARS, BankQuestion, Notebook, Topic
from ..selectors.prep import arrival_label, attire_label, time_label

# Django's length check fills in the counts.
TOO_LONG = _("Keep it to %(limit_value)d characters; it has %(show_value)d.")


class ResearchForm(ServiceErrorsMixin, forms.Form):
    research_field = forms.CharField(
        label=_("The career field"),
        required=False,
        max_length=RESEARCH_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the work involves, where it is heading, the usual paths into it."),
    )
    research_organization = forms.CharField(
        label=_("The organization"),
        required=False,
        max_length=RESEARCH_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What it does, its size, recent news, its reports."),
    )
    research_person = forms.CharField(
        label=_("The person"),
        required=False,
        max_length=RESEARCH_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Their role, their path so far, anything they have written or said."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "research")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["max_length"] = TOO_LONG

    @classmethod
    def for_notebook(cls, notebook: Notebook, data=None) -> ResearchForm:
        return cls(
            data,
            initial={
                "research_field": notebook.research_field,
                "research_organization": notebook.research_organization,
                "research_person": notebook.research_person,
            },
        )


class ChecklistForm(forms.Form):
    """The items the student ticks; the labels follow the conversation's format."""

    research_done = forms.BooleanField(label=_("Research done"), required=False)
    resume_copies = forms.BooleanField(label=_("Résumé copies ready"), required=False)
    attire_ready = forms.BooleanField(required=False)
    arrival_planned = forms.BooleanField(required=False)
    time_noted = forms.BooleanField(required=False)

    def __init__(self, *args, interview: Interview, notebook: Notebook, **kwargs):
        kwargs.setdefault("prefix", "checklist")
        kwargs.setdefault("initial", {name: getattr(notebook, name) for name in self.base_fields})
        super().__init__(*args, **kwargs)
        self.fields["attire_ready"].label = attire_label(interview)
        self.fields["arrival_planned"].label = arrival_label(interview)
        self.fields["time_noted"].label = time_label(interview)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-check-input"


class QuestionForm(ServiceErrorsMixin, forms.Form):
    text = forms.CharField(
        label=_("Your question"),
        max_length=QUESTION_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Open-ended: ask how, why or what, not a yes-or-no question."),
        error_messages={
            "required": _("Write your question first."),
            "max_length": TOO_LONG,
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "question")
        super().__init__(*args, **kwargs)


class TopicForm(forms.Form):
    """The bank's topic filter, read from the query string."""

    topic = forms.ChoiceField(
        label=_("Topic"),
        choices=Topic.choices,
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    @property
    def topic_value(self) -> str:
        if self.is_valid() and self.cleaned_data["topic"]:
            return self.cleaned_data["topic"]
        return Topic.values[0]


class BankPickForm(ServiceErrorsMixin, forms.Form):
    """Checkboxes for one topic's bank questions; those already in the list are shown
    ticked and cannot be chosen again."""

    bank_questions = forms.TypedMultipleChoiceField(
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Tick at least one question to add."),
            "invalid_choice": _(
                "That question is no longer offered. Choose from the questions shown."
            ),
        },
    )
    topic = forms.ChoiceField(choices=Topic.choices, widget=forms.HiddenInput)

    def __init__(self, *args, topic: str, questions: list[BankQuestion], **kwargs):
        kwargs.setdefault("prefix", "bank")
        kwargs["initial"] = {"topic": topic}
        super().__init__(*args, **kwargs)
        field = self.fields["bank_questions"]
        field.label = Topic(topic).label
        field.choices = [(q.pk, q.text) for q in questions]  # type: ignore[attr-defined]


class CopyForm(ServiceErrorsMixin, forms.Form):
    source = forms.TypedChoiceField(
        label=_("Copy the questions of"),
        coerce=int,
        error_messages={
            "required": _("Choose the conversation to copy from."),
            "invalid_choice": _("Choose one of your conversations listed here."),
        },
    )

    def __init__(self, *args, choices: list[tuple[int, str]], **kwargs):
        kwargs.setdefault("prefix", "copy")
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [("", _("Choose a conversation")), *choices]  # type: ignore[attr-defined]


class ShareForm(forms.Form):
    questions_shared = forms.BooleanField(
        label=_("Share my questions with the mentor before the meeting"),
        required=False,
        help_text=_(
            "They see your list on the conversation's page, and can think about their "
            "answers. Your research notes and checklist stay yours."
        ),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "share")
        super().__init__(*args, **kwargs)


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("up")), ("down", _("down"))])


class AskedForm(forms.Form):
    asked = forms.BooleanField(required=False)
