"""The learned dunning policy in the product: training and storing model versions, and the one
decision function (``dunning_decide``) that serves ``POST /api/v1/dunning/next-action`` and the
live dunning cases."""

from __future__ import annotations

import dataclasses
import logging
import math
import threading
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from audit.services import audit_record
from billing_site.queue import task_enqueue_on_commit
from contracts.models import Customer

from .choices import DunningModelStatus
from .dunning import model as dunning_model
from .dunning.policy import Attempt, Decision, PriorScorer, Request, Scorer, next_action
from .history import (
    customer_card_latest,
    customer_history_profile,
    customer_usage_trend,
    history_extras_for_training,
    history_for_training,
)
from .models import DunningModel

logger = logging.getLogger(__name__)
Actor = AbstractBaseUser | str | None
RULE = "dunning.policy"

_cache_lock = threading.Lock()
_cache: dict[str, Scorer] = {}


def dunning_model_active() -> DunningModel | None:
    return DunningModel.objects.filter(is_active=True).defer("artifact").first()


def dunning_model_latest() -> DunningModel | None:
    """The model the API reports: the newest version (training, ready or failed)."""
    return DunningModel.objects.defer("artifact").order_by("-version").first()


def active_scorer() -> Scorer:
    """The active model's scorer (loaded once per process and version), or the prior."""
    row = (
        DunningModel.objects.filter(is_active=True, status=DunningModelStatus.READY)
        .values_list("pk", "version", "trained_at")
        .first()
    )
    if row is None:
        return PriorScorer()
    key = f"{row[0]}:{row[1]}:{row[2]}"
    with _cache_lock:
        scorer = _cache.get(key)
    if scorer is None:
        artifact = DunningModel.objects.filter(pk=row[0]).values_list("artifact", flat=True).get()
        try:
            scorer = dunning_model.load(bytes(artifact))
            scorer.version = str(row[1])
        except dunning_model.IncompatibleModel as exc:
            # Fitted by an older version of the code on other features: the prior decides until
            # the next training (weekly, or POST /api/v1/dunning/train) makes a compatible one.
            logger.warning("Dunning model v%s is not usable (%s); deciding by the prior.", row[1], exc)
            scorer = PriorScorer()
        with _cache_lock:
            _cache.clear()
            _cache[key] = scorer
    return scorer


def dunning_model_train(*, actor: Actor = None) -> DunningModel:
    """A new model version: fitted now, or by a worker when DUNNING_TRAIN_ASYNC is on (the row is
    then ``training`` until ``dunning_model_fit_task`` has run)."""
    row = _model_version_claim(actor=actor)
    if getattr(settings, "DUNNING_TRAIN_ASYNC", False):
        task_enqueue_on_commit("receivables.tasks.dunning_model_fit_task", row.pk)
        return row
    return dunning_model_fit(model_id=row.pk)


def _model_version_claim(*, actor: Actor) -> DunningModel:
    """The next version number, claimed by its unique constraint (a concurrent request that took
    the same number makes this one try the next)."""
    for _ in range(5):
        try:
            with transaction.atomic():
                version = (DunningModel.objects.aggregate(v=Max("version"))["v"] or 0) + 1
                row = DunningModel.objects.create(version=version, status=DunningModelStatus.TRAINING)
                audit_record(
                    rule="dunning.train",
                    action="dunning_model_requested",
                    obj=row,
                    actor=actor,
                    inputs={"version": version},
                    outcome={"status": row.status},
                )
                return row
        except IntegrityError:
            continue
    raise IntegrityError("Could not claim a dunning model version.")


def dunning_model_fit(*, model_id: int) -> DunningModel:
    """Fit a ``training`` model row on all history and make it the active one (once: a row that is
    no longer training is returned as it is)."""
    row = DunningModel.objects.defer("artifact").get(pk=model_id)
    if row.status != DunningModelStatus.TRAINING:
        return row
    history = history_for_training()
    try:
        result = dunning_model.train(history, version=str(row.version), extras=history_extras_for_training(history))
    except Exception as exc:  # not enough history, or a fit that failed: the version says why
        if not isinstance(exc, dunning_model.NotEnoughHistory):
            logger.exception("Dunning model v%s failed to train", row.version)
        with transaction.atomic():
            row = DunningModel.objects.select_for_update().defer("artifact").get(pk=model_id)
            row.status = DunningModelStatus.FAILED
            row.error = str(exc)[:500]
            row.trained_at = timezone.now()
            row.save()
            audit_record(
                rule="dunning.train",
                action="dunning_model_failed",
                obj=row,
                inputs={"version": row.version},
                outcome={"error": row.error},
            )
        return row
    with transaction.atomic():
        row = DunningModel.objects.select_for_update().get(pk=model_id)
        if row.status != DunningModelStatus.TRAINING:
            return row
        DunningModel.objects.filter(is_active=True).exclude(pk=row.pk).update(is_active=False)
        row.status = DunningModelStatus.READY
        row.is_active = True
        row.artifact = result.artifact
        row.metrics = result.metrics
        row.trained_on = result.trained_on
        row.trained_at = timezone.now()
        row.save()
        audit_record(
            rule="dunning.train",
            action="dunning_model_trained",
            obj=row,
            inputs={"version": row.version, "attempts": result.trained_on},
            outcome={"metrics": result.metrics},
        )
    return row


