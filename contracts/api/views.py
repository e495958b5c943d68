from __future__ import annotations

from typing import Any

from django.db.models import Q
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.generics import ListCreateAPIView, RetrieveAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from access.idempotency import idempotent
from contracts.models import Contract, Customer
from contracts.services import contract_create

from .serializers import (
    ContractSerializer,
    ContractWriteSerializer,
    CustomerSerializer,
    contract_by_reference,
    customer_by_reference,
)


class CustomerListCreateApi(ListCreateAPIView):
    serializer_class = CustomerSerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        qs = Customer.objects.prefetch_related("contacts")
        search = self.request.query_params.get("search")
        if search:
            qs = qs.filter(Q(name__icontains=search) | Q(external_id__icontains=search) | Q(email__icontains=search))
        return qs

    @extend_schema(parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER)])
    @idempotent
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().post(request, *args, **kwargs)


class CustomerDetailApi(RetrieveAPIView):
    serializer_class = CustomerSerializer

    def get_object(self) -> Customer:
        return customer_by_reference(self.kwargs["ref"])


class ContractListCreateApi(ListCreateAPIView):
    serializer_class = ContractSerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        qs = Contract.objects.select_related("customer").prefetch_related("lines__milestones")
        customer = self.request.query_params.get("customer")
        if customer:
            qs = qs.filter(customer__external_id=customer)
        return qs

    @extend_schema(
        request=ContractWriteSerializer,
        responses={201: ContractSerializer},
        parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER)],
    )
    @idempotent
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = ContractWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        contract = contract_create(customer=data.pop("customer"), lines=data.pop("lines"), actor=request.user, **data)
        return Response(ContractSerializer(contract).data, status=status.HTTP_201_CREATED)


class ContractDetailApi(RetrieveAPIView):
    serializer_class = ContractSerializer

    def get_object(self) -> Contract:
        return contract_by_reference(self.kwargs["ref"])
