from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.generics import ListCreateAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from access.errors import error_body
from access.idempotency import idempotent
from access.parsers import EventJSONParser
from metering.choices import Aggregation
from metering.models import Meter
from metering.services import MAX_BATCH, usage_events_record


class MeterSerializer(serializers.ModelSerializer):
    aggregation = serializers.ChoiceField(choices=Aggregation.choices)
    filters = serializers.DictField(child=serializers.JSONField(), required=False)

    class Meta:
        model = Meter
        fields = ["id", "code", "name", "aggregation", "field", "filters", "group_by", "unit_label", "created_at"]
        read_only_fields = ["id", "created_at"]


class MeterListCreateApi(ListCreateAPIView):
    required_perms = {"GET": ("metering.view_meter",), "POST": ("metering.add_meter",)}
    serializer_class = MeterSerializer
    queryset = Meter.objects.all()

    @idempotent
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().post(request, *args, **kwargs)


class EventSerializer(serializers.Serializer):
    """For the schema only: events are validated by metering.services (batch hot path)."""

    idempotency_key = serializers.CharField(max_length=255)
    customer = serializers.CharField()
    metric = serializers.CharField()
    timestamp = serializers.DateTimeField()
    quantity = serializers.DecimalField(max_digits=30, decimal_places=12, required=False)
    properties = serializers.DictField(required=False)


class EventCreateApi(APIView):
    required_perms = {"POST": ("metering.add_usageevent",)}
    parser_classes = [EventJSONParser]

    @extend_schema(request=EventSerializer, responses={201: EventSerializer, 200: EventSerializer})
    def post(self, request: Request) -> Response:
        result = usage_events_record(events=[request.data])
        if result.rejected:
            errors = result.rejected[0]["errors"]
            if result.outcomes.get(0) == "conflict":
                return Response(
                    error_body(
                        409, "This idempotency_key was already used for an event with a different body.", errors
                    ),
                    status=status.HTTP_409_CONFLICT,
                )
            return Response(error_body(400, "Invalid event.", errors), status=status.HTTP_400_BAD_REQUEST)
        body = {**request.data, "duplicate": result.outcomes[0] == "duplicate"}
        return Response(body, status=status.HTTP_201_CREATED if result.accepted else status.HTTP_200_OK)


class EventBatchApi(APIView):
    required_perms = {"POST": ("metering.add_usageevent",)}
    parser_classes = [EventJSONParser]

    @extend_schema(
        request=inline_serializer("EventBatch", {"events": EventSerializer(many=True)}),
        responses={
            200: inline_serializer(
                "EventBatchResult",
                {
                    "accepted": serializers.IntegerField(),
                    "duplicates": serializers.IntegerField(),
                    "rejected": serializers.ListField(child=serializers.DictField()),
                },
            )
        },
        parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER)],
    )
    def post(self, request: Request) -> Response:
        events = request.data.get("events") if isinstance(request.data, dict) else None
        if not isinstance(events, list):
            return Response(error_body(400, "Invalid input.", {"events": ["Expected a list of events."]}), status=400)
        if len(events) > MAX_BATCH:
            return Response(
                error_body(400, "Batch too large.", {"events": [f"At most {MAX_BATCH:,} events per batch."]}),
                status=400,
            )
        result = usage_events_record(events=events)
        return Response({"accepted": result.accepted, "duplicates": result.duplicates, "rejected": result.rejected})