@dataclass(frozen=True)
class DecisionInput:
    customer: Customer
    invoice_reference: str
    amount: Decimal | None
    currency: str
    brand: str
    funding: str
    attempts: tuple[Attempt, ...]
    as_of: datetime | None = None
    card_country: str = ""
    # A live case whose attempts name no card: the customer's latest card in the history.
    card_from_history: bool = False


def dunning_decide(*, data: DecisionInput, audit_obj: Any = None, actor: Actor = None) -> Decision:
    """Decide the next step for one invoice: the same function for the API preview and the live
    cases. Made as of the last attempt (or ``as_of``); the customer's own history of other
    invoices before that moment informs it. Audited with the model version, the probability and
    the features that weighed most."""
    attempts = sorted(data.attempts, key=lambda a: a.attempted_at)
    decided_at = data.as_of or (attempts[-1].attempted_at if attempts else None)
    profile = customer_history_profile(
        customer=data.customer, exclude_invoice=data.invoice_reference, before=decided_at
    )
    brand, funding, card_country = data.brand, data.funding, data.card_country
    if data.card_from_history and not (brand or funding or card_country):
        brand, funding, card_country = customer_card_latest(customer=data.customer, before=decided_at)
    first_at = attempts[0].attempted_at if attempts else None
    trend = customer_usage_trend(customer=data.customer, at=first_at) if first_at is not None else math.nan
    scorer = active_scorer()
    decision = next_action(
        Request(
            timezone=data.customer.timezone,
            amount=float(data.amount) if data.amount is not None else None,
            brand=brand,
            funding=funding,
            attempts=tuple(attempts),
            profile=profile,
            as_of=data.as_of,
            card_country=card_country,
            customer_country=data.customer.country,
            usage_trend=trend,
        ),
        scorer,
    )
    decision = dataclasses.replace(decision, model_version=scorer.version)
    audit_record(
        rule=f"{RULE}.{decision.rule}",
        action=f"dunning_{decision.action}",
        obj=audit_obj,
        object_type="" if audit_obj is not None else "receivables.invoice_reference",
        object_id="" if audit_obj is not None else f"{data.customer.external_id}:{data.invoice_reference}",
        actor=actor,
        inputs={
            "customer": data.customer.external_id,
            "invoice": data.invoice_reference,
            "amount": data.amount,
            "currency": data.currency,
            "attempts": [
                {"attempted_at": a.attempted_at, "succeeded": a.succeeded, "decline_code": a.decline_code}
                for a in attempts
            ],
            "as_of": data.as_of,
            "history_attempts": profile.attempts,
            "card": {"brand": brand, "funding": funding, "country": card_country},
            "customer_country": data.customer.country,
            "usage_trend": None if math.isnan(trend) else round(trend, 4),
        },
        outcome={
            "action": decision.action,
            "at": decision.at,
            "probability": decision.probability_text(),
            "plan_value": None if decision.plan_value is None else round(decision.plan_value, 4),
            "model_version": scorer.version,
            "top_features": decision.top_features or {},
            "reason": decision.reason,
        },
    )
    return decision


def decision_body(decision: Decision) -> dict[str, Any]:
    """The API's answer (api.md): retry with its moment and probability, or escalate / stop."""
    if decision.action != "retry" or decision.at is None:
        return {"action": decision.action, "reason": decision.reason}
    return {
        "action": "retry",
        "at": decision.at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "probability": decision.probability_text(),
        "reason": decision.reason,
        "model_version": decision.model_version,
    }


def probability_decimal(decision: Decision) -> Decimal | None:
    if decision.probability is None:
        return None
    return Decimal(str(decision.probability)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
