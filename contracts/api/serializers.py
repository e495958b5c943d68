from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q
from rest_framework import serializers

from contracts.amendments import new_line_fields
from contracts.choices import (
    USAGE_CHARGE_MODELS,
    BillingAlignment,
    BillingInterval,
    BillingTiming,
    CommitmentPeriod,
)
from contracts.models import Amendment, BillingContact, Contract, ContractLine, Customer, Milestone
from contracts.validators import validate_currency, validate_timezone
from metering.models import Meter
from rating import RatingInputError, line_spec_from_dict


def _is_id(reference: str) -> bool:
    """ASCII digits within a bigint: "²".isdigit() is True and int() refuses it."""
    return reference.isascii() and reference.isdigit() and int(reference) < 2**63


def customer_by_reference(reference: str | int) -> Customer:
    """Customers are addressed by external_id or by our id (an external_id wins)."""
    reference = str(reference)
    query = Q(external_id=reference)
    if _is_id(reference):
        query |= Q(pk=int(reference))
    matches = sorted(Customer.objects.filter(query), key=lambda c: c.external_id != reference)
    if not matches:
        raise Customer.DoesNotExist(f"No customer '{reference}'.")
    return matches[0]


def contract_by_reference(reference: str | int) -> Contract:
    reference = str(reference)
    query = Q(external_id=reference)
    if _is_id(reference):
        query |= Q(pk=int(reference))
    matches = sorted(Contract.objects.filter(query), key=lambda c: c.external_id != reference)
    if not matches:
        raise Contract.DoesNotExist(f"No contract '{reference}'.")
    return matches[0]


class AddressSerializer(serializers.Serializer):
    line1 = serializers.CharField(max_length=200, required=False, allow_blank=True, source="address_line1")
    line2 = serializers.CharField(max_length=200, required=False, allow_blank=True, source="address_line2")
    city = serializers.CharField(max_length=100, required=False, allow_blank=True)
    region = serializers.CharField(max_length=100, required=False, allow_blank=True)
    postal_code = serializers.CharField(max_length=20, required=False, allow_blank=True)
    country = serializers.CharField(max_length=2, min_length=2, required=False, allow_blank=True)


class ContactEmailsField(serializers.ListField):
    """The billing contacts' emails, read and written (and so documented both ways in the schema)."""

    def get_attribute(self, instance: Customer) -> list[str]:
        return [contact.email for contact in instance.contacts.all()]  # uses a prefetch when there is one


class CustomerSerializer(serializers.ModelSerializer):
    address = AddressSerializer(source="*", required=False)
    currency = serializers.CharField(default="USD", validators=[validate_currency])
    timezone = serializers.CharField(default="UTC", validators=[validate_timezone])
    contacts = ContactEmailsField(child=serializers.EmailField(), required=False)

    class Meta:
        model = Customer
        fields = [
            "id",
            "external_id",
            "name",
            "email",
            "currency",
            "timezone",
            "payment_terms_days",
            "locale",
            "tax_id",
            "address",
            "contacts",
            "stripe_customer_id",
            "created_at",
        ]
        read_only_fields = ["id", "stripe_customer_id", "created_at"]

    def create(self, validated_data: dict[str, Any]) -> Customer:
        contacts = validated_data.pop("contacts", [])
        customer = Customer.objects.create(**validated_data)
        for email in contacts:
            BillingContact.objects.create(customer=customer, email=email)
        return customer


_CADENCE_FIELDS = (
    "billing_interval",
    "billing_interval_count",
    "billing_timing",
    "start_date",
    "end_date",
    "top_up_threshold",
    "top_up_amount",
    "expires_on",
)


