"""What the API shows of each resource (read), and what a system may send (write)."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lotrinh.accounts import permissions as perms
from lotrinh.agencies.models import Agency, AgencySuccession
from lotrinh.api.messages import VietnameseErrors
from lotrinh.documents.models import GeneratedDocument
from lotrinh.indicators.models import Indicator, Observation
from lotrinh.programmes.models import Clause, Programme, Task, TaskAssignment, TaskGroup
from lotrinh.reporting.models import (
    AgencyReport,
    Comment,
    ReportEntry,
    ReportingPeriod,
    ReportingRegime,
    TaskStatus,
)


@extend_schema_field(
    {"type": "string", "anyOf": [{"format": "uri"}, {"maxLength": 0}], "maxLength": 500}
)
class LinkOrEmptyField(serializers.CharField):
    """A link that may be left empty (a model URLField with blank=True), checked as
    DRF's URLField checks one; the schema says "a URI or empty", since an empty string is
    not a URI (schemathesis found "" answered where the schema promised `format: uri`)."""

    default_error_messages = {"invalid": serializers.URLField.default_error_messages["invalid"]}

    def to_internal_value(self, data: Any) -> str:
        # Checked here, not as a field validator, which would make the schema say
        # `format: uri` again (drf-spectacular reads the validators).
        from django.core.exceptions import ValidationError
        from django.core.validators import URLValidator

        value: str = super().to_internal_value(data)
        if value:
            try:
                URLValidator()(value)
            except ValidationError:
                self.fail("invalid")
        return value


class ProgrammeSerializer(serializers.ModelSerializer):
    # Agencies' plans may share a number (two provinces' 144/KH-UBND): the issuer and the
    # lineage say whose each is; versions count per lineage (docs/cascade.md).
    issuer = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Programme
        fields = [
            "id",
            "code",
            "slug",
            "version",
            "lineage",
            "issuer",
            "status",
            "kind",
            "title",
            "title_en",
            "issue_date",
            "implements",
            "implements_code",
            "source",
            "note",
            "note_en",
        ]


class ClauseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Clause
        fields = ["id", "programme", "ref", "anchor", "kind", "label", "text", "parent", "depth"]


class TaskGroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = TaskGroup
        fields = ["id", "programme", "ref", "title", "position"]


class AssignmentSerializer(serializers.ModelSerializer):
    agency_code = serializers.CharField(
        source="agency.code", default=None, allow_null=True, read_only=True
    )

    class Meta:
        model = TaskAssignment
        fields = ["id", "task", "role", "agency", "agency_code", "generic", "name_as_written"]


class TaskSerializer(serializers.ModelSerializer):
    group_ref = serializers.CharField(
        source="group.ref", default=None, allow_null=True, read_only=True
    )
    assignments = AssignmentSerializer(many=True, read_only=True)

    class Meta:
        model = Task
        fields = [
            "id",
            "programme",
            "group",
            "group_ref",
            "clause",
            "ref",
            "text",
            "deadline_text",
            "deadline",
            "recurrence",
            "output",
            "note",
            "note_en",
            "assignments",
        ]


class SuccessionSerializer(serializers.ModelSerializer):
    predecessor_code = serializers.CharField(source="predecessor.code", read_only=True)
    successor_code = serializers.CharField(
        source="successor.code", default=None, allow_null=True, read_only=True
    )
    source = serializers.SerializerMethodField(
        help_text="The documents and web pages the reference row cites, separated by "
        '"; " (MOST\'s monitors and system administrators read the working note as written).'
    )

    def get_source(self, row: AgencySuccession) -> str:
        # The same rule as the agency's page: the public reads what the working note cites.
        request = self.context.get("request")
        if request is not None and perms.may_read_data_notes(request.user):
            return row.source
        from lotrinh.agencies.sources import public_sources

        return "; ".join(found.url or found.text for found in public_sources(row.source))

    class Meta:
        model = AgencySuccession
        fields = [
            "id",
            "predecessor",
            "predecessor_code",
            "successor",
            "successor_code",
            "kind",
            "effective_date",
            "source",
            "note",
            "note_en",
        ]


class AgencySerializer(serializers.ModelSerializer):
    valid = serializers.SerializerMethodField(help_text="Valid on the `as_of` date asked.")
    holder = serializers.SerializerMethodField(
        help_text="The agency that holds its responsibilities on `as_of` (itself until succeeded)."
    )
    successions = serializers.SerializerMethodField()
    units = serializers.SerializerMethodField(
        help_text="The agency's units (empty until the registry holds units)."
    )

    class Meta:
        model = Agency
        fields = [
            "id",
            "code",
            "name_vi",
            "name_en",
            "abbreviation",
            "kind",
            "valid_from",
            "valid_to",
            "valid",
            "holder",
            "successions",
            "units",
        ]

    def get_valid(self, agency: Agency) -> bool:
        return agency.is_valid_on(self.context["as_of"])

    def get_holder(self, agency: Agency) -> str:
        return str(self.context["graph"].holder_at(agency, self.context["as_of"]).code)

    def get_successions(self, agency: Agency) -> list[dict[str, Any]]:
        rows = self.context["successions"].get(agency.pk, [])
        return list(SuccessionSerializer(rows, many=True, context=self.context).data)

    def get_units(self, agency: Agency) -> list[dict[str, Any]]:
        from lotrinh.api.seams import agency_units

        return agency_units(agency, self.context["as_of"])


class RegimeSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportingRegime
        fields = [
            "id",
            "programme",
            "code",
            "name",
            "name_en",
            "clause_ref",
            "frequency",
            "deadline_month",
            "deadline_day",
            "first_year",
        ]


class PeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportingPeriod
        fields = ["id", "regime", "year", "label", "start", "end", "due_date"]


class PlanTaskSerializer(serializers.ModelSerializer):
    """A task of an agency's plan (a child programme): the national tasks it carries out
    (confirmed links) and the units assigned it."""

    plan = serializers.IntegerField(source="programme_id", read_only=True)
    implements = serializers.SerializerMethodField()
    lead_units = serializers.SerializerMethodField()
    coordinating_units = serializers.SerializerMethodField()

    class Meta:
        model = Task
        fields = [
            "id",
            "plan",
            "ref",
            "text",
            "deadline",
            "deadline_text",
            "output",
            "implements",
            "lead_units",
            "coordinating_units",
        ]

    def get_implements(self, task: Task) -> list[dict[str, Any]]:
        return [
            {"task": link.parent_task_id, "ref": link.parent_task.ref}
            for link in task.links_up.all()
            if link.confirmed
        ]

    def _units(self, task: Task, role: str) -> list[str]:
        return [a.unit.name_vi for a in task.unit_assignments.all() if a.role == role]

    def get_lead_units(self, task: Task) -> list[str]:
        return self._units(task, "lead")

    def get_coordinating_units(self, task: Task) -> list[str]:
        return self._units(task, "coordinating")


class PlanSerializer(serializers.ModelSerializer):
    """An agency's implementation plan of a programme: its child programme (docs/cascade.md)."""

    agency = serializers.IntegerField(source="issuer_id", read_only=True)
    agency_code = serializers.CharField(source="issuer.code", read_only=True)
    programme = serializers.IntegerField(source="implements_id", read_only=True)
    issued = serializers.SerializerMethodField()
    document_number = serializers.SerializerMethodField()
    document_date = serializers.SerializerMethodField()
    tasks = PlanTaskSerializer(many=True, read_only=True)

    class Meta:
        model = Programme
        fields = [
            "id",
            "agency",
            "agency_code",
            "programme",
            "code",
            "version",
            "status",
            "issued",
            "document_number",
            "document_date",
            "note",
            "tasks",
        ]

    def get_issued(self, plan: Programme) -> bool:
        return plan.status == "published"

    def get_document_number(self, plan: Programme) -> str:
        return plan.code if plan.status == "published" else ""

    def get_document_date(self, plan: Programme) -> str | None:
        return plan.issue_date.isoformat() if plan.status == "published" else None


