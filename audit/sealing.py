"""Sealing and verifying the tamper-evident chain over the decision log and every history table.

Sealing runs after the fact (a beat task every minute, and on demand): it appends one link per
row not yet sealed, table by table in primary-key order, under a lock on the chain's head row, so
there is one writer and the writers of audit events and history rows never wait for it. A row is
tamper-evident from the moment it is sealed; ``audit_verify`` reports rows not yet sealed.

Verification re-reads every sealed row, recomputes its content hash and every link's hash, and
reports each break with its position, table and row id: edited (content changed), deleted (row
gone), link edited, link missing or out of order (previous hash or position does not follow),
and exports whose recorded chain head no longer matches (the chain was rewritten since)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models, transaction
from django.db.models import Max

from .chain import GENESIS, link_hash, row_hash
from .models import AuditEvent, AuditExport, ChainHead, ChainLink

# How far below the highest sealed id a late-committing row is still looked for (ids are handed
# out at insert, rows become visible at commit: a long transaction's rows can appear after later ones).
LOOKBACK_IDS = 100_000


def chain_sources() -> list[tuple[str, type[models.Model]]]:
    """(label, model) of every chained table: the decision log, then each history table, sorted."""
    sources: dict[str, type[models.Model]] = {AuditEvent._meta.label_lower: AuditEvent}
    for model in apps.get_models():
        history = getattr(model, "history", None)
        historical = getattr(history, "model", None)
        if historical is not None:
            sources[historical._meta.label_lower] = historical
    return sorted(sources.items(), key=lambda item: (item[0] != "audit.auditevent", item[0]))


def _columns(model: type[models.Model]) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields]


def _rows(model: type[models.Model], ids: list[int]) -> dict[int, dict[str, object]]:
    pk = model._meta.pk.attname
    return {row[pk]: row for row in model._default_manager.filter(pk__in=ids).values(*_columns(model))}


def _head() -> ChainHead:
    ChainHead.objects.get_or_create(pk=1)
    return ChainHead.objects.select_for_update().get(pk=1)


def _seal_batch(source: str, model: type[models.Model], batch_size: int) -> int:
    with transaction.atomic():
        head = _head()
        sealed = ChainLink.objects.filter(source=source)
        floor = max((sealed.aggregate(m=Max("row_id"))["m"] or 0) - LOOKBACK_IDS, 0)
        ids = list(
            model._default_manager.filter(pk__gt=floor)
            .exclude(pk__in=sealed.filter(row_id__gt=floor).values("row_id"))
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        if not ids:
            return 0
        rows = _rows(model, ids)
        links = []
        position, previous = head.position, head.hash
        for row_id in ids:
            position += 1
            content = row_hash(rows[row_id])
            current = link_hash(
                previous_hash=previous, position=position, source=source, row_id=row_id, content_hash=content
            )
            links.append(ChainLink(position=position, source=source, row_id=row_id, row_hash=content,
                                   previous_hash=previous, hash=current))
            previous = current
        ChainLink.objects.bulk_create(links)
        head.position, head.hash = position, previous
        head.save()
    return len(ids)


def audit_chain_seal(*, batch_size: int = 2000) -> int:
    """Append a link for every row not yet sealed; returns how many were sealed. Safe to run
    concurrently and repeatedly (one writer at a time, each row sealed once)."""
    total = 0
    for source, model in chain_sources():
        while True:
            count = _seal_batch(source, model, batch_size)
            total += count
            if count < batch_size:
                break
    return total


@dataclass(frozen=True)
class Problem:
    position: int | None
    source: str
    row_id: int | None
    kind: str  # edited | deleted | link_edited | chain_broken | head_mismatch | export_mismatch
    detail: str

    def __str__(self) -> str:
        where = f"link #{self.position}" if self.position is not None else "chain"
        row = f" {self.source}:{self.row_id}" if self.row_id is not None else ""
        return f"{where}{row}: {self.kind}: {self.detail}"


@dataclass
class Verification:
    links: int = 0
    head_position: int = 0
    head_hash: str = GENESIS
    problems: list[Problem] = field(default_factory=list)
    unsealed: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def _chunks(chunk_size: int) -> Iterator[list[ChainLink]]:
    last = 0
    while True:
        chunk = list(ChainLink.objects.filter(position__gt=last).order_by("position")[:chunk_size])
        if not chunk:
            return
        yield chunk
        last = chunk[-1].position


def _check_link(link: ChainLink, previous: str, expected: int, rows: dict, result: Verification) -> None:  # type: ignore[type-arg]
    def problem(kind: str, detail: str) -> None:
        result.problems.append(Problem(link.position, link.source, link.row_id, kind, detail))

    if link.position != expected or link.previous_hash != previous:
        problem("chain_broken", f"does not follow link #{expected - 1} (a link was removed, inserted or reordered)")
    recomputed = link_hash(previous_hash=link.previous_hash, position=link.position, source=link.source,
                           row_id=link.row_id, content_hash=link.row_hash)
    if recomputed != link.hash:
        problem("link_edited", "the link's own hash does not match its contents")
    row = rows.get(link.row_id)
    if row is None:
        problem("deleted", "the sealed row no longer exists")
    elif row_hash(row) != link.row_hash:
        problem("edited", "the row's content changed after it was sealed")


def audit_chain_verify(*, chunk_size: int = 5000) -> Verification:
    """Check every link and every sealed row (read-only); see the module docstring."""
    models_by_source = dict(chain_sources())
    result = Verification()
    previous, expected = GENESIS, 1
    for chunk in _chunks(chunk_size):
        ids: dict[str, list[int]] = defaultdict(list)
        for link in chunk:
            ids[link.source].append(link.row_id)
        rows = {
            source: _rows(models_by_source[source], row_ids) if source in models_by_source else {}
            for source, row_ids in ids.items()
        }
        for link in chunk:
            _check_link(link, previous, expected, rows[link.source], result)
            previous, expected = link.hash, link.position + 1
            result.links += 1
    result.head_position, result.head_hash = expected - 1, previous
    head = ChainHead.objects.filter(pk=1).first()
    if head is not None and (head.position, head.hash) != (result.head_position, result.head_hash):
        result.problems.append(Problem(None, "audit.chainhead", None, "head_mismatch",
                                       f"head says #{head.position} {head.hash[:12]}…, the links end at "
                                       f"#{result.head_position} {result.head_hash[:12]}…"))
    hashes = dict(ChainLink.objects.filter(
        position__in=AuditExport.objects.filter(chain_position__gt=0).values("chain_position")
    ).values_list("position", "hash"))
    for export in AuditExport.objects.filter(chain_position__gt=0):
        if hashes.get(export.chain_position) != export.chain_hash:
            result.problems.append(Problem(export.chain_position, "audit.auditexport", export.pk, "export_mismatch",
                                           "the chain was rewritten since this export was made"))
    for source, model in models_by_source.items():
        sealed = ChainLink.objects.filter(source=source)
        count = model._default_manager.exclude(pk__in=sealed.values("row_id")).count()
        if count:
            result.unsealed[source] = count
    return result
