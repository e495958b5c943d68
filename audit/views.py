from __future__ import annotations

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, StreamingHttpResponse
from django.utils.dateparse import parse_date

from .export import audit_trail_rows


class _Echo:
    def write(self, value: str) -> str:
        return value


@staff_member_required
def audit_export_csv(request: HttpRequest) -> StreamingHttpResponse:
    """The auditor's export: every history record of every model joined with the decision log,
    as CSV, streamed (it can be large). ``?from=YYYY-MM-DD&to=YYYY-MM-DD`` narrows it."""
    if not request.user.has_perm("audit.view_auditevent"):
        raise PermissionDenied
    import csv

    start = parse_date(request.GET.get("from", "") or "") if request.GET.get("from") else None
    end = parse_date(request.GET.get("to", "") or "") if request.GET.get("to") else None
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in audit_trail_rows(start=start, end=end)), content_type="text/csv"
    )
    response["Content-Disposition"] = 'attachment; filename="autobill-audit-trail.csv"'
    return response