class EntrySerializer(serializers.ModelSerializer):
    task_ref = serializers.CharField(source="task.ref", read_only=True)
    evidence_link = LinkOrEmptyField(read_only=True)
    evidence_file_url = serializers.SerializerMethodField()

    class Meta:
        model = ReportEntry
        fields = [
            "id",
            "report",
            "task",
            "task_ref",
            "via",
            "status",
            "result",
            "evidence_number",
            "evidence_date",
            "evidence_link",
            "evidence_name",
            "evidence_size",
            "evidence_type",
            "evidence_file_url",
            "difficulties",
            "proposals",
            "version",
            "updated_at",
        ]

    def get_evidence_file_url(self, entry: ReportEntry) -> str | None:
        from django.urls import reverse

        if not entry.evidence_file:
            return None
        return reverse("reporting:evidence", args=[entry.report_id, entry.pk])


class RefusesUnknownFields:
    """A write serializer that refuses a field it does not have (a typo, a read-only field
    such as `version` or `report`, a forged one) with a 400 naming it, instead of
    silently ignoring it and answering 200 with nothing changed; and text that arrived
    as bytes that are not UTF-8 (`_unreadable_fields`), instead of saving "��"."""

    # A browser's form posted with a session may carry Django's CSRF field.
    ALLOWED_EXTRA = frozenset({"csrfmiddlewaretoken"})

    def to_internal_value(self, data: Any) -> Any:
        from collections.abc import Mapping

        from django.utils.translation import gettext as _

        if isinstance(data, Mapping):
            known = set(self.fields) | self.ALLOWED_EXTRA  # type: ignore[attr-defined]
            unknown = [str(name) for name in data if name not in known]
            if unknown:
                message = _(
                    "Không sửa được trường này qua API (không có, hoặc chỉ đọc): "
                    "chưa ghi gì. Xem /api/v1/docs/."
                )
                raise serializers.ValidationError(
                    {name.replace("\x00", "") or "?": [message] for name in unknown}
                )
            unreadable = _unreadable_fields(data)
            if unreadable:
                message = _("Văn bản có ký tự không đọc được: hãy gửi văn bản mã UTF-8.")
                raise serializers.ValidationError({name: [message] for name in unreadable})
        return super().to_internal_value(data)  # type: ignore[misc]