class ContractWriteSerializer(serializers.Serializer):
    """Validates a contract and its lines; each line is checked by the rating engine's parser, so
    the API accepts exactly what billing can price. Errors carry paths like lines[1].tiers[0].up_to."""

    customer = serializers.CharField()
    external_id = serializers.CharField(max_length=100, required=False, allow_null=True)
    start_date = serializers.DateField()
    end_date = serializers.DateField(required=False, allow_null=True)
    currency = serializers.CharField(required=False, validators=[validate_currency])
    billing_alignment = serializers.ChoiceField(choices=BillingAlignment.choices, default=BillingAlignment.ANNIVERSARY)
    auto_send = serializers.BooleanField(default=True)
    minimum_commitment = serializers.JSONField(required=False, allow_null=True)
    # No lines is valid with a minimum commitment: the contract then bills the commitment alone.
    lines = serializers.ListField(child=serializers.DictField())

    def validate_customer(self, value: str) -> Customer:
        try:
            return customer_by_reference(value)
        except Customer.DoesNotExist as exc:
            raise serializers.ValidationError(str(exc)) from exc

    def validate_external_id(self, value: str | None) -> str | None:
        if value and Contract.objects.filter(external_id=value).exists():
            raise serializers.ValidationError("A contract with this external_id exists.")
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        errors: dict[str, list[str]] = {}
        customer: Customer = attrs["customer"]
        currency = attrs.setdefault("currency", customer.currency)
        if attrs.get("end_date") and attrs["end_date"] <= attrs["start_date"]:
            errors["end_date"] = ["Must be after start_date."]
        meters = dict(Meter.objects.values_list("code", "group_by"))  # code -> group_by property
        parsed_lines: list[dict[str, Any]] = []
        seen_codes: set[str] = set()
        for index, raw in enumerate(attrs["lines"]):
            prefix = f"lines[{index}]."
            try:
                spec = line_spec_from_dict(raw)
            except RatingInputError as exc:
                errors.update(exc.prefixed(prefix).fields)
                continue
            line_errors = self._line_errors(raw, spec, meters, seen_codes)
            for field, messages in line_errors.items():
                errors[prefix + field] = messages
            if "currency" in raw and raw["currency"] != currency:
                errors[prefix + "currency"] = [f"Lines must be in the contract currency {currency}."]
            seen_codes.add(spec.code)
            parsed_lines.append(self._line_fields(raw, spec))
        commitment = attrs.pop("minimum_commitment", None)
        if commitment:
            errors.update(self._commitment(commitment, seen_codes, attrs))
        elif not attrs["lines"]:
            errors["lines"] = ["Give at least one line, or a minimum_commitment to bill alone."]
        if errors:
            raise serializers.ValidationError(errors)
        attrs["lines"] = parsed_lines
        return attrs

    @staticmethod
    def _line_errors(raw: dict[str, Any], spec: Any, meters: dict[str, str], seen: set[str]) -> dict[str, list[str]]:
        errors: dict[str, list[str]] = {}
        if spec.code in seen:
            errors["code"] = ["Line codes must be unique in a contract."]
        if spec.charge_model in USAGE_CHARGE_MODELS:
            if not spec.metric:
                errors["metric"] = ["Usage lines need a metric (a meter code)."]
            elif spec.metric not in meters:
                errors["metric"] = [f"No meter '{spec.metric}'."]
            elif raw.get("dimension_value") and not meters[spec.metric]:
                errors["dimension_value"] = [f"Meter '{spec.metric}' has no group_by property to price by."]
        interval = raw.get("billing_interval", BillingInterval.MONTH)
        if interval not in BillingInterval.values:
            errors["billing_interval"] = [f"One of {', '.join(BillingInterval.values)}."]
        count = raw.get("billing_interval_count", 1)
        if isinstance(count, bool) or not isinstance(count, int | str) or not str(count).isdigit() or int(count) < 1:
            errors["billing_interval_count"] = ["A whole number of at least 1."]
        timing = raw.get("billing_timing")
        if timing is not None and timing not in BillingTiming.values:
            errors["billing_timing"] = [f"One of {', '.join(BillingTiming.values)}."]
        for field in ("start_date", "end_date", "expires_on"):
            if raw.get(field) not in (None, ""):
                try:
                    date.fromisoformat(str(raw[field]))
                except ValueError:
                    errors[field] = ["Expected a date YYYY-MM-DD."]
        return errors

    @staticmethod
    def _line_fields(raw: dict[str, Any], spec: Any) -> dict[str, Any]:
        fields = dict(new_line_fields(raw, spec))
        for field in ("start_date", "end_date"):
            fields[field] = date.fromisoformat(str(raw[field])) if raw.get(field) not in (None, "") else None
        return fields

    @staticmethod
    def _commitment(data: Any, codes: set[str], attrs: dict[str, Any]) -> dict[str, list[str]]:
        from rating import minimum_commitment_from_dict

        if not isinstance(data, dict):
            return {"minimum_commitment": ["Expected an object {amount, period, lines}."]}
        try:
            commitment = minimum_commitment_from_dict(data)
        except RatingInputError as exc:
            return exc.prefixed("minimum_commitment.").fields
        errors: dict[str, list[str]] = {}
        period = data.get("period", CommitmentPeriod.BILLING_PERIOD)
        if period not in CommitmentPeriod.values:
            errors["minimum_commitment.period"] = [f"One of {', '.join(CommitmentPeriod.values)}."]
        unknown = [c for c in commitment.lines if c not in codes]
        if unknown:
            errors["minimum_commitment.lines"] = [f"Unknown line codes: {', '.join(unknown)}."]
        if commitment.amount < 0:
            errors["minimum_commitment.amount"] = ["Must not be negative."]
        attrs["minimum_commitment_amount"] = commitment.amount
        attrs["minimum_commitment_period"] = period
        attrs["minimum_commitment_lines"] = list(commitment.lines)
        return errors


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Milestone
        fields = ["name", "amount", "due_date", "completed_on"]


