from __future__ import annotations

from typing import Any

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination

MAX_OFFSET = 2**63 - 1  # a PostgreSQL bigint; a larger OFFSET is a database error


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    """``?limit=`` at most ``max_limit`` (larger values are clamped), ``?offset=`` a non-negative
    integer within a bigint; anything else is a 400 with the field named."""

    max_limit = 1000

    def _integer(self, request: Any, name: str) -> int | None:
        raw = request.query_params.get(name)
        if raw is None or raw == "":
            return None
        if not (raw.isascii() and raw.isdigit()) or int(raw) > MAX_OFFSET:
            raise ValidationError({name: ["Expected a non-negative integer."]})
        return int(raw)

    def get_limit(self, request: Any) -> int | None:
        limit = self._integer(request, self.limit_query_param)
        if limit is None or limit == 0:
            return self.default_limit
        return min(limit, self.max_limit)

    def get_offset(self, request: Any) -> int:
        return self._integer(request, self.offset_query_param) or 0