def _unreadable_fields(data: Any) -> list[str]:
    """Fields whose text holds U+FFFD, the character Django puts for bytes that are not
    UTF-8 when it decodes a form or multipart body (errors="replace"): saved, it would be
    "��" in place of what was meant. A JSON body with such bytes is refused already."""
    pairs = data.lists() if hasattr(data, "lists") else data.items()
    return [
        str(name)
        for name, value in pairs
        if any(
            isinstance(v, str) and "\ufffd" in v
            for v in (value if isinstance(value, list) else [value])
        )
    ]


class EntryWriteSerializer(RefusesUnknownFields, VietnameseErrors, serializers.Serializer):
    """The fields a system may change on an entry (all optional: send what changes)."""

    status = serializers.ChoiceField(choices=TaskStatus.choices, required=False)
    result = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    evidence_number = serializers.CharField(required=False, allow_blank=True, max_length=120)
    evidence_date = serializers.DateField(required=False, allow_null=True)
    evidence_link = LinkOrEmptyField(required=False, allow_blank=True, max_length=500)
    evidence_file = serializers.FileField(required=False, help_text="multipart/form-data only")
    evidence_remove = serializers.BooleanField(required=False)
    difficulties = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    proposals = serializers.CharField(required=False, allow_blank=True, max_length=20000)


class ReportSerializer(serializers.ModelSerializer):
    agency_code = serializers.CharField(source="agency.code", read_only=True)
    year = serializers.IntegerField(source="period.year", read_only=True)
    regime = serializers.IntegerField(source="period.regime_id", read_only=True)
    # A unit's report to its agency shares the agency, year and regime fields with the
    # agency's own report: these say which it is (null for the agency's own).
    unit = serializers.IntegerField(
        source="unit_id",
        read_only=True,
        allow_null=True,
        help_text="The unit whose report to its agency this is; null for the agency's own report.",
    )
    unit_code = serializers.CharField(
        source="unit.code", default=None, allow_null=True, read_only=True
    )
    unit_name = serializers.CharField(
        source="unit.name_vi", default=None, allow_null=True, read_only=True
    )
    return_comment = serializers.SerializerMethodField(
        help_text="The receiver's comment when it last returned the report; empty for "
        "a caller who may not read the report's comments (the public)."
    )

    class Meta:
        model = AgencyReport
        fields = [
            "id",
            "agency",
            "agency_code",
            "unit",
            "unit_code",
            "unit_name",
            "period",
            "regime",
            "year",
            "status",
            "revision",
            "version",
            "sections_version",
            "general_assessment",
            "proposals_to_government",
            "return_comment",
            "first_submitted_at",
            "submitted_at",
            "accepted_at",
            "updated_at",
        ]

    def get_return_comment(self, report: AgencyReport) -> str:
        request = self.context.get("request")
        if not perms.may_read_report_comments(getattr(request, "user", None)):
            return ""
        return str(report.return_comment)