class ContractLineSerializer(serializers.ModelSerializer):
    milestones = MilestoneSerializer(many=True, read_only=True)

    class Meta:
        model = ContractLine
        exclude = ["id", "contract", "sort_order"]


class ContractSerializer(serializers.ModelSerializer):
    customer = serializers.CharField(source="customer.external_id")
    lines = ContractLineSerializer(many=True)
    minimum_commitment = serializers.SerializerMethodField()

    class Meta:
        model = Contract
        fields = [
            "id",
            "external_id",
            "customer",
            "start_date",
            "end_date",
            "currency",
            "billing_alignment",
            "auto_send",
            "status",
            "minimum_commitment",
            "lines",
            "created_at",
        ]

    def get_minimum_commitment(self, obj: Contract) -> dict[str, Any] | None:
        if obj.minimum_commitment_amount is None:
            return None
        return {
            "amount": str(obj.minimum_commitment_amount),
            "period": obj.minimum_commitment_period,
            "lines": obj.minimum_commitment_lines,
        }


class AmendmentWriteSerializer(serializers.Serializer):
    """The envelope of an amendment; the changes themselves are checked by contracts.amendments
    against the contract's lines, with paths like changes[0].seats."""

    effective_date = serializers.DateField()
    changes = serializers.ListField(child=serializers.JSONField(), min_length=1)
    credit_on_downgrade = serializers.BooleanField(default=True)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class AmendmentSerializer(serializers.ModelSerializer):
    contract = serializers.SerializerMethodField()
    proration_invoice = serializers.IntegerField(source="proration_invoice_id", read_only=True, allow_null=True)

    class Meta:
        model = Amendment
        fields = [
            "id",
            "contract",
            "effective_date",
            "status",
            "changes",
            "credit_on_downgrade",
            "reason",
            "created_by",
            "approved_by",
            "approved_at",
            "applied_at",
            "proration_invoice",
            "created_at",
        ]
        read_only_fields = fields

    def get_contract(self, obj: Amendment) -> str:
        return obj.contract.external_id or str(obj.contract_id)
