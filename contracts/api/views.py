from __future__ import annotations

from typing import Any

from django.db.models import Q
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListCreateAPIView, RetrieveAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from access.errors import DomainError
from access.idempotency import idempotent
from contracts.amendments import AmendmentError, AmendmentStateError
from contracts.models import Amendment, Contract, Customer
from contracts.services import amendment_approve, amendment_create, contract_create

from .serializers import (
    AmendmentSerializer,
    AmendmentWriteSerializer,
    ContractSerializer,
    ContractWriteSerializer,
    CustomerSerializer,
    contract_by_reference,
    customer_by_reference,
)


class CustomerListCreateApi(ListCreateAPIView):
    required_perms = {"GET": ("contracts.view_customer",), "POST": ("contracts.add_customer",)}
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
    required_perms = {"GET": ("contracts.view_customer",)}
    serializer_class = CustomerSerializer

    def get_object(self) -> Customer:
        return customer_by_reference(self.kwargs["ref"])


class ContractListCreateApi(ListCreateAPIView):
    required_perms = {
        "GET": ("contracts.view_contract",),
        "POST": ("contracts.add_contract", "contracts.add_contractline"),
    }
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
    required_perms = {"GET": ("contracts.view_contract",)}
    serializer_class = ContractSerializer

    def get_object(self) -> Contract:
        return contract_by_reference(self.kwargs["ref"])


def _amendment(pk: int) -> Amendment:
    return Amendment.objects.select_related("contract").get(pk=pk)


class ContractAmendmentCreateApi(APIView):
    required_perms = {"POST": ("contracts.add_amendment",)}

    @extend_schema(
        request=AmendmentWriteSerializer,
        responses={201: AmendmentSerializer},
        parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER)],
    )
    @idempotent
    def post(self, request: Request, ref: str) -> Response:
        """201 with a draft amendment; 400 with paths like changes[0].seats when a change does not
        fit the contract's lines."""
        contract = contract_by_reference(ref)
        body = AmendmentWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            amendment = amendment_create(contract=contract, actor=request.user, **body.validated_data)
        except AmendmentError as exc:
            raise serializers.ValidationError(exc.fields) from exc
        return Response(AmendmentSerializer(_amendment(amendment.pk)).data, status=status.HTTP_201_CREATED)


class AmendmentApproveApi(APIView):
    required_perms = {"POST": ("contracts.change_amendment",)}

    @extend_schema(
        request=None,
        responses={200: AmendmentSerializer},
        parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER)],
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        """Approve a draft (422 otherwise). It is applied and its proration billed by a task right
        after: the response shows "applied" and the proration invoice when that already happened."""
        try:
            amendment_approve(amendment_id=int(pk), actor=request.user)
        except AmendmentStateError as exc:
            raise DomainError(str(exc)) from exc
        except AmendmentError as exc:
            raise DomainError("The amendment no longer fits the contract's lines.", fields=exc.fields) from exc
        return Response(AmendmentSerializer(_amendment(int(pk))).data, status=status.HTTP_200_OK)


class AmendmentDetailApi(RetrieveAPIView):
    required_perms = {"GET": ("contracts.view_amendment",)}
    serializer_class = AmendmentSerializer

    def get_object(self) -> Amendment:
        return _amendment(int(self.kwargs["pk"]))
