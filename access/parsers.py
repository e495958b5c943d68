from __future__ import annotations

from typing import Any

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from .inputs import json_problem

MAX_BODY_DEPTH = 64


class StrictJSONParser(JSONParser):
    """DRF's JSON parser, with a body nested too deep for Python (RecursionError) and a body that is
    not UTF-8 answered as a 400 like any other malformed JSON. Strings with NUL characters or lone
    surrogates (which PostgreSQL text and jsonb cannot hold) and bodies nested deeper than
    ``MAX_BODY_DEPTH`` are refused here, once for every endpoint. (The event endpoints report such
    an event by index instead: they are parsed by ``EventJSONParser``.)"""

    check_content = True

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - nested too deeply.")
        except UnicodeError as exc:
            raise ParseError(f"JSON parse error - {exc}")
        if self.check_content:
            problem = json_problem(data, max_depth=MAX_BODY_DEPTH)
            if problem:
                raise ParseError(f"JSON parse error - {problem}")
        return data


class EventJSONParser(StrictJSONParser):
    """Usage events: each event's content is checked by the ingestion service, which rejects a
    bad event by index and stores the others."""

    check_content = False