class ReportStartSerializer(RefusesUnknownFields, VietnameseErrors, serializers.Serializer):
    # An id, not a related field: whether it exists is the service's answer, the same for
    # a regime that is not the caller's (`reporting.services.start_report`).
    regime = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    year = serializers.IntegerField(min_value=2000, max_value=2100)


class StepSerializer(RefusesUnknownFields, VietnameseErrors, serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class SectionsSerializer(RefusesUnknownFields, VietnameseErrors, serializers.Serializer):
    general_assessment = serializers.CharField(allow_blank=True, max_length=50000)
    proposals_to_government = serializers.CharField(allow_blank=True, max_length=50000)


class CommentSerializer(serializers.ModelSerializer):
    author_name = serializers.CharField(source="author.full_name", read_only=True)
    author_agency = serializers.CharField(
        source="author.agency.code", default=None, allow_null=True, read_only=True
    )

    class Meta:
        model = Comment
        fields = ["id", "report", "task", "author_name", "author_agency", "text", "created_at"]


class IndicatorSerializer(serializers.ModelSerializer):
    producer_agency_code = serializers.CharField(
        source="producer_agency.code", default=None, allow_null=True, read_only=True
    )

    class Meta:
        model = Indicator
        fields = [
            "id",
            "code",
            "name_vi",
            "name_en",
            "unit",
            "unit_en",
            "kind",
            "direction",
            "limit",
            "producer",
            "producer_agency",
            "producer_agency_code",
            "frequency",
            "definition",
            "definition_en",
        ]


class ObservationSerializer(serializers.ModelSerializer):
    indicator_code = serializers.CharField(source="indicator.code", read_only=True)
    # Not always a web link: the bundled primary values cite data files as
    # "github:owner/repo path@commit" (indicators/data/indicators_primary.csv), which the
    # pages show as text (the `web_link` filter); the schema must not promise a URI.
    source_url = serializers.CharField(
        read_only=True,
        help_text="Where the value comes from: a web link (http/https), a reference to a data "
        "file (github:owner/repo path@commit), or empty when the citation says it all.",
    )

    class Meta:
        model = Observation
        fields = [
            "id",
            "indicator",
            "indicator_code",
            "year",
            "country",
            "value",
            "text_value",
            "status",
            "published_on",
            "source_url",
            "citation",
            "citation_en",
            "approval",
            "is_current",
            "known_on",
        ]


class DocumentSerializer(serializers.ModelSerializer):
    download = serializers.SerializerMethodField()

    class Meta:
        model = GeneratedDocument
        fields = [
            "id",
            "kind",
            "programme",
            "agency",
            "year",
            "cutoff",
            "fmt",
            "status",
            "content_status",
            "requested_at",
            "finished_at",
            "download",
        ]

    def get_download(self, document: GeneratedDocument) -> str | None:
        """The download this caller can follow: the public portal's for a published
        document asked for without a session; the API's own (`documents/{id}/file/`) for a
        token caller's unpublished document, since a token has no session to log in with;
        the web page's (login) for a person signed in."""
        from django.urls import reverse

        if not document.file:
            return None
        request = self.context.get("request")
        user = getattr(request, "user", None)
        # A session's request carries no token (`request.auth` is the API token).
        by_session = request is not None and getattr(request, "auth", None) is None
        is_public = getattr(document, "is_public", None)
        if is_public is None:  # not from DocumentViewSet's annotated queryset
            is_public = perms.public_documents(
                GeneratedDocument.objects.filter(pk=document.pk)
            ).exists()
        if perms.gets_public_download(user, by_session, bool(is_public)):
            return reverse("portal:document_download", args=[document.pk])
        if not by_session:
            return reverse("api:document-file", args=[document.pk])
        return reverse("documents:download", args=[document.pk])
