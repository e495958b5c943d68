"""Pricing language -> contract lines: a vocabulary of charge models read clause by clause.

A clause is a sentence part or a table row holding a price. Its words pick the charge model
(tiers, milestones, prepaid credit, take rate, one-time, package, per seat, per unit, flat), its
neighbours add what belongs to the same line (included units, seats, top-ups, expiry, minimums),
and defaults stated once for the document ("usage is invoiced monthly in arrears") fill cadence
and timing. Whatever cannot be decided is a warning on the line's field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Protocol

from dateutil.relativedelta import relativedelta

from contracts.documents import parsing as p
from contracts.documents.segments import Segment
from contracts.documents.vocabulary import (
    CUMULATIVE_RE,
    ESTIMATED_USAGE_RE,
    FLAT_RE,
    GRADUATED_RE,
    INCLUDED_RE,
    MILESTONE_RE,
    MINIMUM_RE,
    NOT_SEAT_RE,
    ONE_TIME_RE,
    OTHER_PRICE_RE,
    PER_EVENT_RE,
    PERCENT_BASE_RE,
    PREPAID_RE,
    RECURRING_MODELS,
    SEAT_RE,
    SKIP_RE,
    STOP_UNITS,
    TERMINATION_FEE_RE,
    TOTAL_RE,
    USAGE_MODELS,
    USAGE_WORD_RE,
    VOLUME_RE,
    metric_code,
    slug,
)


class EvidenceRecorder(Protocol):
    def note(self, path: str, seg: Segment | None, confidence: float, text: str | None = None) -> None: ...

    def warn(self, path: str, message: str) -> None: ...


class ExtractionContext(Protocol):
    """What pricing reads from the document's extractor: its segments, its money and date finders
    (which know the document's decimal comma), the evidence recorder and the fields read so far."""

    segments: list[Segment]
    decimal_comma: bool
    rec: EvidenceRecorder
    data: dict[str, Any]

    def money(self, text: str) -> list[p.Money]: ...

    def dates(self, text: str) -> list[p.FoundDate]: ...


NUM = r"\d{1,3}(?:[,.' ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
QTY = rf"(?:{NUM})(?:\s?(?i:k|m|million|thousand)\b)?"
EQUAL_PARTS_RE = re.compile(
    r"\b(?P<n>two|three|four|five|six|2|3|4|5|6) equal (?:instal?lments|payments|parts|tranches|amounts)\b", re.I
)
# "payable in three parts on the dates below", "invoiced in stages according to the following schedule:"
SPLIT_INTRO_RE = re.compile(
    r"\b(?:payable|paid|invoiced|billed|due|split)\s+in\s+(?:\w+\s+)?(?:parts|instal?lments|payments|tranches|stages)"
    r"\b|\b(?:on|according to|per) the (?:following )?(?:dates|schedule|payment dates)(?: below| as follows)?\s*[:.,]?"
    r"\s*$|\bon the (?:dates|payment dates) (?:below|as follows)\b",
    re.I,
)
# "in three instalments as follows:", "payable in the following tranches:"
INSTALMENT_LIST_RE = re.compile(
    r"\b(?:instal?lments?|payments|tranches|part[- ]payments)\b[^.:;$€£¥]{0,40}?(?:as follows)?\s*:", re.I
)
OPTIONAL_RE = re.compile(
    r"\boptional\b|\bnot (?:included in|ordered|part of) (?:this|the) (?:order|agreement)|\bmay (?:add|order|purchase|"
    r"upgrade)\b|\b(?:up)?on (?:written )?request\b|\bif requested\b|\bat (?:the )?customer's option\b|\bnot ordered\b|"
    r"\bquoted separately\b|\bif (?:and when )?ordered\b|"
    # "Workshops may be ordered at £850 per day under a change note; none are ordered under this Schedule"
    r"\bmay (?:also |additionally )?be (?:ordered|purchased|added|bought|booked|procured)\b|"
    r"\b(?:none|no\s+(?:[\w-]+\s+){1,3}?)\s*(?:are|is|were|have been|has been)\s+(?:ordered|purchased|booked)\b",
    re.I,
)
TAX_NOTE = re.compile(
    r"\(?\s*(?:exclusive of|excluding|excl\.?|plus|\+|zzgl\.?|before|net of)\s+(?:all\s+)?(?:applicable\s+)?"
    r"(?:vat|taxes|tax|sales tax|mwst|ust|gst)\s*\)?",
    re.I,
)
FREE_WORD = re.compile(
    r"\bfree\b|\bincluded\b|\bno charge\b|\bat no (?:additional )?(?:cost|charge)\b|\bcomplimentary\b|\bn/c\b|\bkoste"
    r"nlos",
    re.I,
)
# "0.12", "4,200.00 / month", "38.00 / user / month", "6,500.00 (one-time)": a bare amount in a price cell
BARE_AMOUNT_RE = re.compile(r"[\d.,' ]+(?:\s*(?:(?:per|/)\s*[A-Za-z][\w /-]*|\([A-Za-z][\w -]*\)))?")
BILLED_RE = re.compile(
    r"\b(?:billed|invoiced|payable|paid|charged|installments?|instalments?|invoicing|billing|abgerechnet|factur|"
    r"settled|collected|debited|remitted|berechnet|in rechnung gestellt|gefactureerd|faturad|cobrad|fatturat|"
    r"zahlbar|(?:invoice|payment) (?:frequency|timing|cycle|interval|schedule)|"
    # a form's "Frequency: Quarterly in advance"
    r"^\s*frequency\s*:|"
    r"(?<=will )invoice\b|(?<=shall )invoice\b|(?<=will )bill\b|(?<=shall )bill\b|"
    # a purchase order's "Invoice monthly in arrears quoting the PO number"
    r"\binvoice(?=\s+(?:monthly|quarterly|annually|yearly|weekly|in (?:advance|arrears))))",
    re.I,
)
TOP_UP_RE = re.compile(
    r"\btop[- ]?up|\breplenish|\brecharge|\brefill|\bauto[- ]?reload|\breload|\b(?:purchased|bought|added) "
    r"automatically|\bautomatically (?:purchase|buy|add)",
    re.I,
)
# "usable until 31 December 2027", "can be drawn down until": the last day credit can be spent
EXPIRE_RE = re.compile(
    r"\bexpir|\bvalid (?:for|until)|\bforfeit|\bunused credits?|\bverfall|\b(?:usable|available|redeemable|"
    r"(?:can|may) be (?:used|spent|redeemed|drawn(?: down)?))\s+(?:until|through|by|up to)\b",
    re.I,
)


# "60,000 QuarryDB Credits", "a prepaid block of 500 hours", "1,000,000 tokens": a prepaid pool counted in units
PREPAID_UNITS_RE = re.compile(
    rf"(?<![\w¤.,])(?P<n>{QTY})\s+(?:(?!(?:months?|years?|days?|weeks?|users?|seats?)\b)[A-Za-z][\w-]*\s+){{0,2}}"
    r"(?P<unit>(?i:credits?|hours|tokens|minutes|messages|calls|requests|units|queries))\b",
)


# "$0.04 per GB above 50 TB": a tier written price first, its bound after the unit
PRICE_THEN_BOUND = (
    r"[$€£¥](?=[\d.,]+\s*(?i:(?:per|/)\s*[a-z]+\b[^,;]{0,20}\b(?:first|next|above|over|beyond|up to|thereafter))\b)"
)


@dataclass
class Line:
    charge_model: str
    fields: dict[str, Any]
    seg: Segment
    unit: str = ""
    description: str = ""
    interval: tuple[str, int] | None = None
    timing: str | None = None
    evidence: dict[str, tuple[Segment, float]] = field(default_factory=dict)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    confidence: float = 0.85
    clause: str = ""  # the words the line was read from, when narrower than its segment
    read_from: str = ""  # the clause as read (normalised: "plus" for "+"), even where not quoted
    quotes: dict[str, str] = field(default_factory=dict)  # narrower evidence per field
    span: tuple[date, date | None] | None = None  # the dates it runs between, as stated (a ramp's step)

    @property
    def is_usage(self) -> bool:
        return self.charge_model in USAGE_MODELS


@dataclass
class TierItem:
    kind: str  # range | upto | next | above | rest
    low: Decimal | None
    high: Decimal | None
    unit_price: Decimal | None
    flat_fee: Decimal | None
    package_size: Decimal | None
    seg: Segment
    text: str
    unit: str = ""


@dataclass
class MilestoneItem:
    name: str
    amount: Decimal | None
    percent: Decimal | None
    due_date: date | None
    seg: Segment


def _blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with each span ("from £1,200 to ") replaced by spaces (positions kept)."""
    chars = list(text)
    for start, end in spans:
        for index in range(max(0, start), min(len(chars), end)):
            chars[index] = " "
    return "".join(chars)


def _num(raw: str, decimal_comma: bool) -> Decimal | None:
    return p.parse_quantity(raw, decimal_comma=decimal_comma)


# "..., per message sent", "(per named provider)": what a price is per, at the end of an item's description
_PER_UNIT_AT_END = re.compile(
    r"(?i)\bper\s+(?:[a-z][\w-]*\s+)?(?P<u>[a-z][\w-]*)(?:\s+(?:sent|received|made|run|[a-z]+ed))?\s*\)?\.?\s*$"
)


_MINIMUM_HEADING = re.compile(
    r"(?i)(?:\d+[.)]?\s+)?minimum (?:(?:monthly|annual|quarterly|yearly) )?(?:spend|commitment|fees?|charges?|billing)"
)


def _unit_from_description(price_text: str, cells: tuple[str, ...], roles: list[str], *, usage: bool) -> str:
    """ "Patient messaging | Appointment reminders, per message sent | - | $0.03": a priced row without
    a quantity whose item or description ends by naming what its bare price is per."""
    if not usage or re.search(r"\bper\b|/|\beach\b", price_text):
        return price_text
    for text in (cell for cell, role in zip(cells, roles, strict=False) if role in ("", "name")):
        found = _PER_UNIT_AT_END.search(text)
        if found and found.group("u").lower() not in STOP_UNITS and not p.find_cadence(found.group("u")):
            return f"{price_text} per {found.group('u')}"
    return price_text


def _mask_money(text: str, moneys: list[p.Money]) -> str:
    out = text
    for money in sorted(moneys, key=lambda m: -m.start):
        out = out[: money.start] + "¤" * (money.end - money.start) + out[money.end :]
    return out


# A table column's role from its header, first match wins: (role, pattern, whole header or search).
_HEADER_ROLES: list[tuple[str, str, bool]] = [
    # "Indicative USD", "Approx. GBP": another currency for information, not the price
    (
        "reference",
        r"\b(?:indicative|approx\.?|approximate|equivalent|for (?:information|reference)|converted|fx|"
        r"for info)\b",
        False,
    ),
    (
        "total",
        r"\b(?:total|extended|subtotal|sum|line total|annual value|contract value|gesamt|net value|line value|"
        # "Annual Price | Prorated Amount": the first period's share, not the price
        r"pro-?rated|pro rata)\b",
        False,
    ),
    # "Price inc VAT", "Gross", "VAT @ 20%": tax added to the price, not the price an admin enters
    (
        "total",
        r"\b(?:inc(?:l\.?|luding)?\.?|incl\.? of|with|plus)\s+(?:vat|gst|tax(?:es)?|mwst|tva|iva|btw)\b|^\s*gross\b|"
        r"^\s*(?:vat|gst|tax|mwst|tva|iva|btw)\b(?!.*\b(?:ex|excl|excluding)\b)",
        False,
    ),
    ("date", r"^(?!.*\b(?:price|fee)).*\b(?:due|date|target|when|timing)\b", False),
    ("from", r"(?:from|min(?:imum)?|lower(?: bound)?|start|von|ab|de)(?: \(.*\))?(?: units?| calls?| volume)?", True),
    (
        "to",
        r"(?:to|up to|max(?:imum)?|upper(?: bound)?|through|end|bis|à)(?: \(.*\))?(?: units?| calls?| volume)?",
        True,
    ),
    (
        "billing",
        r"\b(?:billing|frequency|cadence|invoiced|invoicing|billed|period|interval|recurrence|term|abrechnung|fréquence)\b",
        False,
    ),
    # "Usage rate", "Usage charge": the price of metered use, not a usage band
    ("price", r"\busage (?:rates?|prices?|fees?|charges?)\b", False),
    ("range", r"\b(?:tier|band|range|volume|usage|bracket|stufe|palier)\b", False),
    ("included", r"\bincluded\b|\ballowance\b|\bfree (?:units|quantity|volume)|\binklusive", False),
    ("package", r"\b(?:pack|package|block|bundle|bucket)\s+size\b|\bunits per (?:pack|package|block|bundle)\b", False),
    (
        "qty",
        r"\b(?:qty|quantity|seats|users|licen[cs]es|count|number|no\.|menge|anzahl|units|quantit[ée]|qt[ée]|aantal|"
        r"cantidad|quantit[àa]|antal|st[üu]ck(?:zahl)?)\b",
        False,
    ),
    ("flat_fee", r"\bflat\b|\bbase fee\b|\bfixed fee\b|\bplatform fee\b", False),
    ("currency", r"currency|curr\.?|ccy|währung|devise", True),
    ("per", r"per|unit|uom|u/m|u\.?o\.?m\.?|unit of measure|billing unit|einheit", True),
    ("discount", r"\bdiscount|\bsavings\b|\brabatt", False),
    # "Public price" beside a marketplace private offer's price: the listing's price, for comparison
    (
        "list",
        # "List (NZ$)": a column titled "List" and its currency is the list price
        r"\blist price|^list\b(?!\s+of\b)|\bmsrp\b|\bstandard price|\brack rate|\blistenpreis|"
        r"\bpublic (?:list )?price|\brrp\b|\b(?:recommended )?retail price",
        False,
    ),
    # "Service | Monthly | One-time": a column titled by a cadence or "one-time" holds prices
    (
        "price",
        r"(?:monthly|annual(?:ly)?|yearly|quarterly|per (?:month|year|annum)|one[- ]time|one[- ]off|once|set-?up)"
        r"(?: \(.*\))?",
        True,
    ),
    (
        "price",
        # "Annual Fees", "Rates": plurals too
        r"\b(?:prices?|rates?|fees?|costs?|amounts?|charges?|\w*preis|prix|tarif|eur|usd|gbp|nrc|mrc|otc|"
        r"(?:non-?)?recurring)\b",
        False,
    ),
    (
        "name",
        r"\b(?:item|product|service|description|component|name|sku|module|feature|milestone|deliverable|"
        r"phase|line|offering|plan|leistung|bezeichnung|position)\b",
        False,
    ),
]


# "Net unit (NZ$)", "Unit (A$)", "In CAD": a column titled by the currency its figures are in
_CURRENCY_HEADER_RE = re.compile(
    r"\((?:" + "|".join(re.escape(s.lower()) for s in p.SYMBOLS) + "|" + "|".join(c.lower() for c in p.CODES) + r")\)"
    r"|(?<![\w$])(?:" + "|".join(c.lower() for c in p.CODES) + r")(?!\w)"
    r"|(?:us|nz|a|au|c|ca|s|hk|r)?\$|[€£¥₹]"
)


_PACK_WORDS = r"packs?|bundles?|blocks?|packages?|pacotes?|paquetes?|paquets?|pakete?|lots?"


def _pack_size_stated(clause: str, after: str) -> re.Match[str] | None:
    """ "$30.00 / pack" where the item says "5,000 notifications per pack" ("R$ 45,00 / pacote", "1.000
    mensagens por pacote"): a price per pack whose size is stated apart from it."""
    # (a table row's text puts its price first: the "/ pack" is where the price cell's amount stands)
    if not re.match(rf"^\s*(?:/|per|each|a|por|par|pro|je)\s*(?:{_PACK_WORDS})\b", after, re.I) and not re.search(
        rf"\d\s*(?:/|per|each|por|par|pro|je)\s*(?:{_PACK_WORDS})\b", clause, re.I
    ):
        return None
    return re.search(
        rf"(?P<n>{QTY})\s+(?P<unit>[^\W\d][\w-]*)\s+(?:per|por|par|pro|je|in each|each|em cada|en cada|/)\s*"
        rf"(?:{_PACK_WORDS})\b",
        clause,
        re.I,
    )


_MONTHS = {"month": 1, "quarter": 3, "year": 12}


def _restated_for_period(stated: Line, billed: Line) -> bool:
    """Is ``billed`` the fee of ``stated`` for a longer period it is invoiced for (the price times
    the ratio of the periods; a per-seat price for the same unit)?"""
    if not stated.interval or not billed.interval:
        return False
    if stated.charge_model == "per_seat" and (
        not stated.unit
        or not billed.unit
        or stated.unit.split()[0].lower().rstrip("s") != billed.unit.split()[0].lower().rstrip("s")
    ):
        return False
    months = _MONTHS.get(stated.interval[0], 0) * stated.interval[1]
    ratio = Decimal(_MONTHS.get(billed.interval[0], 0) * billed.interval[1]) / Decimal(months or 1)
    key = "unit_price" if stated.charge_model == "per_seat" else "amount"
    price, restated = stated.fields.get(key), billed.fields.get(key)
    return bool(months and ratio > 1 and price and restated and _cents(price * ratio) == _cents(restated))


_TAX_RATE = re.compile(
    r"(?i)\b(?:vat|gst|hst|pst|qst|sst|tax(?:es)?|mwst|ust|tva|iva|btw|moms)\b[^.;%\d]{0,15}?\(?\s*"
    r"(?P<a>\d+(?:[.,]\d+)?\s?%)|(?P<b>\d+(?:[.,]\d+)?\s?%)\)?\s+(?:vat|gst|hst|mwst|ust|tva|iva|btw|moms|"
    r"(?:sales |consumption |value added )?tax)\b"
)


def _without_tax_rates(clause: str, percents: list[tuple[Decimal, int, int]]) -> list[tuple[Decimal, int, int]]:
    """ "excluding consumption tax (10%)", "plus VAT at 20%", "19% MwSt.": the rate of a tax added to
    the fees, not a percentage the contract charges."""
    spans = [match.span("a" if match.group("a") else "b") for match in _TAX_RATE.finditer(clause)]
    return [pc for pc in percents if not any(start <= pc[1] < end for start, end in spans)]


def _totals_row(row: Segment) -> bool:
    """A table's totals row: its first filled cell says so ("Total", or " | Total fixed fee | | R 750 000"
    under a numbered column left empty)."""
    if not row.cells:
        return False
    first = next((cell for cell in row.cells if cell.strip()), "")
    if _TAX_ROW.fullmatch(first):
        return True  # "GST 10% | $11,550.00", "VAT (20%)": the tax added under the subtotal
    if row.cells[0].strip():
        return bool(TOTAL_RE.search(row.cells[0]))
    return bool(re.match(r"(?i)\s*(?:grand\s+|sub-?)?totals?\b", first))


_TAX_ROW = re.compile(
    r"(?i)\s*(?:plus\s+|add\s+|\+\s*)?(?:vat|gst|hst|pst|qst|sales tax|tax(?:es)?|mwst|ust|tva|iva|btw|moms|sst)"
    r"\s*(?:@\s*|at\s+)?(?:\(?\s*\d+(?:[.,]\d+)?\s?%\s*\)?)?\s*:?\s*"
)


def _header_role(header: str) -> str:
    h = header.lower().replace("_", " ").strip()  # "unit_price" (a database or CSV export's column name)
    for role, pattern, whole in _HEADER_ROLES:
        if h and (re.fullmatch(pattern, h) if whole else re.search(pattern, h)):
            return role
    if _CURRENCY_HEADER_RE.search(h):
        return "price"  # "Net unit (NZ$)": a column of money, by its currency
    return ""


class PricingReader:
    def __init__(self, ex: ExtractionContext) -> None:
        self.ex = ex
        self.dc = ex.decimal_comma
        self.lines: list[Line] = []
        self.tier_groups: list[list[TierItem]] = []
        self.milestones: list[MilestoneItem] = []
        self.minimums: list[tuple[Decimal, Segment, str, Line | None]] = []
        self.subject_defaults: list[tuple[set[str], tuple[str, int] | None, str | None, Segment]] = []
        # "Hardware is invoiced once, on shipment": the words of what is charged once
        self.once_subjects: list[set[str]] = []
        self.defaults: dict[str, tuple[tuple[str, int] | None, str | None, Segment]] = {}
        self._open_tiers: list[TierItem] | None = None
        self._previous_clause = ""
        self._pending_seats: tuple[Decimal, Segment] | None = None
        self._pending_included: tuple[Decimal, Segment] | None = None
        # "Platform fee £750 per month, including 5,000 verifications": the allowance of the usage
        # line for that unit that follows ("additional verifications ... £45 per pack of 1,000")
        self._flat_allowance: tuple[Decimal, Segment, str] | None = None
        self._last_tier_seg: int = -10
        self._extended_table = False  # a price table whose "Total" row sums its price column
        self._ramp_end: date | None = None  # where "for the first 6 months" ends, for a "then ..." step
        self._after: list[Line] = []  # a line's full-price step after a discounted first period
        self._consumed: set[int] = set()  # segments read with one before them (percentage bands as list items)

    # -- entry --------------------------------------------------------------------------------
    def read(self) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
        self._read_defaults()
        # a table in sections, each with its own column titles, is read as one table per section
        tables: dict[tuple[int, tuple[str, ...]], list[Segment]] = {}
        for seg in self.ex.segments:
            if seg.kind == "row" and seg.table is not None:
                tables.setdefault((seg.table, seg.header), []).append(seg)
        done_tables: set[tuple[int, tuple[str, ...]]] = set()
        for seg in self.ex.segments:
            if seg.kind == "row" and seg.table is not None:
                if (seg.table, seg.header) not in done_tables:
                    done_tables.add((seg.table, seg.header))
                    self._close_tiers()
                    self._table(tables[(seg.table, seg.header)])
                continue
            if seg.kind == "heading":
                continue
            self._segment(seg)
        self._close_tiers()
        self._build_tier_lines()
        self._build_milestone_line()
        self._keep_chosen_option()
        commitment = self._apply_minimums()
        self._drop_list_price_mentions()
        self._dedupe()
        self._merge_price_per_billing_period()
        self._drop_restated_seat_totals()
        self._apply_spans()
        return self._output(), commitment

    # -- a plan chosen from options -----------------------------------------------------------
    def _keep_chosen_option(self) -> None:
        """ "Customer has selected the Growth plan" after a table of Starter / Growth / Scale: only the
        chosen option's lines are charges; the other options' prices were offered, not ordered."""
        name = self._chosen_option_name()
        if not name:
            return
        named = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", re.I)
        chosen = [line for line in self.lines if named.search(_option_text(line))]
        if not chosen:
            return
        dropped = [
            line
            for line in self.lines
            if not any(line is c for c in chosen)
            and len(_option_name(line).split()) <= 3  # an option is a short name ("Growth", "Scale plan")
            and any(c.charge_model == line.charge_model and self._same_options(c, line) for c in chosen)
        ]
        if not dropped:
            return
        self.lines = [line for line in self.lines if not any(line is d for d in dropped)]
        for line in chosen:
            message = f"The {name} option chosen: {len(dropped)} other option(s) left out."
            line.warnings.append(("charge_model", message))

    def _same_options(self, a: Line, b: Line) -> bool:
        """Two lines offered as options of one choice: rows of one table, or items under one heading,
        that the table's header, the heading or both items call plans, tiers, editions or packages."""
        if a.seg.kind == "row" or b.seg.kind == "row":
            if a.seg.table is None or a.seg.table != b.seg.table:
                return False
            return bool(_OPTION_WORDS_RE.search(" ".join([*a.seg.header, *a.seg.context[-2:]])))
        heading = self._heading_before(a.seg)
        if heading is None or heading is not self._heading_before(b.seg):
            return False
        both = all(_OPTION_WORDS_RE.search(_option_text(line)) for line in (a, b))
        return both or bool(_OPTION_WORDS_RE.search(heading.text))

    def _heading_before(self, seg: Segment) -> Segment | None:
        for other in reversed(self.ex.segments[: seg.index]):
            if other.kind == "heading":
                return other
        return None

    def _chosen_option_name(self) -> str | None:
        for seg in self.ex.segments:
            if seg.kind == "row" and not re.search(r"(?i)\bselect|\bchos", seg.header and " ".join(seg.header) or ""):
                continue
            match = CHOSEN_OPTION_RE.search(seg.text)
            if match:
                return next(name for name in match.groups() if name).strip()
            # "Plan: Growth" as a field of the order, below the plans offered
            field_value = re.fullmatch(rf"\s*(?i:plan|edition|tier)\s*:\s*(?P<name>{_OPTION_NAME})\s*", seg.text)
            if seg.kind == "field" and field_value and not self.ex.money(seg.text):
                return field_value.group("name")
        return None

    # -- document-wide cadence / timing statements --------------------------------------------
    def _read_defaults(self) -> None:
        for seg in self.ex.segments:
            previous = ""
            for sentence in re.split(r"(?<=[.;])\s+", seg.text):
                both = re.search(r"\bin advance\b", sentence, re.I) and re.search(r"\bin arrears?\b", sentence, re.I)
                if both and not self.ex.money(sentence) and BILLED_RE.search(sentence):
                    # "Usage is billed monthly in arrears and support monthly in advance": one default each.
                    for part in re.split(r"\band\b|;|,(?!\d{3})", sentence):
                        self._default_from(seg, part, billed=True)
                else:
                    # "... invoiced quarterly in advance; permit fees quarterly in arrears": the verb is
                    # left out after the semicolon
                    elided = previous.endswith(";") and bool(BILLED_RE.search(previous))
                    self._default_from(seg, sentence, billed=elided)
                previous = sentence

    def _default_from(self, seg: Segment, text: str, *, billed: bool = False) -> None:
        # a priced sentence ("Annual maintenance: 18% of the licence fee, invoiced annually") bills its own line
        priced = self.ex.money(text) or (
            p.find_percentages(text, decimal_comma=self.dc) and re.search(r"%\s*of\b|\bpercent of\b", text, re.I)
        )
        if priced and not re.search(r"\ball (?:fees|charges)\b", text, re.I):
            return
        once = re.match(
            r"\s*(?:the\s+|all\s+)?(?P<s>[A-Za-z][\w-]*(?:\s+[a-z][\w-]*){0,2})\s+(?:is|are|will be|shall be)\s+"
            r"(?:invoiced|billed|charged|payable)\s+(?:only\s+)?once\b"
            r"(?!\s+(?:(?:a|per|every|each)\s|annually|yearly|monthly|quarterly))",  # "once a year": a cadence
            text,
            re.I,
        )
        if not priced and once:
            words = {w[:5] for w in re.findall(r"[a-z]{4,}", once.group("s").lower())} - ONCE_GENERIC
            if words:
                self.once_subjects.append(words)
        # "The annual fees are payable in 12 monthly instalments": the cadence after the billing word
        # is how often invoices go out; "annual" before it says what the amounts are.
        billed_word = BILLED_RE.search(text)
        cadence = (p.find_cadence(text[billed_word.end() :]) if billed_word else None) or p.find_cadence(text)
        timing = p.timing(text)
        if not (cadence or timing) or not (billed or billed_word):
            return
        interval = (cadence[0], cadence[1]) if cadence else None
        lowered = text.lower()
        usage = re.search(
            r"\busage|\boverage|\bconsumption|\bmetered|\bvariable|\btransaction fees|\bper-unit|\bin arrears",
            lowered,
        )
        fixed = re.search(
            r"\bsubscription|\bfixed|\bplatform|\blicen[cs]e|\brecurring|\bseat|\bbase fee|\bminimum|\bin advance"
            r"|\bsupport|\b(?:monthly|annual|yearly|quarterly) (?:charges|fees)\b",
            lowered,
        )
        subject = re.match(
            r"\s*(?:the\s+)?(?P<s>[A-Za-z][\w-]*(?:\s+[a-z][\w-]*){0,2})\s+(?:is|are|will be|shall be)\s+"
            r"(?:invoiced|billed|charged|settled|collected|debited)\b",
            text,
            re.I,
        )
        # "Encore will invoice the Booking Fees and the terminal rental monthly in arrears": the active voice
        subject = subject or re.search(
            r"\b(?:will|shall|to|may)\s+(?:invoice|bill)\s+(?:the\s+)?(?P<s>[A-Za-z](?:[^.;:]|(?<=\d)\.(?=\d)){2,100}?)\s+(?:monthly|quarterl"
            r"y|annually|yearly|weekly|in advance|in arrears|each|every|per)\b",
            text,
            re.I,
        )
        if subject:
            generic = {"fees", "charg", "recur", "other", "amoun", "invoi", "servi", "usage", "subsc", "price", "under"}
            words = {w[:5] for w in re.findall(r"[a-z]{4,}", subject.group("s").lower())} - generic
            if words:
                self.subject_defaults.append((words, interval, timing, seg))
        targets = []
        if usage:
            targets.append("usage")
        if (
            fixed
            or (timing == "in_arrears" and re.search(r"\ball (?:\w+ )?(?:fees|charges)\b", lowered))
            # "Fees are added up for each statement month and invoiced in arrears": every fee, unqualified
            or (
                timing == "in_arrears"
                and re.match(r"\s*(?:the\s+)?(?:fees|charges)\s+(?:are|will be|shall be)\b", lowered)
            )
            # "Invoice monthly in arrears quoting the PO number": an order's instruction for every line
            or re.match(r"\s*(?:please\s+)?invoice\s+(?:monthly|quarterly|annually|yearly|weekly|in )", lowered)
        ):
            # "all fees are invoiced monthly in arrears": fixed fees too
            targets.append("fixed")
        if not targets:
            targets = ["all"]
        for target in targets:
            # usage is billed in arrears unless invoiced ahead on an estimate ("estimated usage ... in advance")
            advance = timing == "in_advance" and bool(ESTIMATED_USAGE_RE.search(text))
            target_timing = timing if target != "usage" or timing == "in_arrears" or advance else None
            if target not in self.defaults:
                self.defaults[target] = (interval, target_timing, seg)
                continue
            # "Billing Frequency: Quarterly" and "Billing Timing: In advance" as two fields of a form:
            # each fills what the other left open.
            known_interval, known_timing, known_seg = self.defaults[target]
            if (known_interval is None and interval) or (known_timing is None and target_timing):
                self.defaults[target] = (known_interval or interval, known_timing or target_timing, known_seg)

    def _default(
        self, usage: bool, line: Line | None = None, clause: str = ""
    ) -> tuple[tuple[str, int] | None, str | None, Segment | None]:
        if line is not None:
            # "Licences are invoiced annually in advance; hosting is invoiced monthly": a default
            # that names its subject applies to the lines it names
            named = {w[:5] for w in re.findall(r"[a-z]{4,}", f"{line.description} {clause}".lower())}
            for words, interval, timing, seg in self.subject_defaults:
                if words & named:
                    return interval, timing, seg
        key = "usage" if usage else "fixed"
        found = [self.defaults[name] for name in (key, "all") if name in self.defaults]
        if not found:
            return None, None, None
        interval, timing, seg = found[0]
        if interval is None and len(found) > 1 and found[1][0] is not None:
            # "Billing Timing: In advance" for the fixed fees, "Billing Frequency: Quarterly" for all
            return found[1][0], timing or found[1][1], found[1][2]
        return interval, timing, seg

    # -- prose --------------------------------------------------------------------------------
    def _segment(self, seg: Segment) -> None:
        text = seg.text
        # "[ ] Premium support $500/month": an option left unticked; a band already read with the one above
        if UNTICKED_RE.match(text) or seg.index in self._consumed or self._percent_band_items(seg):
            return
        if (
            seg.kind == "field"
            and not self.ex.money(seg.text)
            and not p.find_percentages(seg.value, decimal_comma=self.dc)
        ):
            self._no_money(seg, text)
            return
        tier_items = self._tier_items_in(seg, text)
        if tier_items:
            self._add_tiers(seg, tier_items)
            return
        if self._ramp_years(seg, text):
            return
        self._previous_clause = ""
        text = self._dated_instalments(seg, text)
        for clause in self._clauses(text):
            self._clause(seg, clause)
            self._previous_clause = clause

    def _percent_band_items(self, seg: Segment) -> bool:
        """ "- 2.5% of monthly volume up to $250,000" and "- 2.0% of monthly volume above $250,000": the bands
        of one rate as list items, read together."""
        if len(p.find_percentages(seg.text, decimal_comma=self.dc)) != 1 or not self.ex.money(seg.text):
            return False
        run = [seg]
        for other in self.ex.segments[seg.index + 1 : seg.index + 6]:
            if other.kind not in ("prose", "field") or len(p.find_percentages(other.text, decimal_comma=self.dc)) != 1:
                return False
            run.append(other)
            joined = ", ".join(part.text.strip().lstrip("-•*· ").rstrip(".;,") for part in run)
            moneys = self.ex.money(joined)
            percents = p.find_percentages(_mask_money(joined, moneys), decimal_comma=self.dc)
            if len(percents) == len(run) and _percent_bands(joined, moneys, percents):
                self._consumed.update(part.index for part in run[1:])
                return self._percentage_bands(seg, joined, moneys, percents)
        return False

    def _ramp_years(self, seg: Segment, text: str) -> bool:
        """A ramp stated by contract year: "Year 1: $40,000" (a field each), "$40,000 in Year 1, $44,000
        in Year 2 and $48,000 in Year 3": one fee per year, each over its year of the contract."""
        steps: list[tuple[int, p.Money]] = []
        unit_priced = False
        for money in self.ex.money(text):
            before = re.search(
                r"\b(?:contract\s+|subscription\s+)?(?:year|yr\.?)\s*(?P<y>\d{1,2})\s*(?:[:=–-]|\))?\s*(?:fees?\s*[:=]?\s*)?$",
                text[max(0, money.start - 30) : money.start],
                re.I,
            )
            after = re.match(
                r"\s*(?:(?:per|/|a)\s*[a-z-]+\s*){0,2}(?:in|for|during)\s+(?:the\s+)?(?:contract\s+)?"
                r"(?:year|yr\.?)\s*(?P<y>\d{1,2})\b",
                text[money.end : money.end + 60],
                re.I,
            )
            found = before or after
            if found:
                steps.append((int(found.group("y")), money))
                # "Year 1: $10 per user per month": a unit price, read as such, then dated
                unit_priced = unit_priced or bool(
                    re.match(
                        r"\s*(?:/|per|each|a)\s*(?!year|annum|month|quarter|yr\b|mo\b)[a-z]", text[money.end :], re.I
                    )
                )
        labelled = seg.kind == "field" and re.fullmatch(
            r"(?i)(?:contract\s+|subscription\s+)?(?:year|yr\.?)\s*\d{1,2}", seg.label.strip()
        )
        if not steps or (len(steps) < 2 and not labelled) or len({year for year, _ in steps}) != len(steps):
            return False
        stated_start = self.ex.data.get("start_date")
        start = date.fromisoformat(stated_start) if isinstance(stated_start, str) else None
        if unit_priced:
            return len(steps) >= 2 and self._dated_steps(seg, text, steps, start)
        # the title above a list of "Year n:" fields ("Annual Subscription Fees:") says what they are
        title = next((c for c in reversed(seg.context) if not self.ex.money(c)), "") if labelled else ""
        for year, money in steps:
            line = Line("flat", {"amount": money.amount}, seg)
            self._finish(line, f"{title} {text}" if title else text, flat=True)
            if start:
                first = start + relativedelta(years=year - 1)
                line.span = (first, first + relativedelta(years=1) - timedelta(days=1))
        return True

    def _dated_steps(self, seg: Segment, text: str, steps: list[tuple[int, p.Money]], start: date | None) -> bool:
        """Unit prices by contract year: the clauses read as usual, each line then runs over the year
        its price is stated for."""
        before = len(self.lines)
        self._previous_clause = ""
        for clause in self._clauses(text):
            self._clause(seg, clause)
            self._previous_clause = clause
        # "50 users at $10 ... in Year 1 and $12 ... in Year 2": the count is stated once for every year
        counts = [line.fields["seats"] for line in self.lines[before:] if "seats" in line.fields]
        for line in self.lines[before:]:
            if line.charge_model == "per_seat" and "seats" not in line.fields and len(set(counts)) == 1:
                line.fields["seats"] = counts[0]
            price = line.fields.get("unit_price", line.fields.get("amount"))
            year = next((y for y, money in steps if money.amount == price), None)
            if year and start:
                first = start + relativedelta(years=year - 1)
                line.span = (first, first + relativedelta(years=1) - timedelta(days=1))
        return True

    def _dated_instalments(self, seg: Segment, text: str) -> str:
        """ "... invoiced in three instalments as follows: USD 18,000 on 15 July 2027; USD 24,000 on
        30 September 2027; and the balance of USD 18,000 on 15 December 2027": one milestone per
        dated amount. The text before the list (the total it splits) is left to read."""
        intro = INSTALMENT_LIST_RE.search(text)
        if not intro:
            return text
        tail = text[intro.end() :]
        parts: list[tuple[Decimal, date]] = []
        for money in self.ex.money(tail):
            when = re.match(r"\s*,?\s*(?:(?:is\s+)?(?:due|payable|invoiced)\s+)?(?:on|by)\s+", tail[money.end :], re.I)
            found = self.ex.dates(tail[money.end : money.end + 60]) if when else []
            if when and found and found[0].start == when.end():
                parts.append((money.amount, found[0].value))
        if len(parts) < 2:
            return text
        for position, (amount, due) in enumerate(parts, start=1):
            self.milestones.append(MilestoneItem(f"Instalment {position}", amount, None, due, seg))
        return text[: intro.end()]

    def _drop_replaced_prices(self, text: str) -> str:
        """ "reduced from $0.023 to $0.018", "$0.018 (instead of $0.023)": only the new price stays."""
        for money in self.ex.money(text):
            before = text[max(0, money.start - 60) : money.start]
            after = text[money.end : money.end + 40]
            if re.search(
                r"\b(?:reduced|increased|changed|amended|revised|lowered|raised|adjusted|updated|goes|moves?|decrease"
                r"[sd]?)\s+"
                r"from\s*$|\b(?:instead of|previously|formerly|was|replacing|in place of)\s*$",
                before,
                re.I,
            ) or re.search(
                r"^\s*(?:per\s+[\w-]+\s+)?(?:is|shall be|will be)?\s*(?:replaced|superseded)\s+(?:by|with)", after, re.I
            ):
                cut = re.search(r"^(?:\s*per\s+[\w-]+)?", after)
                end = money.end + (cut.end() if cut else 0)
                text = text[: money.start] + " " * (end - money.start) + text[end:]
                return self._drop_replaced_prices(re.sub(r"\bfrom\s+(?=\s*to\b)", "", text))
        return self._drop_list_prices(text)

    def _drop_list_prices(self, text: str) -> str:
        """ "list price $50 per user per month, less a 10% discount, for a net price of $45": the
        net price is the price; the list price it was discounted from is not a charge."""
        moneys = self.ex.money(text)
        net = [
            m
            for m in moneys
            if re.search(
                r"\b(?:net|discounted|after discount|special|your) (?:price|rate|fee)(?: of| is|:)?\s*$",
                text[max(0, m.start - 40) : m.start],
                re.I,
            )
        ]
        if not net:
            return text
        for money in moneys:
            before = text[max(0, money.start - 30) : money.start]
            if money not in net and re.search(
                r"\b(?:list|standard|rack|retail) (?:price|rate)(?: of| is|:)?\s*$", before, re.I
            ):
                cut = re.search(r"^(?:\s*per\s+[\w-]+(?:\s+per\s+[\w-]+)?)?", text[money.end :])
                end = money.end + (cut.end() if cut else 0)
                return text[: money.start] + " " * (end - money.start) + text[end:]
        return text

    def _clauses(self, text: str) -> list[str]:
        # "£450 + VAT per month": the note goes, the words on either side stay apart
        text = re.sub(r"(?<=\S) {2,}(?=\S)", " ", TAX_NOTE.sub(" ", text))
        # "A$89 p/m per practitioner", "£400 pcm", "€9.600 p/a": abbreviated periods.
        text = re.sub(r"(?<![\w/])(?:p/m|pcm|p\.c\.m\.)(?![\w/])", "per month", text, flags=re.I)
        text = re.sub(r"(?<![\w/])p/a(?![\w/])", "per year", text, flags=re.I)
        text = self._drop_replaced_prices(text)
        splitter = re.compile(
            r";\s+|\s+(?:plus|\+)\s+(?=(?:an?\s+|the\s+)?(?:[a-z-]+\s+){0,3}?(?:of\s+)?(?:[$€£¥]|USD|EUR|GBP|CHF|\d))"
            r"|\.\s+(?=[A-Z])|,\s+and\s+(?=("
            r"?:an?\s"
            r"+|the\s+)?[A-Za-z ]{0,40}(?:[$€£]|USD|EUR|GBP|CHF))"
            # "2.9% + $0.30 for domestic cards and 3.9% + $0.30 for international cards": a second take rate
            r"|\s+and\s+(?=\d{1,2}(?:[.,]\d{1,3})?\s?%\s*(?:\+|plus)\s*(?:[$€£¥]|[A-Z]{3}\s?)?\d)"
            rf"|\s+and\s+(?=(?:an?\s+|the\s+)?(?:[$€£¥]|(?:{p._CODE}) ))|\s+and\s+(?=[a-z0-9][\w -]{{0,30}}?\s(?:at|of"
            rf"|for|is|are|cost|costs|:)\s+(?:[$€£¥]|{p._CODE}))|,\s+(?:and\s+)?(?=(?:a|an|the)\s+"
            r"[a-z -]{0,40}(?:fee|charge|price)\s+of\s+)"
            # "$1,150/month for the first 6 months, then $1,450/month thereafter": a ramp's steps
            r"|,?\s+(?:and\s+)?then\s+(?=(?:[$€£¥]|(?:USD|EUR|GBP|CHF|AUD|CAD)\s?)\d)"
            # "Partner £350, Manager £220 and Trainee £90": a rate list, one role each
            r"|(?:,|\s+and)\s+(?=[A-Z][\w-]*(?:\s[A-Za-z][\w-]*){0,3}:?\s+(?:[$€£¥]|(?:USD|EUR|GBP|CHF)\s?)\d)"
            # "portal EUR 390 per month, 85 inverters at EUR 2.50 ..., commissioning EUR 1,900 one-off":
            # a list of priced items in one sentence (not "..., minimum $200", "..., i.e. $12,000")
            r"|,\s+(?!(?:min|max|minimum|maximum|capped|cap|up|subject|i\.e|ie|e\.g|plus|rising|then|thereafter|"
            r"reduced|increasing|with|including|excluding|and|or|but|equivalent|equal|which|that|totalling|total|a|an|"
            r"the|further|another|billed|invoiced|payable|paid|charged|due|being|representing|making|so|in)\b)"
            rf"(?=(?:\d[\d,.]*\s+)?(?:[a-z][\w-]*\s+){{1,4}}(?:at\s+|@\s*|of\s+|for\s+)?(?:[$€£¥]|(?:{p._CODE})\s?\d))"
        )
        pieces = splitter.split(text)
        separators = [match.group(0) for match in splitter.finditer(text)]
        clauses: list[str] = []
        for position, piece in enumerate(pieces):
            has_money = bool(self.ex.money(piece)) or bool(p.find_percentages(piece, decimal_comma=self.dc))
            if not clauses:
                clauses.append(piece)
                continue
            previous = clauses[-1]
            prev_money = bool(self.ex.money(previous)) or bool(p.find_percentages(previous, decimal_comma=self.dc))
            # "2.9% plus $0.30 per transaction" is one take rate; a piece without a price qualifies
            # the one before it ("..., billed monthly in advance").
            joins_rate = (
                bool(p.find_percentages(previous, decimal_comma=self.dc))
                and (
                    PERCENT_BASE_RE.search(previous)
                    or PERCENT_BASE_RE.search(piece)
                    # "2.5% + $0.20 per sale": a rate, then the fixed fee added to it
                    or (re.search(r"%\s*$", previous) and re.fullmatch(r"\s+(?:plus|\+)\s+", separators[position - 1]))
                )
                # "... per sale", or a bare fixed fee ("1.4 % plus EUR 0.25")
                and (
                    PER_EVENT_RE.search(piece)
                    or re.fullmatch(
                        rf"\s*(?:[$€£¥]|(?:{p._CODE})\s?)?\s?\d[\d.,]*\s*"
                        rf"(?:[$€£¥]|{p._CODE})?\s*\.?\s*",
                        piece,
                    )
                    or _fixed_fee_for_a_kind(previous, piece, separators[position - 1], self.ex.money(piece))
                )
                # not "plus a minimum of $500 per month"; but "plus $0.25 per sale, with a minimum fee of
                # $0.50 per sale" is the fixed fee, then the bound of each sale's fee
                and not MINIMUM_RE.search(_before_first_money(piece, self.ex.money(piece)))
            )
            general = (
                not has_money
                and re.search(r"\bin advance\b", piece, re.I)
                and re.search(r"\bin arrears?\b", piece, re.I)
            )
            if general:
                continue  # "Usage is billed in arrears and support in advance": read as a default
            if not has_money and re.match(r"\.\s", separators[position - 1]) and ASIDE_SENTENCE_RE.search(piece):
                # "... $45,000, invoiced on the start date. Travel is reimbursed at cost.": a sentence
                # of its own about something else, not a qualification of the price before it
                clauses.append(piece)
                continue
            # "Whenever the balance falls under $500, we add $2,000 of credit": the condition and what
            # happens then are one clause
            conditional = separators[position - 1].startswith(",") and re.match(
                r"\s*(?:whenever|when|if|once|each time|every time|as soon as|should)\b", previous, re.I
            )
            if conditional:
                clauses[-1] = f"{previous}, {piece}".strip()
            elif not prev_money and re.fullmatch(r"\s+and\s+", separators[position - 1]):
                # "Time and materials at GBP 1,150 per day": the words before the price keep their "and"
                clauses[-1] = f"{previous} and {piece}".strip()
            elif not has_money or not prev_money or joins_rate:
                clauses[-1] = f"{previous} {'plus ' if joins_rate else ''}{piece}".strip()
            else:
                clauses.append(piece)
        return self._join_percentage_bands(text, [c.strip() for c in clauses if c.strip()])

    def _join_percentage_bands(self, text: str, clauses: list[str]) -> list[str]:
        """ "4% up to EUR 2.000.000; 3,5% thereafter", "between $100,000 and $250,000 and 6% above": the
        bands of one rate, split apart, read together as the text wrote them (with the words between)."""
        if len(p.find_percentages(text, decimal_comma=self.dc)) < 2:
            return clauses
        spans: list[tuple[int, int] | None] = []
        position = 0
        for clause in clauses:
            start, end = text.find(clause[:20], position), text.find(clause[-20:], position)
            spans.append((start, end + len(clause[-20:])) if 0 <= start <= end else None)
            position = max(position, start if start >= 0 else position)
        out: list[str] = []
        index = 0
        while index < len(clauses):
            end = index + 1
            for stop in range(len(clauses), index + 1, -1):
                first, last = spans[index], spans[stop - 1]
                joined = text[first[0] : last[1]] if first and last else " ".join(clauses[index:stop])
                moneys = self.ex.money(joined)
                percents = p.find_percentages(_mask_money(joined, moneys), decimal_comma=self.dc)
                if len(percents) >= 2 and _percent_bands(joined, moneys, percents):
                    end = stop
                    break
            first, last = spans[index], spans[end - 1]
            out.append(text[first[0] : last[1]] if end > index + 1 and first and last else clauses[index])
            index = end
        return out

    def _overage_multiple(self, text: str) -> None:
        """ "Calls above the included 200,000 are charged at 1.5x the list rate" with no amount after it:
        the overage price is that multiple of the usage price stated before (computed, warned)."""
        match = LONE_MULTIPLIER_RE.search(text)
        if (
            not match
            or not re.search(r"(?i)\b(?:above|over|beyond|exceed\w*|overage|excess)\b", text)
            # "out-of-hours work at 1.5x the standard rate": a surcharge for when, not a price for more use
            or re.search(
                r"(?i)out[- ]of[- ]hours|outside (?:\w+ )?hours|weekend|evening|overtime|holiday|urgent|rush", text
            )
        ):
            return
        line = next((line for line in reversed(self.lines) if line.charge_model == "per_unit"), None)
        if line is None or "unit_price" not in line.fields or any(k == "unit_price" for k, _ in line.warnings):
            return
        unit = (line.unit or "").split()[-1:] or [""]
        if unit[0] and not re.search(rf"(?i)\b{re.escape(unit[0].rstrip('s'))}", text):
            return  # the multiple is of another usage's rate
        factor = Decimal(match.group("m"))
        price = line.fields["unit_price"]
        line.fields["unit_price"] = price * factor
        line.warnings.append(("unit_price", f"{p.plain(factor)} times the stated rate of {p.plain(price)}."))

    def _no_money(self, seg: Segment, text: str) -> None:
        """Statements without a price that qualify a line: included units, seats, top-up, expiry, free months."""
        lowered = text.lower()
        recurring = next((line for line in reversed(self.lines) if line.charge_model in ("flat", "per_seat")), None)
        if recurring is not None and "start_date" not in recurring.fields and self._free_months(recurring, text):
            return
        self._overage_multiple(text)
        included = self._included(text)
        if included is not None and not re.search(r"\bseat|\buser|\blicen", lowered):
            self._attach_included(seg, included, text)
            return
        if self._counts_by_unit(seg, text):
            return
        if self._ordered_count_of_a_unit_billed_ahead(seg, text):
            return
        last_seat = self._last("per_seat")
        seats = self._seat_count(text, last_seat.unit if last_seat is not None else "")
        if seats is not None:
            target = self._last("per_seat")
            if target is not None and "seats" not in target.fields:
                target.fields["seats"] = seats
                target.evidence["seats"] = (seg, 0.85)
            elif target is None:
                self._pending_seats = (seats, seg)  # "Licensed Users: 120" before the price per user
            return
        if EXPIRE_RE.search(text):
            self._attach_expiry(seg, text)

    def _ordered_count_of_a_unit_billed_ahead(self, seg: Segment, text: str) -> bool:
        """ "$18.00 per protected server per month, invoiced in advance" then "the Customer has ordered
        backup for 32 servers": a price per thing billed ahead for a stated number of them is per seat."""
        line = self.lines[-1] if self.lines else None
        if line is None or line.charge_model != "per_unit" or line.timing != "in_advance" or not line.unit:
            return False
        if not re.search(r"(?i)\b(?:ordered|orders|purchase[sd]?|bought|subscribe[sd]?|contracted|licensed)\b", text):
            return False
        noun = line.unit.split()[-1].lower().rstrip("s")
        # "32 servers", "thirty-two (32) managed servers"
        count = re.search(
            rf"(?i)(?:\b[a-z-]+\s+\(\s*(?P<b>{NUM})\s*\)|(?P<n>{NUM}))\s+(?:\w+\s)?{re.escape(noun)}s?\b",
            p.spelled_counts(text),
        )
        seats = _num(count.group("b") or count.group("n"), self.dc) if count else None
        if not seats:
            return False
        line.charge_model = "per_seat"
        line.fields = {"unit_price": line.fields["unit_price"], "seats": seats}
        line.evidence["seats"] = (seg, 0.8)
        return True

    def _counts_by_unit(self, seg: Segment, text: str) -> bool:
        """ "Ordered quantities: 6 sites, 240 devices": several counts, each for the per-seat line
        priced per that unit (not all for the last line)."""
        open_lines = [
            line for line in self.lines if line.charge_model == "per_seat" and "seats" not in line.fields and line.unit
        ]
        found: list[tuple[Line, Decimal]] = []
        for match in re.finditer(rf"(?P<n>{NUM})\s+(?P<w>[A-Za-z][\w-]*)", text):
            word = match.group("w").lower().removesuffix("s")
            line = next((o for o in open_lines if o.unit.split()[0].lower().removesuffix("s") == word), None)
            count = _num(match.group("n"), self.dc)
            if line is not None and count and all(line is not other for other, _ in found):
                found.append((line, count))
        if len(found) < 2:
            return False
        for line, count in found:
            line.fields["seats"] = count
            line.evidence["seats"] = (seg, 0.8)
        return True

    # -- a clause with a price ----------------------------------------------------------------
    @staticmethod
    def _not_a_price(clause: str, moneys: list[p.Money]) -> bool:
        """Late fees, interest, liability caps, price increases and totals are not charges."""
        lowered = clause.lower()
        if OTHER_PRICE_RE.search(clause) or _termination_fees_only(clause, moneys):
            return True
        if (
            SKIP_RE.search(clause)
            and not re.search(r"\bper\b|\bfee\b.*\b(?:month|year)", lowered)
            and not EACH_BILLED_RE.search(clause)
        ):
            return True
        if _invoice_total(clause, moneys):
            return True
        # "at EUR 1 = GBP 0.86": an exchange rate, each side in its own currency
        rates = {
            i
            for i, (a, b) in enumerate(zip(moneys, moneys[1:], strict=False))
            if a.currency and b.currency and a.currency != b.currency
            and re.fullmatch(r"\s*(?:=|equals|is worth)\s*", clause[a.end : b.start], re.I)
        }
        if rates and all(i in rates or i - 1 in rates for i in range(len(moneys))):
            return True
        if moneys and re.search(
            r"(?:\bi\.\s?e\.?|\bthat is|\bequivalent to|\bequating to|\bwhich (?:equals|works out at|is)|"
            r"\bworks out (?:at|to)|\beffectively)[\s,]*(?:about\s+|approximately\s+|approx\.\s+)?$",
            clause[: moneys[0].start],
            re.I,
        ):
            return True  # "..., i.e. 89,29 € per shop": the same fee restated, not a second charge
        if SKIP_RE.search(clause) and re.search(
            r"\blate\b|\binterest\b|\boverdue\b|\bliabilit|\bincrease\b|\buplift|\bescalat", lowered
        ):
            return True
        # A spending cap ("fees shall not exceed $50,000 without a change order") is not a charge;
        # a cap per transaction is read with its take rate.
        if re.search(r"\bnot (?:to )?exceed\b|\bcapped at\b|\bup to a maximum\b|\bbudget\b", lowered) and not (
            PER_EVENT_RE.search(clause) or re.search(r"\bper\s+\w", lowered)
        ):
            return True
        # "if the fees for a month total less than £900, the Venue pays £900": a minimum, not a total
        totals = re.sub(r"(?i)\btotal(?:s|ling)?\b", "", clause) if MINIMUM_RE.search(clause) else clause
        return bool(
            moneys
            and TOTAL_RE.search(totals)
            and not re.search(r"\bper\s+(?!month|year|annum|quarter)\w", lowered)
            and not MILESTONE_RE.search(clause)
            and not PREPAID_RE.search(clause)
            # "commits to aggregate Fees of not less than $150,000 in each Contract Year": a commitment
            and not re.search(
                r"\bcommit(?:s|ted)? to\b.{0,80}?\b(?:not less than|no less than|at least|minimum)\b", lowered
            )
        )

    def _worked_example(self, seg: Segment, moneys: list[p.Money]) -> bool:
        """ "Example: 400,000 events cost 250,000 x EUR 0.004 + 150,000 x EUR 0.0025 = EUR 1,375.00": a calculation
        that shows how the prices above apply, not a charge (the sentence is split into clauses at its "+")."""
        if moneys and (_EXAMPLE_LEAD.search(seg.text) or _EXAMPLE_LEAD.fullmatch(seg.label)):
            return True
        whole = self.ex.money(seg.text)
        if len(whole) < 3 or not re.fullmatch(r"\s*(?:=|equals)\s*", seg.text[whole[-2].end : whole[-1].start], re.I):
            return False
        worked = [money for money in whole[:-1] if _operand(seg.text, money)]
        if not worked:
            return False
        # the clause's amounts are the operands and the result of that calculation
        shown = {(money.amount, money.text) for money in [*worked, whole[-1]]}
        return bool(moneys) and all((money.amount, money.text) in shown for money in moneys)

    def _minimum_restated(self, clause: str, moneys: list[p.Money]) -> bool:
        """ "...; if the metered charges are lower, $150.00 is billed instead": how a minimum already
        read works, not a second charge."""
        minimums = {line.fields.get("minimum_amount") for line in self.lines} | {m[0] for m in self.minimums}
        return bool(
            moneys
            and all(money.amount in minimums for money in moneys)
            and re.search(
                r"(?i)\binstead\b|\bshortfall\b|\bthe difference\b|\b(?:lower|less) than\b|\bbelow\b|"
                r"\b(?:are|is) (?:lower|less)\b",
                clause,
            )
        )

    def _invoice_total_counts(self, seg: Segment, clause: str, moneys: list[p.Money]) -> bool:
        """ "You have 85 employees, so your monthly invoice will change from $732.50 to $792.00": what
        the invoice adds up to is not a charge, but the count it was worked from is the seat count."""
        if not _invoice_total(clause, moneys):
            return False
        seat = self._last("per_seat")
        if seat is not None and "seats" not in seat.fields:
            seats = self._seat_count(_mask_money(clause, moneys), seat.unit or "")
            if seats is not None:
                seat.fields["seats"] = seats
                seat.evidence["seats"] = (seg, 0.8)
        return True

    def _unit_before_price(self, clause: str) -> str:
        """ "Change requests per person-day CHF 1,850.00": a price list's line (a tab stop between the
        item and its price) naming what the price is per before the price: read as "CHF 1,850.00 per
        person-day"."""
        moneys = self.ex.money(clause)
        if len(moneys) != 1 or clause[moneys[0].end :].strip(" .;"):
            return clause
        unit = r"per\s+[a-z][\w-]*"
        per = re.search(rf"(?i)\s(?P<per>{unit}(?:\s+{unit})?)\s*:?\s*$", clause[: moneys[0].start])
        if not per:
            return clause
        return f"{clause[: per.start()]} {moneys[0].text} {per.group('per')}"

    def _new_price_of_a_change(self, clause: str, moneys: list[p.Money]) -> tuple[str, list[p.Money]]:
        """ "the fee changes from £1,200 to £1,320 per month": the price in force is the new one (the
        old price and "from ... to" are blanked, positions kept)."""
        changes = r"\b(?:chang|increas|ris|decreas|reduc|adjust|go(?:es)? up|mov|upgrad|downgrad|switch|migrat)\w*"
        # "the fee increases by 7%, from £40,000 to £42,800": the change's verb in the clause before
        continued = re.match(r"\s*from\b", clause, re.I) and re.search(changes, self._previous_clause, re.I)
        if not re.search(changes, clause, re.I) and not continued:
            return clause, moneys
        spans = []
        for old, new in zip(moneys, moneys[1:], strict=False):
            before = re.search(r"\bfrom\s+$", clause[max(0, old.start - 6) : old.start], re.I)
            if before and re.fullmatch(r"\s+to\s+", clause[old.end : new.start]):
                spans.append((max(0, old.start - 6) + before.start(), new.start))
            elif re.fullmatch(
                # "your current fee of $9,000 per year will increase by 5% to $9,450 per year"
                r"[^.;]{0,40}?\b(?:increas|ris|decreas|reduc|chang|adjust|go(?:es)? up|mov)\w*\b[^.;]{0,30}?\bto\s+",
                clause[old.end : new.start],
                re.I,
            ):
                spans.append((old.start, new.start))
        # "you move from the Team plan (£450/month) to the Business plan at £780/month": the plan moved to
        moved = re.search(
            r"(?i)\b(?:mov|upgrad|downgrad|switch|migrat|chang)\w*\s+(?:\w+\s+){0,3}?from\b(?P<old>[^.;]{0,80}?)\bto\b",
            clause,
        )
        if not spans and moved:
            old = [m for m in moneys if moved.start("old") <= m.start < moved.end("old")]
            if len(old) == 1 and any(m.start >= moved.end() for m in moneys):
                spans.append((old[0].start, old[0].end))
        if not spans:
            return clause, moneys
        clause = _blank_spans(clause, spans)
        return clause, self.ex.money(clause)

    def _without_superseded_prices(self, clause: str, moneys: list[p.Money]) -> tuple[str, list[p.Money]]:
        """ "the previous user price of $41.00 no longer applies", "$0.09 per scan (the former rate) is
        replaced by ...": a price the document names as no longer in force is blanked (positions kept)."""
        spans = [
            (money.start, money.end)
            for money in moneys
            if SUPERSEDED_BEFORE_RE.search(clause[max(0, money.start - 50) : money.start])
            or SUPERSEDED_AFTER_RE.match(clause[money.end : money.end + 60])
        ]
        if not spans:
            return clause, moneys
        clause = _blank_spans(clause, spans)
        return clause, self.ex.money(clause)

    def _bought_once(self, clause: str, moneys: list[p.Money]) -> tuple[str, list[p.Money]]:
        """ "20,000 eSIM cards at €1.50 each (€30,000.00 in total), invoiced once on dispatch": items
        bought once are one charge of their total (the price each and the word "total" blanked)."""
        if len(moneys) < 2 or not ONE_TIME_RE.search(clause) or p.find_cadence(clause):
            return clause, moneys
        for each, total in zip(moneys, moneys[1:], strict=False):
            before = clause[max(0, each.start - 60) : each.start]
            count = re.search(rf"(?P<n>{NUM})\s+(?:[\w-]+\s+){{1,4}}?(?:at|@)\s*$", before)
            number = _num(count.group("n"), self.dc) if count else None
            if (
                number
                and re.match(r"\s*each\b", clause[each.end :], re.I)
                and _cents(number * each.amount) == _cents(total.amount)
            ):
                clause = _blank_spans(clause, [(each.start, each.end)])
                clause = re.sub(r"(?i)\b(?:in total|total)\b", lambda m: " " * len(m.group(0)), clause)
                return clause, self.ex.money(clause)
        return clause, moneys

    def _clause(self, seg: Segment, clause: str) -> None:
        # "per device and month" (a translated "pro Gerät und Monat"): per device per month
        clause = re.sub(r"\b(per [\w-]+) and (month|year|quarter)\b", r"\1 per \2", clause, flags=re.I)
        clause = _romance_price_words(clause)
        clause = _advertising_shorthand(clause)
        clause = self._unit_before_price(clause)
        moneys = self.ex.money(clause)
        stated = clause
        clause, moneys = self._new_price_of_a_change(clause, moneys)
        clause, moneys = self._without_superseded_prices(clause, moneys)
        clause, moneys = self._bought_once(clause, moneys)
        # "your fee will increase from $32.00 to $35.50 per seat": the new price is agreed, not a
        # clause that allows increases
        agreed_change = clause != stated
        percents = _without_tax_rates(clause, p.find_percentages(_mask_money(clause, moneys), decimal_comma=self.dc))
        lowered = clause.lower()
        if not moneys and not percents:
            self._no_money(seg, clause)
            return
        context = " ".join(seg.context[-2:]).lower()
        offered_only = OPTIONAL_RE.search(clause) or any(OPTIONAL_RE.search(c) for c in seg.context[-2:])
        checked = re.sub(r"(?i)\b(?:increas|uplift|escalat)\w*", "", clause) if agreed_change else clause
        if (
            # what an invoice adds up to (with the seat count it was worked from)
            self._invoice_total_counts(seg, checked, self.ex.money(checked))
            or self._not_a_price(checked, self.ex.money(checked))
            or offered_only
            or self._minimum_restated(clause, moneys)
            or self._worked_example(seg, moneys)
        ):
            return  # not a charge, an add-on offered and not ordered, or a calculation shown as an example
        if self._prepaid_or_bands(seg, clause, moneys, percents):
            return
        if EXPIRE_RE.search(clause) and self._last("prepaid_credit") and not moneys:
            self._attach_expiry(seg, clause)
            return
        if (
            percents
            and (PERCENT_BASE_RE.search(clause) or PERCENT_BASE_RE.search(context))
            and not MILESTONE_RE.search(clause)
            and not re.search(
                r"\bdiscount|\bof the (?:total |contract |implementation |project )?(?:fee|price|value)s?\b", lowered
            )
        ):
            self._percentage(seg, clause, moneys, percents)
            return
        if (
            moneys
            and PER_EVENT_RE.search(clause)
            and re.search(
                r"\bminimum|\bmin\b|\bat least|\bcap|\bmaximum|\bmax\b|\bnot (?:to )?exceed|"
                # "shall not be less than £0.35 nor more than £2.50"
                r"\b(?:not|no|nor)\s+(?:be\s+)?(?:less|lower|more|greater|higher)\s+than",
                lowered,
            )
            and self._last("percentage")
        ):
            self._per_event_bounds(seg, clause, moneys)
            return
        clause, moneys = self._under_minimum_heading(seg, clause, moneys)
        lowered = clause.lower()
        if (
            moneys
            and MINIMUM_RE.search(clause)
            and not re.search(
                r"\b(?:minimum|commit(?:s|ted)? to|commitment (?:to|of)) (?:term|seat|quantity|order|"
                r"(?:a minimum of |at least )?(?:of )?\d[\d,]* (?!usd|eur|gbp|chf|aud|cad)[a-z]+)",
                lowered,
            )
            and not re.search(
                r"\d+[- ](?:month|year)s?\s+minimum(?: term| commitment| period)?\)?\s*(?:[,;.]|$|billed|invoiced)",
                lowered,
            )
            or (
                moneys
                and re.search(
                    r"\bcommit(?:ment|ted|s) to (?:spend|pay|purchase)|\bspend commitment|\bminimum (?:of )?[$€£]",
                    lowered,
                )
            )

        ):
            self._minimum(seg, clause, moneys)
            return
        if (
            MILESTONE_RE.search(clause)
            # "... invoiced as follows:", "... invoiced on the milestones below." above the schedule
            and re.search(
                r":\s*$|\bas follows\b|\beach milestone\b|\bfollowing (?:milestones|table)\b|\bbelow\s*[.:]?\s*$",
                clause,
            )
            and re.search(r"\btotal|\bfixed fee|\bfee for|\bprice", lowered)
        ):
            return  # the total a payment schedule splits, not a milestone
        if self._periodic_instalments(seg, clause, moneys) or self._dated_part(seg, clause, moneys):
            return
        # "Phase 2 (time and materials): $150 per hour" is a rate, not a milestone.
        is_rate = bool(moneys) and re.match(
            r"\s*(?:/|per|an|each)\s*(?!month|year|quarter)[a-z]", clause[moneys[0].end :], re.I
        )
        # "After go-live, hosting is charged at USD 1,800 per month": a recurring fee, not a milestone.
        is_rate = is_rate or (
            bool(moneys)
            and re.match(r"\s*(?:/|per|a|an|each)\s*(?:month|year|annum|quarter|week)\b", clause[moneys[0].end :], re.I)
            and not re.search(r"\bmilestone", clause, re.I)
        )
        # "payable in three equal instalments of $6,000 due July 1, October 1 and January 4": dated parts.
        dated_parts = EQUAL_PARTS_RE.search(clause) and len(self.ex.dates(clause)) >= 2
        if not is_rate and (
            dated_parts
            or MILESTONE_RE.search(clause)
            and (not ONE_TIME_RE.search(clause) or EQUAL_PARTS_RE.search(clause))
            or (MILESTONE_RE.search(context) and self.milestones and moneys and MILESTONE_RE.search(clause))
        ):
            self._milestone(seg, clause, moneys, percents)
            return
        if percents and not moneys:
            if self.milestones and MILESTONE_RE.search(context):
                self._milestone(seg, clause, moneys, percents)
            else:
                self._percent_of_fee(seg, clause, percents[0][0])
            return
        if not moneys:
            return
        if (
            self._last("percentage")
            and re.search(r"\bfirst\b|\bup to\b", lowered)
            and re.search(
                r"\bno (?:commission|fee|charge)|\bfree\b|\bwaived|\bexempt|\bwithout (?:commission|fee|charge)",
                lowered,
            )
        ):
            self._percentage_allowance(seg, clause, moneys)
            return
        self._once_or_priced(seg, clause, moneys, context)

    def _once_or_priced(self, seg: Segment, clause: str, moneys: list[p.Money], context: str) -> None:
        if MINIMUM_RE.search(clause) and self._committed_quantity(seg, clause, moneys):
            return  # "$0.01 per message, with a minimum of 100,000 messages per month"
        clause = self._rate_card_unit(seg, clause, moneys)
        moneys = self.ex.money(clause)
        # "2.2 One-off fees" over "Implementation and data migration | $14,850.00 | On signing"
        heading = seg.context[-1] if seg.context else ""
        one_time_section = (
            len(heading.split()) <= 6
            and re.search(r"(?i)\bone[- ](?:time|off)\b|\bnon-?recurring\b|\bset-?\s?up (?:fees?|charges?)\b", heading)
            and not p.find_cadence(clause)
            and not re.search(r"(?i)\b(?:per|each|/)\s*[a-z]", _mask_money(clause, moneys))
        )
        # "Project fee: £24,000, invoiced on signature": a single fee due once
        on_signature = re.search(
            r"(?i)\b(?:invoiced|billed|payable|due|paid|charged)\s+(?:up)?on\s+(?:the\s+)?(?:signature|signing|execution)\b",
            clause,
        ) and not p.find_cadence(clause)
        # "The fixed fee for the Services is $45,000." with no cadence anywhere: a project fee, paid once
        project_fee = (
            re.search(r"(?i)\bfixed (?:fee|price)\b|\bproject (?:fee|price)\b|\blump[- ]sum\b", clause)
            and not p.find_cadence(clause)
            and not any(self.defaults.get(key, (None,))[0] for key in ("fixed", "all"))
        )
        # "Hardware" over "Sensor kit | 250 | $36.00" and, below, "Hardware is invoiced once": what the
        # document says is charged once, named by the item or the heading above it
        named = {w[:5] for w in re.findall(r"[a-z]{4,}", f"{heading} {clause}".lower())}
        once_subject = not p.find_cadence(clause) and any(words <= named for words in self.once_subjects)
        if ONE_TIME_RE.search(clause) or one_time_section or on_signature or project_fee or once_subject:
            self._one_time(seg, clause, moneys)
            return
        if not moneys[0].amount and seg.kind != "row":
            return  # "tickets with a face value of £0 carry no fee": nothing to bill
        self._priced(seg, clause, moneys, context)

    def _periodic_instalments(self, seg: Segment, clause: str, moneys: list[p.Money]) -> bool:
        """ "The fixed fee of $60,000 is payable in six equal monthly instalments of $10,000": a recurring
        charge of one instalment, for as many periods as there are instalments (its end date); "in equal
        monthly instalments over the term": as many as the term has periods. "The annual fee of £3,200,
        payable in 12 monthly instalments of £266.67": the instalment is the price per invoice."""
        words = "|".join(sorted((re.escape(w) for w in p.WORD_NUMBERS), key=len, reverse=True))
        match = re.search(
            rf"\b(?:(?P<n>{words}|\d{{1,2}})\s+(?:\(\d{{1,2}}\)\s+)?)?(?:equal\s+)?(?:consecutive\s+)?"
            r"(?P<cadence>monthly|quarterly|weekly)\s+(?:instal?l?ments|payments)\b(?P<term>\s+(?:over|during|across|"
            r"throughout)\s+the\s+(?:term|engagement|project|sow|period of performance))?",
            clause,
            re.I,
        )
        if not match or not moneys or self.ex.dates(clause):
            return False
        step = p.find_cadence(match.group("cadence"))
        months = {"month": 1}.get(step[0], 0) * step[1] if step else 0
        # "... instalments of £266.67", "... instalments by direct debit of £266.67": the instalment
        following = [m for m in moneys if m.start >= match.end()][:1]
        each = next(
            (m for m in following if m.start - match.end() <= 40 and re.search(r"\bof\s*$", clause[: m.start])), None
        )
        rest = _blank_spans(clause, [(match.start(), match.end())])
        if re.search(r"(?i)\bannual|\byearly\b|\bper (?:year|annum)\b|\bp\.a\.", rest):
            if not each:
                return False  # "the annual fee ... in 12 monthly instalments": the per-invoice price, read as such
            line = Line("flat", {"amount": each.amount}, seg)  # the stated instalment is the price per invoice
            self._finish(line, re.sub(r"(?i)\bannual\w*|\byearly\b|\bper (?:year|annum)\b|\bp\.a\.", "", clause))
            line.interval = (step[0], step[1]) if step else line.interval
            return True
        raw = (match.group("n") or "").lower()
        count = int(raw) if raw.isdigit() else p.WORD_NUMBERS.get(raw, 0)
        start, end = self.ex.data.get("start_date"), self.ex.data.get("end_date")
        if not count and match.group("term") and start and end and months:
            span = relativedelta(date.fromisoformat(end), date.fromisoformat(start))
            count = (span.years * 12 + span.months) // months if not span.days else 0
        if count < 2:
            return False
        total = max(m.amount for m in moneys)
        amount = each.amount if each else _cents(total / count)
        line = Line("flat", {"amount": amount}, seg)
        self._finish(line, clause)
        line.interval = (step[0], step[1]) if step else line.interval
        if match.group("n") and start and months:
            line.fields["end_date"] = date.fromisoformat(start) + relativedelta(months=months * count)
            line.evidence["end_date"] = (seg, 0.7)
        if not each:
            line.warnings.append(("amount", f"The total divided into {count} instalments."))
        return True

    @staticmethod
    def _priced_against_credits(clause: str, moneys: list[p.Money]) -> bool:
        """ "GPU compute is charged at $2.40 per GPU-hour against the prepaid balance": a usage price
        drawn from the credits bought, not another purchase of credits."""
        if re.search(r"\b(?:purchase|buy|buys|bought|top[- ]?up)", clause, re.I):
            return False
        if any(re.match(r"\s*(?:per|/)\s*(?!credit|unit of credit)[a-z]", clause[m.end :], re.I) for m in moneys):
            return True
        # "Each confirmed booking is charged at CHF 0.45 against the prepaid credit": the counted
        # thing is named before the price.
        return bool(
            re.search(
                r"\beach\s+(?!credit\b)(?:[a-z-]+\s+){0,2}[a-z-]+\s+(?:is|will be)\s+(?:charged|billed|priced|rated|"
                r"deducted|debited|drawn)\b",
                clause,
                re.I,
            )
        )

    def _under_minimum_heading(self, seg: Segment, clause: str, moneys: list[p.Money]) -> tuple[str, list[p.Money]]:
        """ "Minimum monthly spend" over "Across all services  A$3,000.00 per month": the heading says
        what the amount is (the clause read with the heading in front of it)."""
        heading = (seg.context or [""])[-1].strip()
        if not moneys or MINIMUM_RE.search(clause) or not _MINIMUM_HEADING.fullmatch(heading):
            return clause, moneys
        clause = f"{heading}: {clause}"
        return clause, self.ex.money(clause)

    def _minimum(self, seg: Segment, clause: str, moneys: list[p.Money]) -> None:
        """A minimum or commitment, possibly in the same clause as the price it applies to
        ("$0.004 per call, subject to a USD 200 monthly minimum")."""
        if self._committed_quantity(seg, clause, moneys):
            return
        words = list(MINIMUM_RE.finditer(clause))

        def distance(money: p.Money) -> int:
            return min(min(abs(money.start - w.end()), abs(w.start() - money.end)) for w in words)

        minimum = min(moneys, key=distance)
        others = [m for m in moneys if m is not minimum]
        target: Line | None = None
        if others and distance(minimum) <= 40:
            first_word = min(
                w.start() for w in words if abs(w.start() - minimum.start) <= 60 or abs(minimum.end - w.start()) <= 60
            )
            cut_at = min(first_word, minimum.start)
            cuts = [
                m.start()
                for m in re.finditer(
                    r",\s+|;\s+|\s+subject to\b|\s+with\s+(?:an?\s+)?|\s+and\s+(?:an?\s+)?|\(", clause[:cut_at]
                )
            ]
            if cuts and others[0].start < cuts[-1]:
                main, rest = clause[: cuts[-1]], clause[cuts[-1] :]
                count = len(self.lines)
                self._clause(seg, main)
                target = self.lines[-1] if len(self.lines) > count else None
                clause = rest
        lowered = clause.lower()
        which = (
            "year"
            if re.search(
                r"\bannual|\bper (?:contract )?year|\beach (?:contract )?year|\byearly|\bper annum|\b12[- ]month|\bco"
                r"ntract year",
                lowered,
            )
            else "period"
        )
        self.minimums.append((minimum.amount, seg, clause if which == "period" else f"year: {clause}", target))

    def _committed_quantity(self, seg: Segment, clause: str, moneys: list[p.Money]) -> bool:
        """ "$0.005 per message. Committed usage of 1,000,000 messages per month ...": a commitment counted
        in units of the price before it is a minimum of their value (units times the price), warned."""
        if len(moneys) != 1 or not re.match(
            r"\s*(?:per|/|each)\s*(?!(?:month|year|annum|quarter|week|day)\b)[a-z]", clause[moneys[0].end :], re.I
        ):
            return False
        committed = re.search(
            rf"\b(?:commit\w*|minimum|at least)\b[^.;$€£¥]{{0,40}}?(?<![\d.,])(?P<n>{QTY})\s+(?!(?:months?|years?|"
            r"days?|weeks?|users?|seats?|licen[cs]es?)\b)[a-z]",
            clause[moneys[0].end :],
            re.I,
        )
        count = _num(committed.group("n"), self.dc) if committed else None
        if not committed or not count:
            return False
        cut = moneys[0].end + committed.start()
        before = len(self.lines)
        self._clause(seg, clause[:cut].rstrip(" .,;"))
        target = self.lines[-1] if len(self.lines) > before and self.lines[-1].is_usage else None
        if target is None:
            del self.lines[before:]
            return False
        amount = _cents(count * moneys[0].amount)
        self.minimums.append((amount, seg, clause[cut:], target))
        target.warnings.append(
            ("minimum_amount", f"A commitment of {p.plain(count)} units at the unit price: a minimum of their value.")
        )
        return True

    def _percent_of_fee(self, seg: Segment, clause: str, percent: Decimal) -> None:
        """ "Support: 15% of the Platform Fee": a fixed fee computed from another one, with a warning."""
        if self._discount_of_last(clause):
            return
        named = re.search(
            r"\bof (?:the )?(?P<name>[\w -]{2,40}?)\s+(?:fee|charge|price|subscription)s?\b", clause, re.I
        ) or re.search(r"\bof (?:the |each |every )?(?P<name>[\w -]{2,40}?)\s*(?:[.,;)]|$)", clause, re.I)
        if not named and not re.search(r"(?i)\b(?:gst|vat|tax|taxes|iva|mwst|ust|tva)\b", clause):
            self.ex.rec.warn("lines", f"A percentage without a base (page {seg.page}): {clause[:100]!r}; check it.")
        if not named:
            return
        words = {w.rstrip("s") for w in re.findall(r"[a-z]{3,}", named.group("name").lower())}
        # "20% of annual Subscription Fees": the base's name is the phrase after "of", less the words
        # every fee has
        phrase = re.search(r"\bof (?:the |all |each |every )?(?P<p>[\w -]{2,60})", clause, re.I)
        if phrase:
            words |= {w.rstrip("s") for w in re.findall(r"[a-z]{3,}", phrase.group("p").lower())} - {
                "annual", "monthly", "yearly", "quarterly", "fee", "charge", "price",
                "total", "all", "the", "and", "then", "current", "applicable", "net", "list", "amount",
            }  # fmt: skip
        base = next(
            (
                line
                for line in reversed(self.lines)
                # "Annual maintenance: 20% of the licence fee": the base may be a one-time licence
                if line.charge_model in ("flat", "one_time")
                and words & {w.rstrip("s") for w in re.findall(r"[a-z]{3,}", line.description.lower())}
            ),
            None,
        )
        if base is None:
            if not self._percent_of_all_fees(seg, clause, percent):
                self.ex.rec.warn(
                    "lines", f"A percentage of a fee not found (page {seg.page}): {clause[:100]!r}; check it."
                )
            return
        line = Line("flat", {"amount": base.fields["amount"] * percent / 100}, seg)
        line.warnings.append(("amount", f"{percent}% of {base.description}: the amount is computed from it."))
        self._finish(line, clause)
        months = {"month": 1, "year": 12}
        if (
            base.charge_model == "flat"
            and base.interval
            and line.interval
            and base.interval[0] in months
            and line.interval[0] in months
        ):
            # 18% "invoiced annually" of a fee stated per month: the percentage of a year's worth of it
            line.fields["amount"] = _cents(
                line.fields["amount"]
                * (months[line.interval[0]] * line.interval[1])
                / (months[base.interval[0]] * base.interval[1])
            )
        line.interval = line.interval or base.interval
        line.timing = line.timing or base.timing

    def _percent_of_all_fees(self, seg: Segment, clause: str, percent: Decimal) -> bool:
        """ "Support: 10% of total subscription fees": a share of every recurring fee read so far (the
        platform fee and the seats), when they are billed on one cadence."""
        if not re.search(
            r"(?i)\bof (?:the )?(?:total|all|aggregate|combined)\b.{0,30}\b(?:subscription|recurring|licen[cs]e)",
            clause,
        ):
            return False
        fees = [
            line
            for line in self.lines
            if (line.charge_model == "flat" and "amount" in line.fields)
            or (line.charge_model == "per_seat" and "seats" in line.fields)
        ]
        intervals = {line.interval for line in fees}
        if not fees or len(intervals) != 1 or None in intervals:
            return False
        total = sum(
            (line.fields.get("amount") or line.fields["unit_price"] * line.fields["seats"] for line in fees),
            Decimal(0),
        )
        line = Line("flat", {"amount": total * percent / 100}, seg)
        line.warnings.append(("amount", f"{percent}% of the recurring fees above: the amount is computed from them."))
        self._finish(line, clause)
        line.interval = line.interval or fees[0].interval
        return True

    def _rate_card_unit(self, seg: Segment, clause: str, moneys: list[p.Money]) -> str:
        """ "at the following hourly rates: Partner £350, Manager £220", "Hourly rates:" over "- Senior: £150":
        a bare price in a rate card is per hour (or per day under "day rates")."""
        money = moneys[0]
        if re.match(r"\s*(?:/|per\b|each\b|an?\s|for each\b)", clause[money.end :], re.I) or p.find_cadence(
            clause[money.end : money.end + 15]
        ):
            return clause
        at = seg.text.find(clause[: money.start].strip()[:30]) if clause[: money.start].strip() else -1
        # the list's intro line ("Hourly rates:") above the items before this one
        intro = ""
        for previous in reversed(self.ex.segments[max(0, seg.index - 12) : seg.index]):
            if previous.text.rstrip().endswith(":"):
                intro = previous.text
                break
            if previous.kind == "row" or not self.ex.money(previous.text):
                break
        scope = f"{intro} {seg.text[: max(at, 0)]} {clause[: money.start]}"
        if re.search(r"(?i)\bhourly (?:rates?|fees?|charges?)\b|\brates? per hour\b|\btime[- ]spent basis\b", scope):
            unit = "hour"
        elif re.search(r"(?i)\b(?:daily|day) rates?\b|\brates? per day\b", scope):
            unit = "day"
        else:
            return clause
        # "per day worked": time worked, not a daily cadence
        return f"{clause[: money.end]} per {unit}{' worked' if unit == 'day' else ''}{clause[money.end :]}"

    def _block_of_units(self, seg: Segment, clause: str, moneys: list[p.Money]) -> bool:
        """ "Retainer: 20 hours per month at $150/hour ($3,000 per month)": a fee for a block of units each
        period (its allowance goes to the overage rate that follows)."""
        if len(moneys) < 2:
            return False
        block = re.search(
            rf"(?P<n>{NUM})\s+(?P<unit>[a-z][a-z-]*?)s?\s+(?:per|a|each)\s+(?:month|quarter|year|week)\s+at\s*$",
            clause[: moneys[0].start],
            re.I,
        )
        count = _num(block.group("n"), self.dc) if block else None
        total = next((m for m in moneys[1:] if count and m.amount == count * moneys[0].amount), None)
        if not block or total is None or not count:
            return False
        line = Line("flat", {"amount": total.amount}, seg)
        self._finish(line, clause[: moneys[0].start] + clause[total.start :])
        self._flat_allowance = (count, seg, block.group("unit").lower())
        return True

    def _priced(self, seg: Segment, clause: str, moneys: list[p.Money], context: str) -> None:
        """Package, per seat, per unit or flat, by what follows the price."""
        money = moneys[0]
        after = clause[money.end : money.end + 80]
        before = clause[max(0, money.start - 80) : money.start]
        lowered = clause.lower()
        if (
            self._block_of_units(seg, clause, moneys)
            or self._priced_package(seg, clause, money, after)
            or self._priced_times(seg, clause, money, before)
            or self._priced_per_subject(seg, clause, money, before, after)
            or self._priced_each_in_arrears(seg, clause, money, before, after)
            or self._priced_by_label(seg, clause, money, before, after)
        ):
            return
        unit_match = re.match(
            r"^\s*(?:/\s*|(?:per|each|a|an|for each|for every)\s+)(?:successful |additional |billable |extra )?(?P<un"
            r"it>[^\W\d_](?:[^\W_]|-)*(?:[ -][^\W\d_](?:[^\W\d_]|-)*)?)",
            after,
            re.I,
        )
        unit = unit_match.group("unit") if unit_match else ""
        unit_word = unit.split()[0].lower() if unit else ""
        period_word = p.find_cadence(f"per {unit}") if unit else None
        # "per half-year", "per six months": a period, not a unit of use.
        is_period_unit = (
            unit_word in STOP_UNITS or unit_word in ("mo", "yr", "qtr") or bool(period_word and period_word[2] <= 4)
        )
        if is_period_unit:
            second = re.search(
                r"^\s*(?:/|per|each|a)\s*\w+\s*(?:,\s*)?(?:/|per|each|for each)\s+(?P<unit>[A-Za-z][A-Za-z-]*(?:\s[A-"
                r"Za-z][A-Za-z-]*)?)",
                after,
                re.I,
            )
            if second:
                unit = second.group("unit")
                unit_word = unit.split()[0].lower()
                is_period_unit = unit_word in STOP_UNITS
        seat_text = (
            f"per {unit}"
            if unit and not is_period_unit and not re.search(r"-(?:day|hour|minute|month|gb|mile|km)s?\b", unit, re.I)
            else ""
        )
        if (
            is_period_unit
            and unit_word in ("day", "week")
            # ("time and materials" may reach here as "time materials": a clause split at "and" is re-joined)
            and re.search(
                r"\brate\b|\bworked\b|\bconsultant|\btime (?:and |& )?materials|\bt&m\b|\bper diem|\bdaily|\beffort",
                f"{lowered} {' '.join(seg.header).lower()}",  # or a rate card's "Day rate" column
            )
        ):
            # "a daily rate of EUR 1,200 per day": time worked is the usage, not the cadence.
            line = Line("per_unit", {"unit_price": money.amount}, seg, unit=unit_word)
            self._finish(line, clause)
            return
        seat = (
            (
                re.search(r"\bpupm\b|\bpepm\b|\bpspm\b|\bper (?:user|employee|seat) per month\b", lowered)
                or SEAT_RE.search(seat_text)
                or (SEAT_RE.search(clause) and not unit_match and re.search(r"\bper\b|\beach\b", lowered))
                or (re.search(r"\bper\b", before) and SEAT_RE.search(before) and (is_period_unit or not unit))
            )
            and not NOT_SEAT_RE.search(clause)
            and not (unit and not seat_text and not is_period_unit)
            # "$1.20 per member per month, billed in arrears on the members above 25,000": usage counted
            # over an allowance, not a number of seats bought
            and not (OVER_ALLOWANCE_RE.search(clause) and re.search(r"\barrears\b", clause, re.I))
        )
        if seat:
            line = Line("per_seat", {"unit_price": money.amount}, seg, unit=unit or "seat")
            seats = self._seat_count(_mask_money(clause, moneys), unit)
            if seats is not None:
                line.fields["seats"] = seats
            self._finish(line, clause)
            return
        if (
            unit
            and not is_period_unit
            and (unit_match is not None)
            and not re.match(r"(?:one|single|flat|fixed|total|lump)", unit_word)
        ):
            counted = re.search(
                # "W-2 forms": a number joined to a word names a thing, it does not count it
                rf"(?<![\d.,-])(?P<n>{NUM})\s+(?:[a-z]{{4,}}\s+)?(?:{re.escape(unit_word.rstrip('s'))}|"
                rf"{re.escape(unit.split()[-1].lower().rstrip('s'))})s?\b",
                p.spelled_counts(_mask_money(clause, moneys)),
                re.I,
            )
            per_period = re.match(
                rf"^\s*(?:/|per|each)\s*[\w -]*?{re.escape(unit_word.rstrip('s'))}s?\s*(?:/|per|a|each)\s*"
                r"(?:month|year|quarter|week)\b",
                after,
                re.I,
            )
            if (
                (counted or per_period)
                and p.find_cadence(after[:40])
                and not USAGE_WORD_RE.search(f"per {unit}")
                and not NOT_SEAT_RE.search(clause)
                and not OVER_ALLOWANCE_RE.search(clause)
            ):
                # "$15 per viewer per month for 40 viewers", "NOK 1,250 per vessel per month": a recurring
                # price per counted thing.
                fields = {"unit_price": money.amount}
                # "12 tablets", or "Milking parlour tablets (12): $18 per tablet per month"
                masked = _mask_money(clause, moneys)
                count = _num(counted.group("n"), self.dc) if counted else self._seat_count(masked, unit)
                if count is not None:
                    fields["seats"] = count
                line = Line("per_seat", fields, seg, unit=unit)
                self._finish(line, clause)
                return
            line = Line("per_unit", {"unit_price": money.amount}, seg, unit=unit)
            included = self._included(clause, after_price=True)
            if included is not None:
                line.fields["included_units"] = included
            if len(moneys) > 1 and re.search(
                r"\bminimum|\bat least", clause[moneys[1].start - 40 : moneys[1].start], re.I
            ):
                line.fields["minimum_amount"] = moneys[1].amount
            self._finish(line, clause)
            return
        if self._priced_each(seg, clause, money, after) or self._priced_below_a_cent(seg, clause, money, unit):
            return
        if USAGE_WORD_RE.search(clause) and re.search(r"\bper\b", after[:30]) and not p.find_cadence(after[:20]):
            line = Line("per_unit", {"unit_price": money.amount}, seg, unit=unit or "unit")
            self._finish(line, clause)
            return
        if (
            p.find_cadence(clause)
            or FLAT_RE.search(clause)
            or FLAT_RE.search(before)
            or seg.kind == "row"
            or re.match(r"(?i)\s*(?:contract\s+)?year\s*[1-9]\s*[:=-]", clause)  # "Year 2: $13,200"
        ):
            amount = money.amount
            line = Line("flat", {"amount": amount}, seg)
            self._finish(line, clause, flat=True)
            return
        # a price the vocabulary does not place: said, not silently dropped
        self.ex.rec.warn(
            "lines", f"A price not read as a charge (page {seg.page}): {clause[:100]!r}; add it if it is one."
        )

    def _priced_below_a_cent(self, seg: Segment, clause: str, money: p.Money, unit: str) -> bool:
        """ "Pick events | 0.004 | monthly": a fraction of a cent is a price per unit, never a fee."""
        if money.amount == money.amount.quantize(Decimal("0.01")) or FLAT_RE.search(clause):
            return False
        line = Line("per_unit", {"unit_price": money.amount}, seg, unit=unit or "unit")
        self._finish(line, clause)
        return True

    def _priced_by_label(self, seg: Segment, clause: str, money: p.Money, before: str, after: str) -> bool:
        """ "Per employee, per pay run: $6.50": the label names what the price is per (a seat label,
        "Per user: $10", stays a seat price)."""
        label_per = re.search(r"\bper\s+(?P<unit>[a-z][a-z-]*(?:\s[a-z-]+)?)\s*:\s*$", before, re.I) or re.search(
            # "Per-ticket fee (billed monthly in arrears): GBP 0.35"
            r"\bper[- ](?P<unit>[a-z][a-z]*)[- ](?:fee|charge|price|rate|cost)s?\b[^:$€£¥\d]{0,60}:\s*$",
            before,
            re.I,
        )
        if (
            not label_per
            or re.match(r"\s*(?:/|per|each|a|an)\s+[a-z]", after, re.I)
            or p.find_cadence(f"per {label_per.group('unit')}")
            or (SEAT_RE.search(before) and not NOT_SEAT_RE.search(clause))
        ):
            return False
        line = Line("per_unit", {"unit_price": money.amount}, seg, unit=label_per.group("unit"))
        self._finish(line, clause)
        return True

    def _priced_per_subject(self, seg: Segment, clause: str, money: p.Money, before: str, after: str) -> bool:
        """ "Each connected vehicle is charged at EUR 12,50 per month": a recurring price per counted
        thing named before the price, its count in the sentence or the next ("340 vehicles"); "each
        booking processed through the platform is charged at CHF 0.80": a usage price."""
        each_subject = re.search(
            r"\b(?:each|every)\s+(?:(?P<q>[a-z-]+)\s+)?(?P<u>[a-z][a-z-]+?)s?\b(?:\s+[a-z-]+){0,5}?\s+(?:is|will "
            r"be|shall be|costs?)\s+(?:(?:charged|billed|priced|invoiced)\s+)?(?:at\s+)?$"
            r"|\bcosts?\s+(?:of\s+)?(?:each|every)\s+(?P<u2>[a-z][a-z-]+?)s?\s+(?:is|are)\s+$",
            before,
            re.I,
        )
        subject = (each_subject.group("u") or each_subject.group("u2")) if each_subject else ""
        if (
            not each_subject
            or NOT_SEAT_RE.search(clause)
            or re.search(r"\bfee\b|\bsubscription\b", each_subject.group(0))
            or subject.lower() in STOP_UNITS
        ):
            return False
        recurring = re.match(r"\s*(?:/|per|a|an|each)\s*(?:month|year|quarter|annum)\b", after, re.I)
        if not recurring or USAGE_WORD_RE.search(f"per {subject}"):
            if re.match(r"\s*(?:per|/|each)\b", after, re.I):
                return False
            line = Line("per_unit", {"unit_price": money.amount}, seg, unit=subject)
            self._finish(line, clause)
            return True
        line = Line("per_seat", {"unit_price": money.amount}, seg, unit=subject)
        seats = self._count_of(seg, subject)
        if seats is not None:
            line.fields["seats"] = seats
        self._finish(line, clause)
        return True

    def _priced_each_in_arrears(self, seg: Segment, clause: str, money: p.Money, before: str, after: str) -> bool:
        """ "SMS messages at $0.04 each, billed monthly in arrears", "Eligibility checks are charged at
        $0.35 each, invoiced monthly in arrears": things priced each and billed after the period on what
        was used are a usage price per that thing, not a fee of the amount."""
        subject = re.search(
            r"\b(?P<u>[a-z][a-z-]+?)s\s+(?:(?:are|will be|shall be)\s+(?:charged|billed|priced|invoiced)\s+)?"
            r"(?:at|@)\s*$",
            before,
            re.I,
        )
        if (
            not subject
            or not re.match(r"\s*each\b(?!\s+[a-z])", after, re.I)
            or p.timing(clause) != "in_arrears"
            or subject.group("u").lower() in STOP_UNITS
        ):
            return False
        self._finish(Line("per_unit", {"unit_price": money.amount}, seg, unit=subject.group("u")), clause)
        return True

    def _count_of(self, seg: Segment, subject: str) -> Decimal | None:
        """How many of a thing: "the Customer has ordered 340 vehicles", "2 additional warehouses",
        in the price's sentence or the next few; a limit ("up to 5 warehouses") is not a count."""
        pattern = rf"(?<![\d.,])(?P<n>{NUM})\s+(?:[a-z-]+\s+)?{re.escape(subject)}s?\b"
        following = [s for s in self.ex.segments[seg.index : seg.index + 4] if s.kind != "row"]
        for other in following or [seg]:
            text = _mask_money(other.text, self.ex.money(other.text))
            for match in re.finditer(pattern, text, re.I):
                if not re.search(r"(?:up to|maximum|max\.?|at most|minimum|at least)\s*$", text[: match.start()], re.I):
                    return _num(match.group("n"), self.dc)
        return None

    def _priced_times(self, seg: Segment, clause: str, money: p.Money, before: str) -> bool:
        # "25 x $40", "4 nodes x €1.150,00/month"
        times = re.search(rf"(?P<n>{NUM})\s*(?:[a-z][a-z-]*\s+){{0,2}}(?:x|×|\*|@)\s*$", before, re.I) or re.search(
            # "25 x Practice seat @ $45.00/month", "25 x Pro licences @ £30/user/month": a count, the item, its price
            rf"(?:^|[\s(-])(?P<n>{NUM})\s*(?:x|×)\s+(?:[A-Za-z][\w&/-]*\s+){{1,5}}(?:@|at)\s*$",
            before,
            re.I,
        )
        if times and _num(times.group("n"), self.dc) == 1:
            return False  # "1 x Booking add-on @ $99/month": one of it, a flat fee
        if times and p.find_cadence(clause) and not USAGE_WORD_RE.search(clause):
            # "Named users: 25 x $40 = $1,000/month": a count times a recurring price.
            line = Line("per_seat", {"unit_price": money.amount, "seats": _num(times.group("n"), self.dc)}, seg)
            self._finish(line, clause)
            return True
        return False

    def _priced_package(self, seg: Segment, clause: str, money: p.Money, after: str) -> bool:
        after = _scale_words(after)
        """ "$25 per block of 10,000 emails", "$2 per 1,000 requests": a price per started package."""
        package = re.search(
            rf"^\s*(?:per|for each|for every|each|/)\s+(?:(?:started|commenced|full|block|pack|bundle|package|batch|i"
            rf"ncrement)\s+(?:of\s+)?)?(?P<n>{QTY})\s+(?P<unit>[A-Za-z][\w-]*(?:\s[A-Za-z][\w-]*)?)",
            after,
            re.I,
        ) or re.search(
            rf"\b(?:blocks?|packs?|bundles?|packages?|increments?|batch(?:es)?)\s+of\s+(?P<n>{QTY})\s+(?P<unit>[A-Za-"
            rf"z][\w-]*)\b"
            # "a block of 20 hours per month for $3,000": a retainer's allowance each period, not a package
            r"(?!\s+(?:per|a|each|every)\s+(?:month|quarter|year|week)\b|\s+(?:monthly|quarterly|annually)\b)",
            clause,
            re.I,
        ) or _pack_size_stated(clause, after)
        if package:
            size = _num(package.group("n"), self.dc)
            if size and size > 1:
                line = Line(
                    "package", {"package_size": size, "package_price": money.amount}, seg, unit=package.group("unit")
                )
                free = self._included(clause)
                if free is not None:
                    line.fields["free_units"] = free
                self._finish(line, clause)
                return True
        return False

    def _priced_each(self, seg: Segment, clause: str, money: p.Money, after: str) -> bool:
        subject = re.match(
            r"^\s*(?P<u>[A-Za-z][\w-]*(?:\s[A-Za-z][\w-]*){0,2})(?:\s+(?:are|is|will be|shall be)\b|\s*:)", clause
        )
        if subject is None and seg.kind == "row":
            # a price list row "Satellite position report | 0,012 each": the item is the unit
            subject = re.search(r"(?P<u>[A-Za-z][\w-]*(?:\s[A-Za-z][\w-]*){0,2})\s*$", clause[: money.start])
        if (
            re.match(r"^\s*each\b", after)
            and subject
            and not re.search(r"\bfee\b|\bsubscription\b", subject.group("u"), re.I)
        ):
            # "Digital loans are charged at $0.35 each": the subject is the unit.
            line = Line("per_unit", {"unit_price": money.amount}, seg, unit=subject.group("u"))
            self._finish(line, clause)
            return True
        each_label = re.match(
            r"^\s*(?:each|every|per|for each)\s+(?P<u>[A-Za-z][\w-]*(?:\s[A-Za-z][\w-]*){0,2})\s*"
            r"(?::|-|is|costs?|at)\s*$",
            clause[: money.start],
            re.I,
        )
        if each_label and not p.find_cadence(each_label.group("u")):
            # "Each background check: $12.50": priced per the thing named
            line = Line("per_unit", {"unit_price": money.amount}, seg, unit=each_label.group("u"))
            self._finish(line, clause)
            return True
        return False

    # -- line completion ------------------------------------------------------------------------
    def _flat_allowance_for(self, line: Line, key: str | None, clause: str, *, flat: bool) -> None:
        """ "Platform fee £750 per month, including 5,000 verifications per month": kept for the
        usage line of that unit that follows, and given to it."""
        if key and key not in line.fields and self._flat_allowance:
            allowed, allowance_seg, noun = self._flat_allowance
            if re.search(rf"\b{re.escape(noun)}", f"{line.unit} {line.description} {clause}", re.I):
                line.fields[key] = allowed
                line.evidence[key] = (allowance_seg, 0.7)
                self._flat_allowance = None
        if not flat or line.charge_model != "flat":
            return
        allowance = re.search(
            # "... including 5,000 verifications", "incl. 15,000 labels", "£4,500 (30 hours)"
            rf"(?:(?:\b(?:includ(?:es|ing)|covering|covers|for up to)|\bincl\.)\s+(?:up to\s+)?|¤\s*\(\s*(?:up to\s+)?)"
            rf"(?P<n>{QTY})\s+(?:[a-z-]+\s+)?"
            # "covering up to 25 hours" of a monthly retainer: per month too
            r"(?P<noun>[a-z]{4,}?)s?(?:\s+(?:per|a|each)\s+(?:month|year|quarter)\b|(?=\s*[;,.)]|\s+of\b|\s*$))",
            _mask_money(clause, self.ex.money(clause)),
            re.I,
        )
        if allowance and not SEAT_RE.search(allowance.group(0)):
            value = _num(allowance.group("n"), self.dc)
            if value:
                self._flat_allowance = (value, line.seg, allowance.group("noun").lower())

    def _finish(self, line: Line, clause: str, *, flat: bool = False) -> None:
        line.description = self._describe(line.seg, clause, line.unit)
        line.span = line.span or self._span(clause) or self._relative_span(line, clause)
        if line.seg.kind != "row" and clause in line.seg.text:
            line.clause = clause
        line.read_from = clause
        key = {"per_unit": "included_units", "package": "free_units"}.get(line.charge_model)
        if key and key not in line.fields and self._pending_included:
            line.fields[key], included_seg = self._pending_included
            line.evidence[key] = (included_seg, 0.75)
            self._pending_included = None
        self._flat_allowance_for(line, key, clause, flat=flat)
        if line.charge_model == "per_seat" and "seats" not in line.fields and self._pending_seats:
            line.fields["seats"], seats_seg = self._pending_seats
            line.evidence["seats"] = (seats_seg, 0.8)
            self._pending_seats = None
        billed = BILLED_RE.search(clause)
        # "charged at a daily rate ..., invoiced monthly": a rate named by its unit is not a cadence.
        billing_cadence = None
        # where the billing cadence is said: "charged at £9,600 per annum, invoiced quarterly" prices the year
        billed_at = billed.start() if billed else 0
        for word in BILLED_RE.finditer(clause):
            window = re.sub(
                r"\b(?:daily|hourly|weekly) rates?\b|\bper diem\b", "", clause[word.end() : word.end() + 40]
            )
            found = p.find_cadence(window)
            if found and self.ex.money(window[: found[2]]):
                continue  # "charged at EUR 12,50 per month": the price's unit, not how often it is billed
            if found and found[2] <= 15:
                billing_cadence = found
                billed_at = word.start()
                break
        if billing_cadence is None and billed:
            billing_cadence = p.find_cadence(clause[billed.start() :])
            if billing_cadence and self.ex.money(clause[billed.start() : billed.start() + billing_cadence[2]]):
                billing_cadence = None  # the cadence of the price that follows, read below
        billing_cadence = billing_cadence or _cadence_beside_timing(clause)
        price_cadence = p.find_cadence(clause[:billed_at] if billed and billing_cadence else clause)
        # A usage price "per vehicle per month" says what a unit is, not how often it is billed.
        cadence = billing_cadence if line.is_usage else (billing_cadence or price_cadence)
        price_key = {"flat": "amount", "per_seat": "unit_price"}.get(line.charge_model)
        # "charged at EUR 12,50 per month" names no billing cadence: a stated default still applies.
        default_billing, _, default_seg = (
            self._default(False, line, clause) if price_key and not billing_cadence else (None, None, None)
        )
        if default_billing and price_cadence and _months(price_cadence) < _months(default_billing):
            # "All fees are invoiced quarterly" and "$950 per month": each invoice covers a quarter.
            billing_cadence = (default_billing[0], default_billing[1], 0)
            cadence = billing_cadence
        elif (
            default_billing
            and default_seg is not None
            and price_cadence
            and _months(price_cadence) > _months(default_billing)
            and re.search(r"\binstal?l?ments?\b|\bannual (?:amounts?|fees?|prices?|charges?)\b", default_seg.text, re.I)
        ):
            # "All fees are stated as annual amounts and invoiced in twelve equal monthly instalments":
            # each invoice is a twelfth.
            billing_cadence = (default_billing[0], default_billing[1], 0)
            cadence = billing_cadence
        if (
            price_key
            and price_cadence
            and billing_cadence
            and (price_cadence[0], price_cadence[1]) != (billing_cadence[0], billing_cadence[1])
        ):
            months = {"month": 1, "year": 12}
            if price_cadence[0] in months and billing_cadence[0] in months:
                per = months[price_cadence[0]] * price_cadence[1]
                billed_months = months[billing_cadence[0]] * billing_cadence[1]
                line.fields[price_key] = _cents(line.fields[price_key] * billed_months / per)
                line.warnings.append(
                    (
                        price_key,
                        f"Price stated per {per} month(s), billed every {billed_months}: the price per invoice is com"
                        f"puted.",
                    )
                )
        self._discount_worked_into_total(line, clause, price_key)
        _set_interval(line, cadence, clause)
        _apply_multiplier(line, clause)
        self._later_start(line, clause)
        timing = p.timing(clause)
        if timing:
            line.timing = timing
        self.lines.append(line)
        self.lines.extend(self._after)
        self._after = []

    def _discount_worked_into_total(self, line: Line, clause: str, key: str | None) -> None:
        """ "25 seats x $1,200.00/seat/yr (10% discount) = $27,000.00/yr": a discount on the price whose
        result the line states (its total is the quantity times the discounted price): the price an
        admin enters is the discounted one."""
        found = re.search(
            r"(?i)(?P<a>\d{1,2}(?:[.,]\d+)?)\s?%\s*(?:[a-z-]+\s+){0,2}?(?:discount|off|reduction|rebate)\b"
            r"|\b(?:discount|reduction|rebate)(?:\s+of)?\s+(?P<b>\d{1,2}(?:[.,]\d+)?)\s?%|\bless\s+(?P<c>\d{1,2}(?:[.,]\d+)?)\s?%",
            clause,
        )
        if not found or not key or key not in line.fields:
            return
        pct = found.group("a") or found.group("b") or found.group("c")
        percent = p.to_decimal(pct, decimal_comma=self.dc) or Decimal(0)
        count = line.fields.get("seats") or Decimal(1)
        net = _cents(line.fields[key] * (100 - percent) / 100)
        totals = [
            money.amount
            for money in self.ex.money(clause)
            if money.start > found.end()
            and re.search(r"(?:=|\btotal(?: of)?:?|\bnet(?: of)?:?)\s*$", clause[: money.start])
        ]
        if 0 < percent < 100 and totals and _cents(totals[0]) == _cents(net * count):
            line.fields[key] = net
            line.warnings.append((key, f"The {p.plain(percent)}% discount stated with the line's total applied."))

    def _later_start(self, line: Line, clause: str) -> None:
        """ "a retainer of $3,500 per month ... starting March 1, 2027": a recurring charge that starts
        after the contract does has its own start date."""
        start = self.ex.data.get("start_date")
        if self._discounted_first_period(line, clause):
            return
        if line.span or not start or line.charge_model in ("one_time", "milestone", "prepaid_credit"):
            return
        if self._free_months(line, clause):
            return
        for found in self.ex.dates(clause):
            before = clause[max(0, found.start - 30) : found.start]
            if re.search(
                # "starting on the 1st of October 2027": a date written with its ordinal takes "the"
                r"\b(?:(?:starting|beginning|commencing|effective)(?:\s+(?:on|from))?|(?:per|a|each)\s+(?:month|quarte"
                r"r|year|week)\s+(?:from|as of))(?:\s+the)?\s*$",
                before,
                re.I,
            ):
                if found.value.isoformat() > start:
                    line.fields["start_date"] = found.value
                    line.evidence["start_date"] = (line.seg, 0.75)
                return

    def _free_months(self, line: Line, clause: str) -> bool:
        """ "The first 3 months are free", "months 1-3 free of charge": a recurring fee that starts
        when the free months end (the nearest a contract line can say it), warned."""
        start = self.ex.data.get("start_date")
        months = _free_months_in(clause)
        if not months or not start or line.charge_model not in ("flat", "per_seat"):
            return False
        line.fields["start_date"] = date.fromisoformat(start) + relativedelta(months=months)
        line.evidence["start_date"] = (line.seg, 0.7)
        line.warnings.append(("start_date", f"The first {months} month(s) are free: the fee starts after them."))
        return True

    def _discount_of_last(self, clause: str) -> bool:
        """ "Subscription: $800 per month. Customer receives a 20% discount for the first 12 months.": the
        discount of the recurring fee above, in a sentence of its own."""
        line = next((line for line in reversed(self.lines) if line.charge_model in ("flat", "per_seat")), None)
        if line is None or line.span or "start_date" in line.fields:
            return False
        if re.search(r"\b100\s?%", clause) and self._free_months(line, clause):
            return True  # "a 100% discount on the first month": the month is free
        if not self._discounted_first_period(line, clause):
            return False
        self.lines.extend(self._after)
        self._after = []
        return True

    def _discounted_first_period(self, line: Line, clause: str) -> bool:
        """ "$12,000 per year, with a 50% discount in year 1": a ramp of two steps, the discounted price
        over the first period and the stated price from then on."""
        start = self.ex.data.get("start_date")
        found = _first_period_discount(clause)
        key = {"flat": "amount", "per_seat": "unit_price"}.get(line.charge_model)
        if not found or not start or not key or key not in line.fields:
            return False
        percent, length = found
        begin = date.fromisoformat(start)
        full = Line(line.charge_model, dict(line.fields), line.seg, unit=line.unit, description=line.description)
        full.interval, full.clause, full.span = line.interval, line.clause, (begin + length, None)
        line.fields[key] = _cents(line.fields[key] * (100 - percent) / 100)
        line.span = (begin, begin + length)
        line.warnings.append((key, f"{p.plain(percent)}% discount over the first period: the discounted price."))
        self._after.append(full)
        return True

    def _relative_span(self, line: Line, clause: str) -> tuple[date, date | None] | None:
        """A ramp stated from the start: "$1,150/month for the first 6 months, then $1,450/month thereafter",
        "Year 1: $12,000; Year 2: $13,200" (each year's amount is annual)."""
        start = self.ex.data.get("start_date")
        if not start or line.charge_model in ("one_time", "milestone", "prepaid_credit") or self.ex.dates(clause):
            return None  # a step with its own dates is read from them
        if re.search(r"\b100\s?%", clause) and _free_months_in(clause):
            return None  # "with a 100% discount for the first two months": free months, not a price step
        begin = date.fromisoformat(start)
        # "Year 2: $13,200", a table's "Year 2 | $13,200"
        year = re.match(r"(?i)\s*(?:contract\s+)?year\s*(?P<n>[1-9])\s*[:=-]", clause) or (
            line.seg.kind == "row"
            and re.search(r"(?i)\b(?:contract\s+)?year\s*(?P<n>[1-9])\b(?![\d.,%]|\s*(?:months?|years?)\b)", clause)
        )
        if year:
            n = int(year.group("n"))
            if not p.find_cadence(clause):
                line.interval = ("year", 1)
            span: tuple[date, date | None] = (begin + relativedelta(years=n - 1), begin + relativedelta(years=n))
            self._ramp_end = span[1]
            return span
        first = re.search(r"\bfor the first\s+" + p.DURATION_RE.pattern, clause, re.I)
        length = p.duration(first.group(0)) if first else None
        if length:
            self._ramp_end = begin + length
            return begin, self._ramp_end
        if self._ramp_end and re.search(r"\b(?:then|thereafter|after that|from then on)\b", clause, re.I):
            span = (self._ramp_end, None)
            self._ramp_end = None
            return span
        return None

    def _span(self, clause: str) -> tuple[date, date] | None:
        """ "from March 1, 2027 to February 29, 2028": the period a price applies to."""
        found = self.ex.dates(clause)
        if len(found) != 2 or found[0].value >= found[1].value:
            return None
        if re.search(r"\b(?:from|between|for the period)\s*$", clause[: found[0].start], re.I) and re.fullmatch(
            r"\s*(?:to|until|through|thru|and|-|–)\s*(?:and including\s*)?", clause[found[0].end : found[1].start], re.I
        ):
            return found[0].value, found[1].value
        return None

    def _describe(self, seg: Segment, clause: str, unit: str) -> str:
        # a field's later clause names its own item ("SMS: $0.05 per message, international messages at
        # $0.12"): the label describes the clause it heads
        if seg.kind == "field" and (
            seg.label.lower() in clause.lower() or not re.match(r"\s*[A-Za-z]", clause) or not self.ex.money(clause)
        ):
            return seg.label[:200]
        if seg.kind == "row":
            name_cells = [
                c
                for c, h in zip(seg.cells, seg.header or ("",) * len(seg.cells), strict=False)
                if _header_role(h) == "name"
            ]
            if name_cells and name_cells[0]:
                return name_cells[0][:200]
            first = next((c for c in seg.cells if c and not self.ex.money(c)), "")
            if first:
                return first[:200]
        moneys = self.ex.money(clause)
        head = clause[: moneys[0].start] if moneys else clause
        head = re.sub(
            r"^(?:the|a|an|and|plus|with|customer (?:shall|will) pay|customer pays)\s+",
            "",
            head.strip(" ,:-"),
            flags=re.I,
        )
        head = re.sub(r"\s+(?:of|is|will be|shall be|at|:|=)\s*$", "", head, flags=re.I).strip(" ,:-")
        head = re.sub(
            r"\s+(?:are|is|will be|shall be)\s+(?:charged|billed|priced|invoiced)(?:\s+at)?$", "", head, flags=re.I
        )
        if 2 <= len(head) <= 80:
            return head[:1].upper() + head[1:]
        if unit:
            return unit[:1].upper() + unit[1:]
        return clause[:80]

    def _included(self, text: str, *, after_price: bool = False) -> Decimal | None:
        masked = _mask_money(text, self.ex.money(text))
        patterns = [
            rf"\b(?:first|initial)\s+(?P<n>{QTY})\s+[\w -]{{0,30}}?\b(?:are |is )?(?:free|included|at no (?:additiona"
            rf"l )?(?:charge|cost)|without charge|complimentary)",
            rf"\binclud\w*\b[\w /-]{{0,40}}?:\s*(?P<n>{QTY})\b",
            # "Free each month: first 5 000", "Free units: 10,000" (a label and its value)
            rf"\bfree\b[\w /-]{{0,30}}?:\s*(?:the\s+)?(?:first\s+)?(?P<n>{QTY})\b"
            r"(?!\s*(?:days?|weeks?|months?|years?)\b)",
            rf"\b(?:includ(?:es|ing|ed)|with|covers?|allowance of|bundled)\s+(?:up to\s+)?(?P<n>{QTY})\s+[\w -]{{0,30"
            rf"}}",
            # not "per 1,000 events above the included volume" (the overage's block, over the allowance)
            rf"(?<!per )\b(?P<n>{QTY})\s+(?:(?!above\b|over\b|beyond\b|exceed|in excess\b|after\b)[\w /-]){{0,30}}?\s+"
            rf"(?:are |is )?(?:included|free|at no (?:additional )?charge)",
            rf"\b(?:above|over|beyond|in excess of|exceeding|after)\s+(?:the\s+)?(?:first\s+)?(?:included\s+)?(?P<n>"
            rf"{QTY})\b",
        ]
        for pattern in patterns:
            match = re.search(pattern, masked, re.I)
            if match and "¤" not in match.group("n"):
                value = _num(match.group("n"), self.dc)
                if value is not None and value > 0:
                    if pattern.startswith(r"\b(?:includ") and not INCLUDED_RE.search(masked):
                        continue
                    return value
        # "beyond that": the allowance is in the clause before ("covers up to 100,000 emails").
        refers_back = r"\b(?:beyond|above|over|in excess of|after) (?:that|this|it)\b|\bthereafter\b|\boverage"
        if re.search(refers_back, text, re.I):
            previous = _mask_money(self._previous_clause, self.ex.money(self._previous_clause))
            match = re.search(
                rf"\b(?:covers?|includ(?:es|ing|ed)|allowance of|up to)\s+(?:up to\s+)?(?P<n>{QTY})\s+[A-Za-z]",
                previous,
                re.I,
            )
            if match:
                return _num(match.group("n"), self.dc)
        return None

    def _attach_included(self, seg: Segment, included: Decimal, text: str) -> None:
        unit_words = set(re.findall(r"[a-z]+", text.lower()))
        candidates = [line for line in self.lines if line.charge_model in ("per_unit", "package")]
        best = None
        for line in reversed(candidates):
            words = set(re.findall(r"[a-z]+", (line.unit + " " + line.description).lower()))
            if words & unit_words - {"per", "the", "month", "of", "a"}:
                best = line
                break
        if best is None and len(candidates) == 1:
            best = candidates[0]
        if best is None:
            if not candidates:
                self._pending_included = (included, seg)  # "Included API Calls: 1,000,000" before the rate
            return
        key = "free_units" if best.charge_model == "package" else "included_units"
        if key in best.fields and best.fields[key] != included:
            best.warnings.append((key, f"Two allowances stated: {best.fields[key]} and {included}."))
            return
        best.fields[key] = included
        best.evidence[key] = (seg, 0.8)

    def _seat_count(self, text: str, unit: str = "") -> Decimal | None:
        """How many seats: "40 users", "Users: 120", "14 providers ordered"; a stated minimum
        ("minimum 10 providers") is not the count when another one is given."""
        text = p.spelled_counts(text)  # "twenty-five named users"
        nouns = r"seats?|users?|licen[cs]es?|agents?|members?|editors?|employees?|subscriptions?|devices|endpoints|"
        nouns += r"vehicles|locations|sites|stores|workstations"
        word = unit.split()[0].lower().rstrip("s") if unit else ""
        if word and word not in ("seat", "user"):
            nouns += rf"|{re.escape(word)}s?"
        pattern = (
            rf"(?P<n>{NUM})\s+(?:named |authori[sz]ed |licensed |full |standard |concurrent |admin |internal |"
            rf"additional |extra |[a-z]{{4,}}\s)?"
            rf"(?:{nouns})\b"
        )
        # "the number of named users increases from 80 to 120": the new count
        changed = re.search(
            rf"\b(?:{nouns})\b[^.]{{0,30}}?\b(?:increase[sd]?|decrease[sd]?|change[sd]?|goes|go|grows?|rises?|reduce[sd]?|"
            rf"is amended|will (?:increase|decrease|change))\s+from\s+(?:{NUM})\s+to\s+(?P<n>{NUM})",
            text,
            re.I,
        )
        if changed:
            return _num(changed.group("n"), self.dc)
        counts = [
            m
            for m in re.finditer(pattern, text, re.I)
            if not re.search(r"(?:minimum|min\.?|at least|up to|maximum|from)\s*(?:of\s*)?$", text[: m.start()], re.I)
        ]
        # "14 locations (Gent and 11 franchise sites)" for a price per location: the count of that unit
        own = [m for m in counts if word and re.search(rf"(?i)\b{re.escape(word)}s?\s*$", m.group(0))]
        counts = own or counts
        match = (
            counts[-1]
            if counts
            else re.search(rf"\b(?:seats?|users?|licen[cs]es?|quantity|qty)\s*(?::|=|of)\s*(?P<n>{NUM})\b", text, re.I)
            # "Analyst seats (25): $45 per seat per month"
            or re.search(rf"\b(?:{nouns})\s*\((?:x\s*)?(?P<n>{NUM})\)", text, re.I)
        )
        if not match:
            return None
        return _num(match.group("n"), self.dc)

    def _last(self, model: str) -> Line | None:
        for line in reversed(self.lines):
            if line.charge_model == model:
                return line
        return None

    # -- one-time, prepaid, percentage ----------------------------------------------------------
    def _one_time(self, seg: Segment, clause: str, moneys: list[p.Money]) -> None:
        line = Line("one_time", {"amount": moneys[0].amount}, seg)
        dates = self.ex.dates(clause)
        if dates:
            line.fields["charge_date"] = dates[0].value
        if len({m.amount for m in moneys}) > 1 and not re.search(
            r"\bwaived|\bdiscount|\binstead of|\breduced", clause, re.I
        ):
            line.warnings.append(
                ("amount", f"More than one amount for this charge: {', '.join(m.text for m in moneys)}.")
            )
        self._finish(line, clause)
        line.interval = None

    def _prepaid(self, seg: Segment, clause: str, moneys: list[p.Money]) -> None:
        line = self._last("prepaid_credit")
        lowered = clause.lower()
        if TOP_UP_RE.search(clause) and line is not None and moneys:
            threshold = None
            amount = None
            previous_end = 0
            for money in moneys:
                # The words since the previous amount: "below 500 USD, a further 2,000 USD" tops up 2,000.
                before = clause[max(previous_end, money.start - 40) : money.start].lower()
                previous_end = money.end
                if re.search(r"below|under|less than|falls to|drops to|reaches|beneath|threshold", before):
                    threshold = money.amount
                elif amount is None:
                    amount = money.amount
            if amount is not None:
                line.fields["top_up_amount"] = amount
                line.evidence["top_up_amount"] = (seg, 0.8)
            if threshold is not None:
                line.fields["top_up_threshold"] = threshold
                line.evidence["top_up_threshold"] = (seg, 0.8)
            if EXPIRE_RE.search(clause):
                self._attach_expiry(seg, clause)
            return
        if not moneys:
            if EXPIRE_RE.search(clause) and line is not None:
                self._attach_expiry(seg, clause)
            return
        if line is not None and "amount" in line.fields and not re.search(r"\bpurchase|\bbuy|\bprepaid\b", lowered):
            self._attach_expiry(seg, clause)
            return
        # "1,000,000 credits at $0.045 per credit, $45,000": a price per credit is not the pool.
        rates = [m for m in moneys if re.match(r"\s*(?:per|/|each)\b", clause[m.end :], re.I)]
        pool = [m for m in moneys if m not in rates] or moneys
        granted, price = _granted_and_price(clause, pool)
        counted = self._prepaid_units(clause, moneys)
        line = Line("prepaid_credit", {"amount": granted, "price": price}, seg)
        rate = self._prepaid_in_units(line, counted, rates, pool) if counted is not None else None
        self._finish(line, clause)
        line.interval = None
        if rate is not None:
            self.lines.append(rate)
        if EXPIRE_RE.search(clause):
            self._attach_expiry(seg, clause)

    def _prepaid_units(self, clause: str, moneys: list[p.Money]) -> tuple[Decimal, str] | None:
        """ "60,000 Credits for US$54,000", "a prepaid block of 500 hours", "1,000,000 tokens": the pool
        counted in units (credits, hours, tokens) rather than in money, and its unit."""
        masked = _mask_money(clause, moneys)
        for match in PREPAID_UNITS_RE.finditer(masked):
            count = _num(match.group("n"), self.dc)
            if count:
                return count, match.group("unit").lower()
        return None

    def _prepaid_row_units(self, line: Line, row: Segment, qty_cell: str, name: str) -> None:
        """ "Prepaid credits | 250,000 credits | $20,000": the quantity column counts the pool; "Prepaid
        credits | 50,000 | $0.90 | $45,000.00": the price is per credit when the row's total is their product."""
        if line.charge_model != "prepaid_credit" or not qty_cell:
            return
        # ("AUD 40,000.00 of credit" in the description is money, not a count of credits)
        named = _mask_money(name, self.ex.money(name))
        match = PREPAID_UNITS_RE.search(qty_cell) or PREPAID_UNITS_RE.search(f"{qty_cell.strip()} {named}")
        count = _num(match.group("n"), self.dc) if match else None
        if not match or not count or self.ex.money(qty_cell):
            return
        price = line.fields["price"]
        unit_price = re.search(
            r"(?i)\bunit (?:price|cost|rate)\b|\brate\b|\bper (?:credit|hour|token|unit)\b", " ".join(row.header)
        )
        products = [m for m in self.ex.money(" | ".join(row.cells)) if m.amount == _cents(count * price) and count > 1]
        rates: list[p.Money] = []
        pool: list[p.Money] = []
        if products or unit_price:
            rates = [p.Money(price, None, False, 0, 0, "")]
            pool = products[:1]
            line.fields["price"] = products[0].amount if products else _cents(count * price)
        rate = self._prepaid_in_units(line, (count, match.group("unit").lower()), rates, pool)
        if rate is not None:
            self.lines.append(rate)

    @staticmethod
    def _prepaid_in_units(
        line: Line, counted: tuple[Decimal, str], rates: list[p.Money], pool: list[p.Money]
    ) -> Line | None:
        """Credits are the pool's own unit ("60,000 Credits for US$54,000": 60,000 granted for 54,000).
        Hours or tokens are not money: at a stated rate the pool is their value and the rate draws it
        down (a usage line at that rate); without one the price is the nearest value, with a warning."""
        count, unit = counted
        totals = [m for m in pool if m not in rates]
        if unit.startswith("credit"):
            # "1,000,000 credits at $0.045 per credit, $45,000": bought at a price per credit, worth that price
            line.fields["amount"] = _cents(count * rates[0].amount) if rates else count
            if rates and not totals:
                line.fields["price"] = line.fields["amount"]
            return None
        if rates:
            value = _cents(count * rates[0].amount)
            line.fields["amount"] = value
            line.fields["price"] = line.fields["price"] if totals else value
            line.warnings.append(("amount", f"{p.plain(count)} {unit} at the stated rate: the credit is their value."))
            rate = Line("per_unit", {"unit_price": rates[0].amount}, line.seg, unit=unit.rstrip("s"))
            rate.description = f"{unit.capitalize()} drawn from the prepaid credit"
            rate.timing = "in_arrears"
            return rate
        line.fields["amount"] = line.fields["price"]
        line.warnings.append(
            (
                "amount",
                f"The prepaid pool is {p.plain(count)} {unit}, not money: its price is entered as the credit; "
                f"usage drawn from it needs a price per {unit.rstrip('s')}.",
            )
        )
        return None

    def _attach_expiry(self, seg: Segment, text: str) -> None:
        line = self._last("prepaid_credit")
        if line is None or not EXPIRE_RE.search(text):
            return
        dates = self.ex.dates(text)
        value: date | None = dates[0].value if dates else None
        if value is None and re.search(r"\bend of the (?:initial |subscription |contract |order )?term\b", text, re.I):
            end = self.ex.data.get("end_date")
            value = date.fromisoformat(end) if end else None
        if value is None:
            length = p.duration(text[EXPIRE_RE.search(text).start() :])  # type: ignore[union-attr]
            start = self.ex.data.get("start_date")
            if length and start:
                value = date.fromisoformat(start) + length
                line.warnings.append(("expires_on", "Expiry computed from the contract start and the stated validity."))
        if value is not None:
            line.fields["expires_on"] = value
            line.evidence["expires_on"] = (seg, 0.75)

    def _percentage(
        self, seg: Segment, clause: str, moneys: list[p.Money], percents: list[tuple[Decimal, int, int]]
    ) -> None:
        masked = _mask_money(clause, moneys)
        rate = percents[0][0]
        line = self._last("percentage")
        if (
            line is not None
            and "rate" in line.fields
            and re.search(r"\bfirst\b|\bfree\b|\bminimum|\bcap", clause, re.I)
            and not re.search(r"\bof (?:each|the|every)", clause, re.I)
        ):
            target = line
        else:
            target = Line("percentage", {"rate": rate}, seg, unit="transaction amount")
            if (
                len(percents) > 1
                and percents[1][0] != rate
                and not re.search(r"\bthen\b|\bafter\b|\bthereafter|\bfree\b", clause, re.I)
            ):
                target.warnings.append(
                    ("rate", f"More than one rate stated: {', '.join(str(r) for r, _, _ in percents)}%.")
                )
        for index, money in enumerate(moneys):
            before = _words_before(clause, moneys, index)
            after = clause[money.end : money.end + 40].lower()
            if re.search(r"\bfirst\b|\bup to\b|\bbelow\b", before) and re.search(
                r"\bfree|\bno (?:fee|charge)|\bexempt|\bof (?:monthly |annual )?(?:volume|gmv|transaction)",
                after + before,
            ):
                target.fields["free_amount"] = money.amount
            elif _bound_before(before) == "min" and (
                p.find_cadence(after[:20]) or p.find_cadence(before[-25:]) or WHICHEVER_RE.search(clause)
            ):
                # "a minimum of $500 per month", "a minimum monthly fee of $500", "whichever is greater": per period
                target.fields["minimum_amount"] = money.amount
            elif _bound_before(before) == "min":
                target.fields["per_event_min"] = money.amount
            elif _bound_before(before) == "max":
                target.fields["per_event_max"] = money.amount
            elif re.search(
                r"^\s*(?:per|/|each|a)\s*(?:successful |settled |processed )?(?:transaction|payment|charge|order|book"
                r"ing|event|txn)",
                after,
            ) or re.search(r"\+\s*$|\bplus\s*$|\band\s*$", before):
                target.fields["fixed_fee"] = money.amount
        free_events = re.search(
            rf"\bfirst\s+(?P<n>{NUM})\s+(?:transactions|payments|events|orders|charges)\b", masked, re.I
        )
        if free_events and re.search(r"\bfree|\bno (?:fee|charge)|\bwaived|\bexempt", masked, re.I):
            value = _num(free_events.group("n"), self.dc)
            if value is not None:
                target.fields["free_events"] = int(value)
        if target is not line:
            self._finish(target, clause)
            target.timing = "in_arrears"

    def _prepaid_or_bands(
        self, seg: Segment, clause: str, moneys: list[p.Money], percents: list[tuple[Decimal, int, int]]
    ) -> bool:
        """Prepaid credits and their top-ups (before minimums: "a minimum balance of ..."), then a rate
        by band of the amount (before a single take rate)."""
        draws_down = self._last("prepaid_credit") and self._priced_against_credits(clause, moneys)
        if not draws_down and (
            PREPAID_RE.search(clause) or (TOP_UP_RE.search(clause) and self._last("prepaid_credit"))
        ):
            self._prepaid(seg, clause, moneys)
            return True
        return len(percents) >= 2 and bool(moneys) and self._percentage_bands(seg, clause, moneys, percents)

    def _percentage_bands(
        self, seg: Segment, clause: str, moneys: list[p.Money], percents: list[tuple[Decimal, int, int]]
    ) -> bool:
        """ "2.9% of GMV up to $1M, 2.5% above", "5% on the first €500k, 3% thereafter": a rate per band of
        the amount. The percentage model has one rate, so the bands are graduated tiers over the amount
        (a unit is one currency unit, its price the rate as a fraction)."""
        bands = _percent_bands(clause, moneys, percents)
        if not bands:
            return False
        tiers = [{"up_to": upper, "unit_price": rate / 100} for rate, upper in bands]
        # "the rate of the band reached applies to all of the month's volume"; "processed volume" is the base
        said = any(m.group(0).lower() != "volume" for m in VOLUME_RE.finditer(clause))
        volume = said and not GRADUATED_RE.search(clause)
        line = Line("volume" if volume else "graduated", {"tiers": tiers}, seg, unit="amount")
        self._finish(line, clause)
        line.warnings.append(
            ("tiers", "Percentage bands entered as tiers over the amount: each unit is one currency unit.")
        )
        return True

    def _percentage_allowance(self, seg: Segment, clause: str, moneys: list[p.Money]) -> None:
        line = self._last("percentage")
        assert line is not None
        line.fields["free_amount"] = moneys[0].amount
        line.evidence["free_amount"] = (seg, 0.8)

    def _per_event_bounds(self, seg: Segment, clause: str, moneys: list[p.Money]) -> None:
        line = self._last("percentage")
        assert line is not None
        for index, money in enumerate(moneys):
            # the bound word nearest before the amount, back to the amount before it
            if _bound_before(_words_before(clause, moneys, index)) == "max":
                line.fields["per_event_max"] = money.amount
            else:
                line.fields["per_event_min"] = money.amount

    # -- milestones ---------------------------------------------------------------------------
    def _milestone(
        self,
        seg: Segment,
        clause: str,
        moneys: list[p.Money],
        percents: list[tuple[Decimal, int, int]],
        name: str | None = None,
        due: date | None = None,
    ) -> None:
        equal = EQUAL_PARTS_RE.search(clause)
        if equal and len(moneys) == 2 and name is None and moneys[1].start > equal.start():
            # "$18,000, payable in three equal instalments of $6,000": the total and each part.
            moneys = moneys[:1]
        if equal and len(moneys) == 1 and name is None:
            # "$10,000, payable in two equal instalments: on signature and on go-live".
            count = p.word_number(equal.group("n")) or 0
            events = re.findall(
                r"\b(?:on|upon|at)\s+(?:the\s+)?([a-z][\w-]*(?:\s[a-z][\w-]*){0,3}?)(?=\s*(?:,|;|\.|\band\b|$))",
                clause[equal.end() :],
                re.I,
            )
            # "... due July 1, 2026, October 1, 2026 and January 4, 2027": one date per part.
            dates = [found.value for found in self.ex.dates(clause[equal.end() :])]
            if count >= 2:
                for index in range(count):
                    label = events[index] if len(events) == count else f"Instalment {index + 1}"
                    due_date = dates[index] if len(dates) == count else None
                    self.milestones.append(
                        MilestoneItem(label[:1].upper() + label[1:], moneys[0].amount / count, None, due_date, seg)
                    )
                return
        if len(percents) >= 2 and len(moneys) == len(percents) + 1 and name is None:
            # "£60,000 is invoiced 40% (£24,000) on signature ... and 60% (£36,000) on go-live": the
            # total, and each share restated in money.
            moneys = moneys[:1]
        if len(moneys) == 1 and len(percents) >= 2 and name is None:
            # "$24,000, invoiced 50% on kickoff and 50% on cutover": one milestone per share.
            masked = _mask_money(clause, moneys)
            for index, (share, _start, end) in enumerate(percents):
                stop = percents[index + 1][1] if index + 1 < len(percents) else len(masked)
                words = re.sub(
                    r"^\s*(?:of the (?:total|fee)\s*)?(?:is\s+)?(?:due\s+|payable\s+|invoiced\s+)?(?:up)?on\s+|^\s*at"
                    r"\s+",
                    "",
                    masked[end:stop],
                    flags=re.I,
                )
                words = re.sub(r"\s*(?:,|;|\band\b|\.)+\s*$", "", words).strip(" ,;.")
                words = re.sub(r"^(?:the|completion of|signature of)\s+", "", words, flags=re.I)
                label = (words[:1].upper() + words[1:])[:200] if words else f"Milestone {index + 1}"
                # "..., due 1 July 2026": a date stated with the share is its due date.
                dates = self.ex.dates(clause[end:stop])
                due_date = dates[0].value if dates else None
                self.milestones.append(MilestoneItem(label, moneys[0].amount * share / 100, None, due_date, seg))
            return
        amount = moneys[0].amount if moneys else None
        percent = percents[0][0] if percents and not moneys else None
        if moneys and len(moneys) > 1 and re.search(r"\btotal|\bof the\b", clause, re.I) and percents:
            amount = moneys[-1].amount if moneys[0].amount > moneys[-1].amount else moneys[0].amount
        if due is None:
            dates = self.ex.dates(clause)
            due = dates[0].value if dates else None
        if name is None:
            name = self._milestone_name(clause, moneys)
        self.milestones.append(MilestoneItem(name, amount, percent, due, seg))

    def _dated_part(self, seg: Segment, clause: str, moneys: list[p.Money]) -> bool:
        """ "Fixed price: AUD 36,000, payable in three parts on the dates below:" then one item per part,
        "2 August 2027 - mobilisation: AUD 10,800": a dated amount under a split of a fee is a
        milestone due on that date, whatever the item is called."""
        dates = self.ex.dates(clause)
        # one amount, not a rate ("$150 per hour from 1 May 2028")
        if (
            len(dates) != 1
            or len(moneys) != 1
            or re.match(r"\s*(?:/|per\b|an?\b|each\b)", clause[moneys[0].end :], re.I)
        ):
            return False
        # the date leads or closes the item: "2 August 2027 - ...: $X", "...: $X, due 2 August 2027"
        before = clause[: dates[0].start]
        if re.search(r"[a-z]{3}", before, re.I) and not re.search(
            r"(?:due|payable|invoiced|on|by)\s*$", before.rstrip(" ,;:(-"), re.I
        ):
            return False
        earlier_part = bool(self.milestones) and self.milestones[-1].due_date is not None
        if not earlier_part and not any(SPLIT_INTRO_RE.search(text) for text in seg.context):
            return False
        self._milestone(seg, clause, moneys, [], due=dates[0].value)
        return True

    def _milestone_name(self, clause: str, moneys: list[p.Money]) -> str:
        text = _mask_money(clause, moneys)
        text = re.sub(r"¤+", "", text)
        text = re.sub(
            r"\(\s*\d+(?:[.,]\d+)?\s*%\s*\)|\d+(?:[.,]\d+)?\s*%(?:\s+of\s+(?:the\s+)?(?:total\s+)?(?:fees?|price|cont"
            r"ract value|project fee)s?)?",
            "",
            text,
        )
        text = re.sub(p.DATE_RE.pattern, "", text, flags=re.I)
        text = re.sub(
            r"\b(?:milestone\s*\d*|payment\s*\d*|phase\s*(?=\d))\s*[:.-]?\s*",
            lambda m: m.group(0) if "phase" in m.group(0).lower() else "",
            text,
            flags=re.I,
        )
        text = re.sub(r"\b(?:is |shall be |will be |are )?(?:due|payable|invoiced|billed)\b", "", text, flags=re.I)
        text = re.sub(
            r"\b(?:target(?: date)?|on or about|by|no later than)\s*$", "", text.strip(" ,.;:-()"), flags=re.I
        )
        text = re.sub(r"\s+", " ", text).strip(" ,.;:-()")
        return (text[:1].upper() + text[1:])[:200] if text else "Milestone"

    def _build_milestone_line(self) -> None:
        if not self.milestones:
            return
        total = None
        for item in self.milestones:
            if item.percent is not None and item.amount is None:
                total = total or self._project_total(item.seg)
                if total is not None:
                    item.amount = total * item.percent / 100
        seg = self.milestones[0].seg
        line = Line("milestone", {}, seg)
        names: set[str] = set()
        milestones = []
        for position, item in enumerate(self.milestones, start=1):
            if item.amount is None:
                line.warnings.append(("milestones", f"Milestone {item.name!r} has no amount the document states."))
                continue
            name = item.name
            if name in names:
                name = f"{name} ({position})"
            names.add(name)
            milestones.append({"name": name, "amount": item.amount, "due_date": item.due_date})
        if not milestones or self._restated_total(milestones, seg):
            return
        if (
            len(milestones) == 1
            and milestones[0]["due_date"] is None
            and re.search(r"\b(?:upon|on|at)\s+(?:the\s+)?(?:signature|signing|execution|order)\b", seg.text, re.I)
            and not re.search(r"\bmilestones?\b|\binstal?lments?\b|\bdeposit\b|\bbalance\b", seg.text, re.I)
        ):
            # "Implementation package: $4,500, invoiced upon signature": a single fee due when the order
            # is signed is a one-time charge, not a schedule of milestones.
            line = Line("one_time", {"amount": milestones[0]["amount"]}, seg)
            line.evidence["amount"] = (seg, 0.8)
            self.lines.append(line)
            return
        line.fields["milestones"] = milestones
        line.evidence["milestones"] = (seg, 0.8)
        # "A fixed fee of $120,000, invoiced as follows:" above the schedule is its total, not a charge.
        schedule_total = sum((m["amount"] for m in milestones), Decimal(0))
        summary = re.compile(r"\btotal|\bfixed|\bas follows|:\s*$|\bproject fee|\bcontract value", re.I)
        self.lines = [
            other
            for other in self.lines
            if not (
                other.charge_model in ("flat", "one_time")
                and other.fields.get("amount") == schedule_total
                and summary.search(other.clause or other.seg.text)
            )
        ]
        heading = next((c for c in reversed(seg.context) if c and len(c) < 80), "")
        line.description = heading or "Milestones"
        self.lines.append(line)

    def _restated_total(self, milestones: list[dict[str, Any]], seg: Segment) -> bool:
        """ "Payment schedule: the total contract price of $72,000.00 is charged in full on the start
        date": one payment of the total of the fees read (a seat price times its seats, flat and
        one-time amounts) says when they are paid, it is not another charge."""
        if len(milestones) != 1 or not re.search(r"\btotal\b|\bin full\b|\bcontract price\b", seg.text, re.I):
            return False
        fees = Decimal(0)
        for line in self.lines:
            if line.charge_model in ("flat", "one_time"):
                fees += line.fields.get("amount") or 0
            elif line.charge_model == "per_seat":
                fees += (line.fields.get("unit_price") or 0) * (line.fields.get("seats") or 0)
        return fees > 0 and _cents(fees) == _cents(milestones[0]["amount"])

    def _project_total(self, seg: Segment) -> Decimal | None:
        for other in reversed(self.ex.segments[: seg.index + 1]):
            moneys = self.ex.money(other.text)
            if moneys and re.search(
                r"\btotal|\bfixed fee|\bproject fee|\bfees? of\b|\bprice\b|\bcontract value", other.text, re.I
            ):
                return max(m.amount for m in moneys)
        return None

    # -- tiers --------------------------------------------------------------------------------
    def _tier_item(self, seg: Segment, text: str) -> TierItem | None:
        moneys = self.ex.money(text)
        masked = _mask_money(text, moneys)
        lowered = masked.lower()
        unit_price = moneys[0].amount if moneys else (Decimal(0) if FREE_WORD.search(text) else None)
        if unit_price is None:
            return None
        flat_fee = None
        package_size = None
        if moneys and re.match(
            r"\s*(?:/|per|a|each)\s*(?:mo|month|yr|year|annum|quarter|qtr|week)\b", text[moneys[0].end :], re.I
        ):
            return None  # a fee per period is not a price per unit in a tier
        if moneys:
            after = text[moneys[0].end : moneys[0].end + 40]
            before = text[max(0, moneys[0].start - 30) : moneys[0].start]
            if (
                re.search(r"\bflat\b|\bbase\b|\bfixed\b", before + after[:15], re.I)
                and len(moneys) == 1
                and not re.search(r"^\s*(?:per|/)", after)
            ):
                flat_fee, unit_price = moneys[0].amount, Decimal(0)
            # "$0.50 per 1,000", "$0.50 per block of 1,000 requests": a price per started package
            pack = re.match(
                rf"^\s*(?:per|/|for each|each)\s+(?:(?:block|pack|bundle|batch|increment)\s+of\s+)?(?P<n>{QTY})\b",
                _scale_words(after),
                re.I,
            )
            if pack:
                size = _num(pack.group("n"), self.dc)
                if size and size > 1:
                    package_size = size
            for extra in moneys[1:]:
                around = text[max(0, extra.start - 30) : extra.end + 20].lower()
                if re.search(r"\bflat|\bbase|\bfixed|\bplus|\+", around):
                    flat_fee = extra.amount
        n = QTY
        patterns = [
            # ("1,025 GB to 10,240 GB": the unit after each bound)
            (
                "range",
                rf"(?:from\s+|between\s+)?(?P<a>{n})\s*(?:(?!(?:to|through|thru|until|and)\b)[a-z][\w/-]{{0,12}}\s*)?"
                rf"(?:-|–|to|through|thru|until|and)\s*(?P<b>{n})\b",
            ),
            (
                "upto",
                # ("≤ 100,000", "> 1,000,000": a symbol has no word boundary before it)
                rf"(?:\b(?:up to|upto|first|the first|less than|under|below|fewer than|0\s*-\s*|bis)|≤|<=|<)"
                rf"\s*(?P<b>{n})\b",
            ),
            ("next", rf"\bnext\s+(?P<b>{n})\b"),
            (
                "above",
                rf"(?:(?:\b(?:over|above|more than|greater than|beyond|in excess of|exceeding|from|ab|after)|>=|≥|>)"
                rf"\s*(?P<a>{n})|(?P<a2>{n})\s*(?:[a-z-]+\s+){{0,2}}?"
                rf"(?:\+|or more|and (?:above|over|more|up|beyond)|or above|plus\b|\+\s*units))",
            ),
            (
                "rest",
                r"\bthereafter\b|\ball (?:additional|further|remaining|other)\b|\bremaining\b|\bany additional\b|\bev"
                r"erything above\b|\bbeyond that\b|\bunlimited\b|\babove that\b",
            ),
        ]
        for kind, pattern in patterns:
            match = re.search(pattern, lowered, re.I)
            if not match:
                continue
            groups = match.groupdict()
            low = _num(groups["a"], self.dc) if groups.get("a") else None
            if groups.get("a2"):
                low = _num(groups["a2"], self.dc)
            high = _num(groups["b"], self.dc) if groups.get("b") else None
            if kind == "range" and (low is None or high is None or high <= low):
                continue
            if kind == "upto" and high is None:
                continue
            allowance = re.search(r"\b(?:includ\w*|covering|covers)\s+(?:the\s+)?$", lowered[: match.start()])
            if kind == "upto" and allowance:
                continue  # "a retainer of $5,000 (includes up to 25 hours)": an allowance, not a tier
            return TierItem(kind, low, high, unit_price, flat_fee, package_size, seg, text)
        return None

    def _tier_items_in(self, seg: Segment, text: str) -> list[TierItem]:
        """Tiers written in one sentence ("first 10,000 at $0.01, next 40,000 at $0.008, and $0.005
        thereafter") or one tier per bullet / line (joined later with its neighbours)."""
        moneys = self.ex.money(text)
        if not moneys and not FREE_WORD.search(text):
            return []
        if TOP_UP_RE.search(text) or PREPAID_RE.search(text) or (MINIMUM_RE.search(text) and len(moneys) < 2):
            return []
        parts = [
            part
            for part in re.split(
                # "..., and every call above 500,000 at $0.005": a tier that names its unit first
                r";\s*|,\s+(?:and\s+|then\s+)?(?=(?:the\s+)?(?:(?:every|each)\s+[a-z-]+\s+(?=over|above|beyond))?(?:"
                r"next|over|above|first|up to|from|beyond|thereafter|\d|"
                # "$0.05 per GB for the first 50 TB, $0.04 per GB above 50 TB": a price first, its bound after
                + PRICE_THEN_BOUND
                + r"|"
                r"all|any|for))|\.\s+|\s+then\s+|"
                # not "20,001 and above: £0.06" (a bound), but "... at $0.01 and above 10,000 at $0.005"
                r"\s+and\s+(?!(?:above|over|beyond)\b(?!\s+\d))(?=(?:the\s+)?(?:next|over|above|beyond|thereafter|all|any|"
                r"\d|" + PRICE_THEN_BOUND + r"))",
                text,
            )
            if part.strip()
        ]
        items = [item for item in (self._tier_item(seg, part) for part in parts) if item is not None]
        if _fee_and_overage(items):
            return []  # "Monthly fee: $2,000 for up to 15 tickets; $90 per ticket thereafter": a fee and its overage
        # "API calls are charged per 1,000 calls: first 1M calls $0.50; next 9M calls $0.40": each tier per 1,000
        first_money = moneys[0].start if moneys else len(text)
        block = re.search(rf"\bper\s+(?P<n>{QTY})\s+[a-z]", _scale_words(text[:first_money]), re.I)
        size = _num(block.group("n"), self.dc) if block else None
        if size and size > 1 and len(items) >= 2:
            for item in items:
                item.package_size = item.package_size or size
        priced = [part for part in parts if self.ex.money(part) or FREE_WORD.search(part)]
        if len(items) >= 2 and len(items) >= len(priced) - 1:
            lead = parts[0]
            if len(items) < len(priced) and self._tier_item(seg, lead) is None and not self.ex.money(lead):
                pass
            return items
        if (
            len(items) == 1
            and len(parts) <= 2
            and (
                self._open_tiers is not None
                and seg.index - self._last_tier_seg <= 1
                or re.search(r"\btier|\bband\b", " ".join(seg.context[-1:]), re.I)
            )
        ):
            return items
        if (
            len(items) == 1
            and len(moneys) <= 1
            and re.match(r"^\s*(?:tier\s*\d+\s*[:.-]?\s*)?(?:\d|up to|first|from|over|above|next)", text, re.I)
            and re.search(
                r"\btier|\bvolume|\bband|\bfollows|\bschedule|\bpric|\bgraduated\b", " ".join(seg.context[-1:]), re.I
            )
        ):
            return items
        return []

    def _add_tiers(self, seg: Segment, items: list[TierItem]) -> None:
        if self._open_tiers is not None and seg.index - self._last_tier_seg <= 1 and len(items) == 1:
            self._open_tiers.extend(items)
        else:
            self._close_tiers()
            self._open_tiers = list(items)
        self._last_tier_seg = seg.index
        if len(items) > 1:
            self._close_tiers()

    def _close_tiers(self) -> None:
        if self._open_tiers:
            self.tier_groups.append(self._open_tiers)
        self._open_tiers = None

    def _build_tier_lines(self) -> None:
        for group in self.tier_groups:
            self._tier_line(group)

    def _tier_line(self, items: list[TierItem]) -> None:
        seg = items[0].seg
        context = " ".join([*seg.context[-2:], *(item.text for item in items), " ".join(seg.header)])
        if items[-1].seg.kind == "row" or items[-1].seg is not items[0].seg:
            # A tier table (or a list of tier lines) is often explained by the sentence right under it
            # ("All emails verified in a month are priced at the rate of the band the month's total falls in").
            after = self.ex.segments[items[-1].seg.index + 1 : items[-1].seg.index + 2]
            context += "".join(f" {other.text}" for other in after if other.kind != "row")
        tiers, warnings = self._tier_bounds(items)
        _bounds_in_price_unit(items, tiers, warnings, context)
        self._tier_line_from(items, tiers, warnings, context)

    @staticmethod
    def _tier_bounds(items: list[TierItem]) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
        """Each tier's inclusive upper bound from ranges, "up to", "next N" and "above N"; bounds
        that do not chain are warnings."""
        warnings: list[tuple[str, str]] = []
        tiers: list[dict[str, Any]] = []
        previous: Decimal | None = Decimal(0)
        for position, item in enumerate(items):
            last = position == len(items) - 1
            up_to: Decimal | None
            if item.kind == "range":
                up_to = item.high
                if (
                    previous is not None
                    and item.low is not None
                    and item.low not in (previous, previous + 1)
                    and not (position == 0 and item.low in (0, 1))
                ):
                    warnings.append(("tiers", f"Tier bounds do not chain: {previous} then {item.low}."))
            elif item.kind == "upto":
                up_to = item.high
                if position > 0 and previous is not None and up_to is not None and up_to <= previous:
                    warnings.append(("tiers", f"'{item.text}' does not continue the tiers above {previous}."))
            elif item.kind == "next":
                up_to = (previous or Decimal(0)) + (item.high or 0) if previous is not None else None
            elif item.kind == "above":
                up_to = None
                if (
                    item.low is not None
                    and previous is not None
                    and item.low not in (previous, previous + 1, previous - 1)
                ):
                    warnings.append(("tiers", f"Tier bounds do not chain: {previous} then above {item.low}."))
            else:
                up_to = None
            if up_to is None and not last:
                warnings.append(("tiers", "An open-ended tier is not the last one."))
            if last and up_to is not None:
                warnings.append(
                    ("tiers", f"The last tier ends at {up_to}: no price above it is stated; left open-ended.")
                )
                up_to = None
            if up_to is not None and previous is not None and up_to <= previous:
                warnings.append(("tiers", f"Tier bounds do not increase: {previous} then {up_to}."))
            tier: dict[str, Any] = {"up_to": up_to, "unit_price": item.unit_price}
            if item.flat_fee is not None:
                tier["flat_fee"] = item.flat_fee
            if item.package_size is not None:
                tier["package_size"] = item.package_size
            tiers.append(tier)
            previous = up_to
        return tiers, warnings

    def _tier_line_from(
        self, items: list[TierItem], tiers: list[dict[str, Any]], warnings: list[tuple[str, str]], context: str
    ) -> None:
        seg = items[0].seg
        unit = self._tier_unit(items)
        # "the first 10,000 calls are free, then $0.004 per call": one price above an allowance.
        if (
            len(tiers) == 2
            and tiers[0]["unit_price"] == 0
            and "flat_fee" not in tiers[0]
            and tiers[0]["up_to"]
            and "package_size" not in tiers[1]
        ):
            line = Line(
                "per_unit", {"unit_price": tiers[1]["unit_price"], "included_units": tiers[0]["up_to"]}, seg, unit=unit
            )
            if tiers[1].get("flat_fee"):
                line.warnings.append(("unit_price", "A flat fee on the paid tier was not kept."))
        elif (
            len(tiers) == 2
            and tiers[0]["unit_price"] == 0
            and "flat_fee" not in tiers[0]
            and tiers[0]["up_to"]
            and not tiers[1].get("flat_fee")
        ):
            # "the first 100,000 calls are free; thereafter $0.50 per 1,000 calls": packages above a free allowance.
            fields = {
                "package_size": tiers[1]["package_size"],
                "package_price": tiers[1]["unit_price"],
                "free_units": tiers[0]["up_to"],
            }
            line = Line("package", fields, seg, unit=unit)
        elif len(tiers) == 1:
            line = Line("per_unit", {"unit_price": tiers[0]["unit_price"]}, seg, unit=unit)
            if items[0].low:
                line.fields["included_units"] = items[0].low
        else:
            volume = bool(VOLUME_RE.search(context))
            graduated = bool(GRADUATED_RE.search(context))
            # "Volume band | Price" over "the price of each band applies to the labels within that band":
            # a column titled "volume" says nothing against a sentence that says graduated
            strong = [m for m in GRADUATED_RE.finditer(context) if m.group(0).lower() != "next"]
            titled = all(
                m.group(0).lower() == "volume"
                and not re.match(r"[- ]?(?:pric|discount|based|basis)", context[m.end() :])
                for m in VOLUME_RE.finditer(context)
            )
            volume = volume and not (strong and titled)
            model = "volume" if volume and not re.search(r"\bgraduated\b", context, re.I) else "graduated"
            line = Line(model, {"tiers": tiers}, seg, unit=unit)
            if not volume and not graduated:
                line.warnings.append(
                    ("charge_model", "The document does not say graduated or volume tiers: graduated assumed.")
                )
            if model == "graduated" and CUMULATIVE_RE.search(context):
                line.fields["tier_basis"] = "cumulative"
        line.warnings.extend(warnings)
        # The heading or the introducing sentence ("API calls (graduated):"), not a form field above.
        intro_lines = [] if len(items) > 1 and items[0].seg is items[-1].seg else list(reversed(seg.context[-2:]))
        line.description = (
            next(
                (c for c in intro_lines if c and len(c) <= 80 and (c.endswith(":") or not re.search(r":\s*\S", c))),
                "",
            )
            or unit[:1].upper() + unit[1:]
        )
        line.description = re.sub(r"[:.]\s*$", "", line.description)
        rows = " ".join(item.text for item in items)
        # the sentence right above the tiers first ("charged monthly in arrears on a graduated basis:"),
        # then the one before it
        # (the tiers' own sentence first when it says how it is billed: "..., invoiced monthly in arrears";
        # not a sentence that prices another line: "Base plan: €9,600 per year, invoiced half-yearly.")
        unpriced = " ".join(c for c in seg.context[-2:] if not self.ex.money(c))
        for text in (rows, f"{seg.context[-1] if seg.context else ''} {rows}", f"{unpriced} {rows}"):
            cadence = p.find_cadence(text)
            if cadence and BILLED_RE.search(text):
                line.interval = (cadence[0], cadence[1])
                break
        line.evidence["tiers"] = (seg, 0.8)
        self.lines.append(line)

    def _tier_unit(self, items: list[TierItem]) -> str:
        texts = [*(item.text for item in items), *items[0].seg.context[-2:], " ".join(items[0].seg.header)]
        for text in texts:
            match = re.search(
                r"\b(?:per|/)\s*(?:successful |additional )?(?P<u>[A-Za-z][A-Za-z-]*(?:\s(?!per\b|for\b|in\b)[A-Za-z]"
                r"[A-Za-z-]*)?)",
                text,
            )
            if match and match.group("u").split()[0].lower() not in STOP_UNITS:
                return match.group("u")
        for text in texts:
            match = re.search(rf"(?:{NUM})\s+(?P<u>(?!per\b)[A-Za-z][A-Za-z-]+(?:\s[A-Za-z][A-Za-z-]+)?)", text)
            if match and match.group("u").split()[0].lower() not in STOP_UNITS | {"and", "to", "at", "or", "units"}:
                return match.group("u")
        return "units"

    # -- tables -------------------------------------------------------------------------------
    def _table(self, rows: list[Segment]) -> None:
        rows = _ticked_rows(rows)
        if not rows:
            return
        rows = self._without_past_periods(rows)
        header = rows[0].header
        if self._period_columns(rows, header) or self._percentage_band_rows(rows):
            return
        roles = _table_roles(rows, header) if header else self._untitled_roles(rows)
        header = header or ("",) * len(roles)
        rows = self._bare_prices_in_currency(rows, roles)
        intro = " ".join(rows[0].context[-2:])
        texts = [self._row_text(row, roles) for row in rows]
        # bare amounts under "Price (EUR)" / "Amount (USD)" in their currency, for tier and milestone rows
        priced_texts = [self._row_text(self._bare_prices_priced(row, roles), roles) for row in rows]
        tier_items = [self._tier_item(row, text) for row, text in zip(rows, priced_texts, strict=False)]
        has_range_cols = "from" in roles or "to" in roles or "range" in roles
        # "Portal for up to 25,000 members | $4,000.00" over "Each member above 25,000 | $0.12": a fee with
        # an allowance and its overage, not tiers
        fee_and_overage = _fee_and_overage([item for item in tier_items if item])
        if (
            not fee_and_overage
            and sum(1 for item in tier_items if item) >= 2
            and (
                has_range_cols
                or all(tier_items)
                or re.search(r"\btier|\bvolume|\bband", intro + " ".join(header), re.I)
            )
        ):
            group = [item for item in tier_items if item]
            # "Price per 1,000 emails" in the header: each tier prices started blocks of 1,000.
            block = re.search(rf"\bper\s+(?P<n>{QTY})\s+[A-Za-z]", " ".join(header), re.I)
            size = _num(block.group("n"), self.dc) if block else None
            if size and size > 1:
                for tier_item in group:
                    tier_item.package_size = tier_item.package_size or size
            self.tier_groups.append(group)
            return
        priced_rows = [text for text in priced_texts if self.ex.money(text)]
        on_events = [t for t in priced_rows if MILESTONE_RE.search(t) or re.search(r"(?i)\bupon\s+[a-z]", t)]
        milestone_table = (
            any(re.search(r"milestone|deliverable|phase|payment (?:event|schedule)|\btrigger", h, re.I) for h in header)
            # "Payment | Trigger | Amount": most rows are paid on an event ("Upon acceptance of ...") and none recurs
            or (
                len(priced_rows) >= 2
                and 3 * len(on_events) >= 2 * len(priced_rows)
                and not any(p.find_cadence(text) for text in priced_rows)
                and not re.search(r"(?i)\bone[- ](?:time|off)\b|\bnon-?recurring\b", intro)
            )
        ) or (
            any(r == "date" for r in roles)
            and (
                MILESTONE_RE.search(intro)
                # "Total fixed fee: $80,000, invoiced as follows:" over "Payment | Share | Due": dated
                # parts of one fee
                or re.search(r"\bas follows\b|\binstal?ments?\b|\bpayment schedule\b", intro, re.I)
                or any(re.search(r"\bshare\b|%|\bpercent", h, re.I) for h in header)
            )
        )
        if (
            self._once_and_recurring_columns(rows, roles, header)
            or self._unit_price_columns(rows, roles, header)
            or self._schedule_of_a_fee(rows, roles)
            or self._rate_bands(rows)
        ):
            return
        self._extended_table = self._price_column_is_extended(rows, roles)
        section = ""
        for row, text, priced_text in zip(rows, texts, priced_texts, strict=False):
            filled = [c for c in row.cells if c]
            if len(filled) == 1 and not re.search(r"\d", filled[0]):
                section = filled[0]  # "One-Time Fees" as a row of its own: the title of the rows below
                continue
            if section:
                row.context = [*row.context, section]
            # "Phase 3 | Support (time and materials) | $175/hour": a rate among the milestones
            first = self.ex.money(priced_text)[:1]
            rate = re.search(r"(?i)\btime (?:and|&) materials\b|\bT&M\b", priced_text) or (
                first and re.match(r"(?i)\s*(?:/|per)\s*(?!month|year|quarter|annum)[a-z]", priced_text[first[0].end :])
            )
            if milestone_table and not rate:
                text = priced_text
                moneys = self.ex.money(text)
                percents = p.find_percentages(_mask_money(text, moneys), decimal_comma=self.dc)
                if not moneys and not percents:
                    continue
                if _totals_row(row):
                    continue
                name = next((c for c, r in zip(row.cells, roles, strict=False) if r == "name" and c), None) or next(
                    (c for c in row.cells if c and not self.ex.money(c) and not self.ex.dates(c)), "Milestone"
                )
                due_cell = next((c for c, r in zip(row.cells, roles, strict=False) if r == "date" and c), "")
                dates = self.ex.dates(due_cell or text)
                self._milestone(
                    row, text, moneys[:1] if moneys else [], percents, name=name, due=dates[0].value if dates else None
                )
                continue
            self._row(row, text, roles)
        self._extended_table = False
        self._ramp_dates(rows, roles)

    def _untitled_roles(self, rows: list[Segment]) -> list[str]:
        """A table without column titles ("Licence (12 x €50.00 per user) | per quarter, in advance |
        € 1.800,00"): the first column of words names the item, the last column of amounts alone is
        its price, the other cells say how it is billed (no roles when the columns do not say so)."""
        width = len(rows[0].cells)
        if width < 2 or any(len(row.cells) != width for row in rows):
            return []

        def amount_only(cell: str) -> bool:
            moneys = self.ex.money(cell)
            return len(moneys) == 1 and len(_mask_money(cell, moneys).split()) <= 3

        columns = [[row.cells[i] for row in rows if row.cells[i]] for i in range(width)]
        price = next(
            (i for i in range(width - 1, 0, -1) if columns[i] and all(amount_only(c) for c in columns[i])), None
        )
        if price is None or not columns[0] or not all(re.search(r"[A-Za-z]{3}", c) for c in columns[0]):
            return []
        if any(amount_only(c) for c in columns[0]):
            return []
        return ["name" if i == 0 else "price" if i == price else "" for i in range(width)]

    def _percentage_band_rows(self, rows: list[Segment]) -> bool:
        """ "GMV band | Take rate" over "$0 - $1,000,000 | 2.9%" and "Above $1,000,000 | 2.5%": one rate per
        band of the amount, read as the prose bands are ("2.9% $0 - $1,000,000, 2.5% Above $1,000,000")."""
        if len(rows) < 2:
            return False
        parts = []
        for row in rows:
            rates = [cell for cell in row.cells if re.fullmatch(rf"\s*(?:{NUM})\s?%\s*", cell)]
            bounds = [cell for cell in row.cells if cell not in rates and cell.strip()]
            if len(rates) != 1 or not any(self.ex.money(cell) for cell in bounds):
                return False
            parts.append(f"{rates[0].strip()} {' '.join(bounds)}")
        clause = ", ".join(parts)
        moneys = self.ex.money(clause)
        percents = p.find_percentages(_mask_money(clause, moneys), decimal_comma=self.dc)
        if len(percents) != len(rows) or not _percent_bands(clause, moneys, percents):
            return False
        context = " ".join([*rows[0].context[-2:], " ".join(rows[0].header)])
        return self._percentage_bands(rows[0], f"{clause} ({context})", moneys, percents)

    def _without_past_periods(self, rows: list[Segment]) -> list[Segment]:
        """ "Item | 2026/27 | 2027/28" in a renewal for the year from July 2027: last period's prices beside this
        contract's, for comparison; the columns of periods that start before the contract's year are not read."""
        stated_start = self.ex.data.get("start_date")
        header = rows[0].header
        if not isinstance(stated_start, str) or not header:
            return rows
        start_year = date.fromisoformat(stated_start).year
        years = {index: _title_year(title) for index, title in enumerate(header) if index}
        past = [index for index, year in years.items() if year is not None and year < start_year]
        if not past or start_year not in years.values():
            return rows

        def kept(cells: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(cell for index, cell in enumerate(cells) if index not in past)

        return [
            replace(row, cells=kept(row.cells), header=kept(row.header), text=" | ".join(kept(row.cells)))
            for row in rows
        ]

    def _period_columns(self, rows: list[Segment], header: tuple[str, ...]) -> bool:
        """A multi-year ramp laid out with the periods as columns ("Fee | Year 1 | Year 2 | Year 3",
        "Months 1-12 | Months 13-24"): each row's amount under each period is a line of its own,
        running over that period of the contract (from the contract's start, or the dates in the
        column title)."""
        stated_start = self.ex.data.get("start_date")
        start = date.fromisoformat(stated_start) if isinstance(stated_start, str) else None
        periods: dict[int, tuple[int, int]] = {}
        for index, title in enumerate(header):
            found = _period_months(title, start) if index else None
            if found:
                periods[index] = found
        if len(periods) < 2:
            return False
        roles = _table_roles(rows, header)
        for index in periods:
            roles[index] = "price"
        for row in rows:
            if _totals_row(row):
                continue
            for indices in self._same_amount_periods(row, list(periods)):
                index = indices[0]
                cells = tuple(c if i == index or i not in periods else "" for i, c in enumerate(row.cells))
                titles = tuple("Price" if i == index else h for i, h in enumerate(header))
                part = replace(row, cells=cells, header=titles, text=" | ".join(c for c in cells if c))
                before = len(self.lines)
                self._row(part, self._row_text(part, roles), roles)
                if len(self.lines) == before:
                    continue
                line = self.lines[-1]
                line.seg = row
                if len(indices) == len(periods):
                    continue  # the same amount in every period: one line for the whole term
                opening, closing = self.ex.dates(header[index]), self.ex.dates(header[indices[-1]])
                if len(opening) == 2 and len(closing) == 2 and opening[0].value < closing[1].value:
                    line.span = (opening[0].value, closing[1].value)
                elif start:
                    line.span = (
                        start + relativedelta(months=periods[index][0]),
                        start + relativedelta(months=periods[indices[-1]][1]) - timedelta(days=1),
                    )
        return True

    def _same_amount_periods(self, row: Segment, indices: list[int]) -> list[list[int]]:
        """The period columns of a row with an amount, consecutive periods at the same amount together
        ("$2,000 | $2,000 | $2,400": the first two years are one step of the ramp)."""
        groups: list[list[int]] = []
        for index in indices:
            cell = row.cells[index].strip() if index < len(row.cells) else ""
            # an amount (not a count of seats in a "Users | 20 | 30" row)
            if not (self.ex.money(cell) or re.fullmatch(r"\d{1,3}(?:[,.]\d{3})*[.,]\d{2}", cell)):
                continue
            previous = groups[-1][-1] if groups else None
            if previous is not None and previous == index - 1 and row.cells[previous].strip() == cell:
                groups[-1].append(index)
            else:
                groups.append([index])
        return groups

    def _schedule_of_a_fee(self, rows: list[Segment], roles: list[str]) -> bool:
        """ "Invoice Date | Amount" rows, each the amount of a recurring fee already read ("Subscription
        Fee: $48,000 per year" over "October 1, 2028 | $48,000.00"): when that fee is invoiced, not
        more charges."""
        if "date" not in roles:
            return False
        fees = {line.fields.get("amount") for line in self.lines if line.charge_model == "flat"}
        priced = [row for row in rows if self.ex.money(row.text)]
        dated = [row for row in priced if self.ex.dates(row.text)]
        if not priced or len(dated) != len(priced):
            return False
        if not all(any(m.amount in fees for m in self.ex.money(row.text)) for row in priced):
            return False
        self.ex.rec.warn("lines", f"An invoice schedule (page {rows[0].page}) read as the dates of a fee above.")
        return True

    def _rate_bands(self, rows: list[Segment]) -> bool:
        """ "Up to £50,000 | 8%", "£50,001 - £200,000 | 6%", "Over £200,000 | 4%": a take rate by band of
        volume. The contract has one rate per percentage line, so the first band's rate is entered and the
        bands are a warning (the amounts are bounds, not charges)."""
        bands: list[Decimal] = []
        for row in rows:
            text = " ".join(row.cells)
            moneys = self.ex.money(text)
            percents = p.find_percentages(_mask_money(text, moneys), decimal_comma=self.dc)
            if not moneys and not percents:
                continue
            # "2027-11-08" in a due-date column is a date, not a band "1 - 10"
            undated = _blank_spans(text, [(d.start, d.end) for d in self.ex.dates(text)])
            bounded = re.search(
                r"(?i)\bup to\b|\bover\b|\babove\b|\bunder\b|\bbelow\b|\bor more\b|\+|\d\s*-\s*\D?\d", undated
            )
            if len(percents) != 1 or not moneys or not bounded:
                return False
            bands.append(percents[0][0])
        if len(bands) < 2:
            return False
        line = Line("percentage", {"rate": bands[0]}, rows[0], unit="transaction amount")
        listed = ", ".join(f"{rate}%" for rate in bands)
        line.warnings.append(("rate", f"Rates by volume band ({listed}): the first is entered; check it."))
        self._finish(line, " ".join(rows[0].header))
        line.timing = line.timing or "in_arrears"
        return True

    def _price_column_is_extended(self, rows: list[Segment], roles: list[str]) -> bool:
        """ "Qty 14 | Annual price £3,360" over "Total | £4,260": the total is the sum of the price column,
        so each price is for the whole quantity, not per unit."""
        if "price" not in roles or "qty" not in roles:
            return False
        price, qty = roles.index("price"), roles.index("qty")
        total = None
        amounts: list[Decimal] = []
        counted = False
        for row in rows:
            cells = self._bare_prices_priced(row, roles).cells
            moneys = self.ex.money(" ".join(cells))
            if _totals_row(row):
                total = moneys[-1].amount if moneys else None
                continue
            found = self.ex.money(cells[price]) if len(cells) > price else []
            if not found:
                continue
            amounts.append(found[0].amount)
            count = _num(cells[qty], self.dc) if len(cells) > qty and cells[qty] else None
            counted = counted or bool(count and count > 1)
        return bool(total is not None and counted and len(amounts) >= 2 and sum(amounts) == total)

    def _bare_prices_in_currency(self, rows: list[Segment], roles: list[str]) -> list[Segment]:
        """ "From | To | Price per check" over "1 | 2,000 | 1.10" in a document "in CAD": a bare
        amount in a price column is in the currency the header or the document states (so that tier
        rows are read as priced)."""
        header_text = " ".join(rows[0].header)
        stated = re.search(rf"\b({p._CODE})\b|([$€£¥])", f"{header_text} {self.ex.data.get('currency') or ''}")
        prices = [i for i, role in enumerate(roles) if role in ("price", "list")]
        if not stated or not prices:
            return rows
        currency = stated.group(1) or stated.group(2)
        out = []
        for row in rows:
            cells = list(row.cells)
            for i in prices:
                if i < len(cells) and re.fullmatch(r"\d[\d,.']*", cells[i].strip()):
                    cells[i] = f"{currency} {cells[i].strip()}"
            out.append(replace(row, cells=tuple(cells), text=" | ".join(cells)))
        return out

    def _unit_price_columns(self, rows: list[Segment], roles: list[str], header: tuple[str, ...]) -> bool:
        """ "Model | Price per 1M input tokens | Price per 1M output tokens": each price column is a price per
        its own unit, so a row is one usage line per column."""
        columns = [
            i
            for i, role in enumerate(roles)
            if role == "price" and re.search(r"(?i)(?:\bper\b|/)\s*(?:\d[\d,.]*\s*[kKmM]?\s+)?[a-z]", header[i])
        ]
        if len(columns) < 2 or len({re.sub(r"(?i).*?(?:\bper\b|/)", "", header[i]).strip() for i in columns}) < 2:
            return False
        for row in rows:
            for index in columns:
                cells = [cell if i not in columns or i == index else "" for i, cell in enumerate(row.cells)]
                titles = tuple(title if i not in columns or i == index else "" for i, title in enumerate(header))
                part = replace(row, cells=tuple(cells), header=titles, text=" | ".join(cells))
                before = len(self.lines)
                self._row(part, self._row_text(part, roles), roles)
                if len(self.lines) > before:
                    self.lines[-1].seg = row
                    self.lines[-1].description = f"{self.lines[-1].description} ({header[index]})".strip()
        return True

    def _once_and_recurring_columns(self, rows: list[Segment], roles: list[str], header: tuple[str, ...]) -> bool:
        """ "Item | Qty | NRC | MRC" (telecom order forms), "Setup fee | Monthly fee": a row with a
        price in both columns is two charges, one-time and recurring."""
        prices = [i for i, role in enumerate(roles) if role == "price"]
        once = [
            i
            for i in prices
            if re.search(r"(?i)\bnrc\b|\botc\b|non-?recurring|one[- ]time|one[- ]off|set-?up|installation", header[i])
        ]
        recurring = [
            i
            for i in prices
            if i not in once
            and re.search(r"(?i)\bmrc\b|\brecurring|\bmonthly|\bper month|\bannual|\byearly|\bper year", header[i])
        ]
        if not once or not recurring:
            return False
        # "| Qty | Service | MRC | NRC | Usage rate |": a third price column (a rate per minute, per GB)
        # holds the price of the rows that have neither
        columns = once + recurring + [i for i in prices if i not in once and i not in recurring]
        for row in rows:
            for index in columns:
                cell = row.cells[index] if index < len(row.cells) else ""
                amounts = self.ex.money(cell)
                if not amounts or all(amount.amount == 0 for amount in amounts):
                    continue  # "$0.00" in a one-time or recurring column: nothing charged there
                cells = list(row.cells)
                for other in columns:
                    if other != index and other < len(cells):
                        cells[other] = ""
                own_roles = roles
                if index in once:
                    cells[index] = f"{cell} one-time"
                elif index not in recurring:
                    # the rate column's own title, not the recurring column's cadence, says what it is
                    # ("Per-minute rate", "Usage rate (per GB)")
                    own_roles = [r if i == index or i not in columns else "" for i, r in enumerate(roles)]
                    per = re.search(r"(?i)\bper[- ]([a-z]\w*)|/\s*([a-z]\w*)", header[index])
                    if per and not re.search(r"(?i)\bper\b|/|\beach\b", cell):
                        cells[index] = f"{cell} per {per.group(1) or per.group(2)}"
                elif not p.find_cadence(f"{cell} {header[index]}"):
                    cells[index] = f"{cell} per month"  # a monthly recurring charge
                part = replace(row, cells=tuple(cells), text=" | ".join(cells))
                self._row(part, self._row_text(part, own_roles), own_roles)
                if self.lines and self.lines[-1].seg is part:
                    self.lines[-1].seg = row
        self._ramp_dates(rows, roles)
        return True

    def _ramp_dates(self, rows: list[Segment], roles: list[str]) -> None:
        """A table whose rows run over different date ranges ("Year 1 (1 Aug 2026 - 31 Jul 2027)",
        "Year 2 ..."), a ramp: each row's line starts and ends with its range."""
        stated_start = self.ex.data.get("start_date")
        start = date.fromisoformat(stated_start) if isinstance(stated_start, str) else None
        ranges: dict[int, tuple[date, date]] = {}
        for row in rows:
            found = [
                d.value
                for cell, role in zip(row.cells, roles + [""] * len(row.cells), strict=False)
                if role not in ("price", "list", "total", "flat_fee")
                for d in self.ex.dates(cell)
            ]
            if len(found) == 2 and found[0] < found[1]:
                ranges[row.index] = (found[0], found[1])
            elif not found and start:
                # "Year 2 | $26,400": a ramp's row named by its period of the contract
                months = next((_period_months(c, start) for c in row.cells[:2] if _period_months(c, start)), None)
                if months:
                    first, last = months
                    ranges[row.index] = (
                        start + relativedelta(months=first),
                        start + relativedelta(months=last) - timedelta(days=1),
                    )
        if len(set(ranges.values())) < 2:
            return
        for line in self.lines:
            if line.seg in rows and line.seg.index in ranges:
                line.span = ranges[line.seg.index]

    def _apply_spans(self) -> None:
        """Lines that run over different stated periods are a ramp: each starts and ends with its
        period. One period for everything is the contract's term, not the line's."""
        spans = {line.span for line in self.lines if line.span}
        if len(spans) < 2:
            return
        for line in self.lines:
            recurring = line.charge_model not in ("one_time", "milestone", "prepaid_credit")
            if line.span and line.span[1] is None and recurring:
                line.fields["start_date"] = line.span[0]  # "then $1,450/month thereafter": open-ended
                line.evidence["start_date"] = (line.seg, 0.75)
            elif line.span and recurring:
                start, last = line.span
                # The stated period ends on its last day; a line's end is exclusive.
                end = last if last.day == start.day else last + timedelta(days=1)
                line.fields["start_date"], line.fields["end_date"] = start, end
                line.evidence["start_date"] = line.evidence["end_date"] = (line.seg, 0.8)

    def _row_text(self, row: Segment, roles: list[str]) -> str:
        parts = []
        cells = list(row.cells)
        low = high = None
        for cell, role in zip(cells, roles + [""] * (len(cells) - len(roles)), strict=False):
            if role == "from":
                low = cell
            elif role == "to":
                high = cell
            elif role in ("total", "reference"):
                continue
            elif role == "flat_fee" and cell:
                parts.append(f"flat fee {cell}")
            elif cell:
                parts.append(cell)
        if low is not None or high is not None:
            if high and re.search(r"\d", high):
                # An "up to" column alone gives each tier's upper bound.
                parts.insert(0, f"{low} - {high}" if low else f"up to {high}")
            elif low:
                parts.insert(0, f"{low}+")
            else:
                parts.insert(0, "thereafter")
        return " ; ".join(parts)

    def _bare_prices_priced(self, row: Segment, roles: list[str]) -> Segment:
        """The row with its bare price cells ("0.12" under "Price per document (EUR)") in the currency
        the header, a currency column or the document states, for reading tier tables."""
        currency_cells = [c for c, r in zip(row.cells, roles, strict=False) if r == "currency" and c]
        stated = " ".join(row.header + tuple(currency_cells)) + f" {self.ex.data.get('currency') or ''}"
        cells = tuple(
            self._header_priced(cell, stated)[0] if role in ("price", "list") and not self.ex.money(cell) else cell
            for cell, role in zip(row.cells, roles + [""] * (len(row.cells) - len(roles)), strict=False)
        )
        return replace(row, cells=cells)

    def _header_priced(self, price_cell: str, header_text: str) -> tuple[str, list[p.Money]]:
        """ "Price (EUR) | 0,15": a bare number under a header that names the currency."""
        header_currency = re.search(rf"\b({p._CODE})\b|([$€£¥])", header_text)
        if header_currency and BARE_AMOUNT_RE.fullmatch(price_cell.strip() or "x"):
            price_cell = f"{header_currency.group(1) or header_currency.group(2)} {price_cell.strip()}"
        return price_cell, self.ex.money(price_cell)

    def _price_from_total(self, row: Segment, text: str, roles: list[str]) -> tuple[list[str], str]:
        """ "Premium support | - | - | €600.00": no unit price, only the line's amount; that is its
        price (the roles with the amount's column as the price, and the row's text read with them)."""
        totals = [i for i, r in enumerate(roles) if r == "total" and i < len(row.cells) and self.ex.money(row.cells[i])]
        priced = [c for c, r in zip(row.cells, roles, strict=False) if r in ("price", "list", "flat_fee")]
        # "Premium support | 15% of subscription fees | $300.00": the share is how the amount was worked
        # out; the amount stated is what is billed (the share kept in the description)
        share = [c for c in priced if re.search(r"\d", c) and not self.ex.money(c)]
        if share and not all(p.find_percentages(c, decimal_comma=self.dc) for c in share):
            share = []
        if len(totals) != 1 or "price" not in roles or any(re.search(r"\d", c) for c in priced if c not in share):
            return roles, text
        roles = ["" if r in ("price", "list") else ("price" if i == totals[0] else r) for i, r in enumerate(roles)]
        return roles, self._row_text(row, roles)

    def _not_a_charge_row(self, row: Segment, cells: dict[str, str]) -> bool:
        """A totals row, or a negative amount ("Promotional discount | -$1,200.00", "($500.00)"): a
        discount or credit on the quote, not a charge (said, not silently dropped)."""
        if _totals_row(row):
            return True
        price_cell = cells.get("price", "") or cells.get("list", "")
        if re.match(r"\s*(?:[-−–]|\()\s*(?:[A-Z]{3}\s?)?[$€£¥]?\s?\d", price_cell):
            self.ex.rec.warn(
                "lines",
                f"A negative amount (a discount or credit?) not read as a charge (page {row.page}): "
                f"{row.text[:100]!r}.",
            )
            return True
        return False

    def _allowance_row(self, row: Segment, text: str) -> None:
        """ "Data allowance | 6,000 GB per quarter included | -": a row without a price stating the
        allowance of the usage priced in the row above or below."""
        included = self._included(text)
        if included is not None and not re.search(r"\bseat|\buser|\blicen", text, re.I):
            self._attach_included(row, included, text)

    def _row(self, row: Segment, text: str, roles: list[str]) -> None:
        roles, text = self._price_from_total(row, text, roles)
        moneys = self.ex.money(text)
        currency_cells = [c for c, r in zip(row.cells, roles, strict=False) if r == "currency" and c]
        # A bare amount under a price column: in the currency its header names, or the one the
        # document states ("All charges in this Schedule are in Australian dollars").
        doc_currency = self.ex.data.get("currency") or ""
        stated = " ".join(row.header + tuple(currency_cells)) + f" {doc_currency}"
        bare_price = bool(re.search(rf"\b({p._CODE})\b|[$€£¥]", stated)) and any(
            r in ("price", "list") and BARE_AMOUNT_RE.fullmatch(c.strip() or "x")
            for c, r in zip(row.cells, roles, strict=False)
        )
        if not moneys and not bare_price and not p.find_percentages(text, decimal_comma=self.dc):
            self._allowance_row(row, text)
            return
        cells = _cells_by_role(row.cells, roles)
        if self._not_a_charge_row(row, cells):
            return
        header_text = " ".join(row.header)
        price_cell = cells.get("price", "") or cells.get("list", "")
        price_money = self.ex.money(price_cell)
        if not price_money:
            price_cell, price_money = self._header_priced(
                price_cell, f"{header_text} {cells.get('currency', '')} {doc_currency}"
            )
            moneys = price_money or moneys
        qty = _num(cells["qty"], self.dc) if cells.get("qty") and not self.ex.money(cells["qty"]) else None
        billing = cells.get("billing", "") or _section_billing(row)
        qty, billing = _periods_not_quantity(qty, billing, cells.get("per", ""))
        # One clause per row, in an order the prose reader understands: name, price, billing.
        name, price_text = self._counted_rate(cells.get("name", ""), price_money) or (
            _without_rate_note(cells.get("name", "")) if price_money else cells.get("name", ""),
            price_cell or " ".join(c.text for c in moneys[:1]),
        )
        # the titles that may say what the price is per (a unit-of-measure column's "U/M" does not)
        titles = " ".join(h for h, r in zip(row.header, roles, strict=False) if r != "per")
        if (
            price_money
            and not re.search(r"\bper\b|/", price_cell)
            and re.search(r"\bper\s+\w+|\bunit price|/\s*\w+", titles, re.I)
        ):
            unit = _header_unit(titles)
            if unit:
                price_text = f"{price_cell} per {unit}"
        elif price_money and not re.search(r"\bper\b|/", price_cell):
            # "Hourly rate", "Daily rate", "Day rate (€)"
            rate = re.search(r"\b(hour|dai|day|week|month)ly\b|\b(hour|day)\s+rate\b", header_text, re.I)
            period = (rate.group(1) or rate.group(2)).lower() if rate else ""
            if period in ("hour", "dai", "day"):
                price_text = f"{price_cell} per {'hour' if period == 'hour' else 'day'}"
        name, price_text = self._unit_from_name(name, price_text, priced=bool(price_money))
        price_text = _unit_from_description(price_text, row.cells, roles, usage=qty is None and bool(price_money))
        price_text, billing = _unit_from_billing(price_text, billing, priced=bool(price_money))
        price_text = _per_package(price_text, price_cell, cells.get("package", ""))
        if billing and not BILLED_RE.search(billing):
            billing = f"billed {billing}"
        # Name, price, what the price is per (a "Unit" column), then how it is billed.
        parts = [name, price_text]
        per = _row_unit(cells)
        if per:
            # A "Per" / "Unit" column: "vessel per month" -> "per vessel per month".
            parts.append(per if re.match(r"(?i)\s*(?:per|/|each|a)\b", per) else f"per {per}")
        parts += [c for c, r in zip(row.cells, roles, strict=False) if r in ("", "range") and c and c not in parts]
        parts.append(billing)
        clause = " ; ".join(p_ for p_ in parts if p_).replace(" ; ", " ", 0)
        clause = re.sub(r"\s*;\s*", " ", clause)
        price_header = _price_title(row, roles, cells)
        cadence_word = HEADER_CADENCE_RE.search(price_header)
        if not re.search(r"\bmonth|\byear|\bannual|\bquarter", clause, re.I) and cadence_word:
            # "Price/yr" -> "per year"
            word = re.sub(r"^/\s?(?:yr|year|annum)$", "per year", cadence_word.group(0), flags=re.I)
            word = re.sub(r"^/\s?(?:mo|mth|month)$", "per month", word, flags=re.I)
            word = re.sub(r"^/\s?(?:qtr|quarter)$", "per quarter", word, flags=re.I)
            clause = f"{clause} {word}"
        before = len(self.lines)
        context_row = Segment(
            row.page, row.text, "row", row.cells, row.header, row.table, index=row.index, context=row.context
        )
        self._clause(context_row, clause)
        if len(self.lines) > before:
            line = self.lines[-1]
            line.seg = row
            self._prepaid_row_units(line, row, _counted_cell(row, cells), name)
            if qty is not None and qty != 1:
                price_title = next((h for h, r in zip(row.header, roles, strict=False) if r == "price"), "")
                self._row_quantity(line, qty, header_text, options=self._chosen_option_name() is not None)
                # "Host for 12 months | 250 | $216.00": a unit column with the period prices seats too
                _seats_at_recurring_price(line, qty, header_text, f"{price_cell} {per}", billing, clause)
                if line.charge_model == "per_seat" and (
                    self._extended_table
                    or re.search(r"(?i)\b(?:amount|fees?|cost|extended|subtotal)\b", price_title)
                    and not re.search(r"(?i)\b(?:unit|per|each|price|rate)\b", price_title)
                    # "Fee / seat / month": the title says the fee is per seat
                    and not re.search(
                        r"(?i)/\s*(?!month|mo\b|mth|year|yr|annum|quarter|qtr|week|day)[a-z]", price_title
                    )
                    # "€30.00 / user / month" in a "Fee" column: the cell itself says it is per seat
                    and not re.search(
                        r"(?i)(?:\bper\b|/)\s*(?!month|mo\b|mth|year|yr|annum|quarter|qtr|week|day)[a-z]|\beach\b",
                        price_cell,
                    )
                ):
                    # "Quantity 25 | Annual fee $15,000": the fee is for all 25; the seat price is a share.
                    line.fields["unit_price"] = line.fields["unit_price"] / qty
                    line.warnings.append(
                        ("unit_price", f"'{price_title}' read as the total for {qty}: price per seat computed.")
                    )
            allowance = _num(cells["included"], self.dc) if cells.get("included") else None
            key = {"per_unit": "included_units", "package": "free_units"}.get(line.charge_model)
            if allowance and key:
                line.fields[key] = allowance
            listed = bool(self.ex.money(cells.get("list", "")) and re.search(r"\d", cells.get("price", "")))
            _row_discount(line, row.header, cells.get("discount", ""), self.dc, listed=listed)
            self._prepaid_net_of_discount(line, qty, cells.get("total", ""), text)

    def _prepaid_net_of_discount(self, line: Line, qty: Decimal | None, total_cell: str, text: str) -> None:
        """ "Prepaid credit bundle, HK$120,000 of credit, bundle discount 10% | 1 | 120,000.00 |
        108,000.00": one bundle whose row amount is lower than its price after a discount the row
        states; the credit granted stays, the price paid is the row's amount."""
        totals = [m.amount for m in self.ex.money(total_cell)]
        if not totals and BARE_AMOUNT_RE.fullmatch(total_cell.strip() or "x"):
            totals = [_num(total_cell.strip(), self.dc)]  # a bare amount under a titled column
        price = line.fields.get("price")
        if (
            line.charge_model != "prepaid_credit"
            or qty not in (None, 1)
            or len(totals) != 1
            or not totals[0]
            or not isinstance(price, Decimal)
            or not 0 < totals[0] < price
            or not re.search(r"(?i)\bdiscount|\brabatt|\bremise|\bdescuento", text)
        ):
            return
        line.fields["price"] = totals[0]
        line.warnings.append(("price", f"The row's amount {p.plain(totals[0])} is the price after its discount."))

    def _counted_rate(self, name: str, price_money: list[p.Money]) -> tuple[str, str] | None:
        """ "Additional users: 45 × AED 1,100.00 per user per year | AED 49,500.00": the price cell is
        the count times the rate the item's name states (the line's extended amount); the rate and its
        count are the line's price (returned with the name without them)."""
        note = _RATE_NOTE.search(name)
        if note is None or len(price_money) != 1:
            return None
        times = re.search(
            rf"(?:^|[\s(:])(?P<n>{NUM})\s*(?P<what>(?:[a-z][\w-]*\s+){{0,2}})(?:x|×|\*)\s*$", name[: note.start()], re.I
        )
        rate = self.ex.money(note.group(0))
        if times is None or len(rate) != 1:
            return None
        count = _num(times.group("n"), self.dc)
        if not count or count == 1 or count * rate[0].amount != price_money[0].amount:
            return None
        rest = " ".join((name[: times.start("n")], times.group("what"), name[note.end() :]))
        rest = re.sub(r"\(\s*\)|\s*[:(,]\s*$", "", re.sub(r"\s+", " ", rest)).strip()
        return rest, f"{times.group('n')} × {note.group(0).strip().rstrip(',;')}"

    @staticmethod
    def _unit_from_name(name: str, price_text: str, *, priced: bool) -> tuple[str, str]:
        """ "Data transfer per GB | 0,08", "Storage (per TB) | $20": the item names what the price is per."""
        # "Vessel tracking, per vessel per month (24 vessels)": a count in brackets after the unit
        counted = re.search(r"\s*\([^()]*\d[^()]*\)\s*$", name)
        core, count = (name[: counted.start()], counted.group(0)) if counted else (name, "")
        # "Satellite position report, each": the item is the unit
        each = re.search(r"(?i)(?:,\s*|\s+\(?)each\)?\s*$", core)
        if priced and each and not re.search(r"\bper\b|/|\beach\b", price_text):
            return core[: each.start()] + count, f"{price_text} each"
        name_unit = re.search(
            r"(?i)(?:\bper|/)\s*(?P<u>[A-Za-z][\w-]*)(?:\s+(?:per|and|a)\s+(?P<c>month|year|annum|quarter))?"
            r"\s*\)?\s*$",
            core,
        )
        if (
            not priced
            or not name_unit
            or re.search(r"\bper\b|/", price_text)
            or name_unit.group("u").lower() in STOP_UNITS
            or p.find_cadence(name_unit.group("u"))
        ):
            return name, price_text
        cadence = f" per {name_unit.group('c')}" if name_unit.group("c") else ""
        return core[: name_unit.start()].rstrip(" (,") + count, f"{price_text} per {name_unit.group('u')}{cadence}"

    @staticmethod
    def _row_quantity(line: Line, qty: Decimal, header_text: str, *, options: bool = False) -> None:
        if (
            line.charge_model == "flat"
            and options  # the document chooses one of the plans listed
            and re.match(r"(?i)\s*(?:plan|edition|tier|package)s?\b", header_text)
            and not re.search(r"(?i)\bper\b|/|\bunit\b|\beach\b", header_text)
        ):
            return  # "Plan | Monthly fee | Users" over "Growth | $1,200 | 50": the users a plan allows, not seats
        if line.charge_model == "flat":
            # A recurring item bought in a quantity is priced per seat (licences, users, units).
            line.charge_model = "per_seat"
            line.fields = {"unit_price": line.fields["amount"], "seats": qty}
        elif line.charge_model == "per_seat":
            line.fields["seats"] = qty
        elif line.charge_model == "one_time":
            line.fields["amount"] = line.fields["amount"] * qty
            line.warnings.append(("amount", f"Quantity {qty} times the unit price."))
        elif (
            line.charge_model == "per_unit" and "included_units" not in line.fields and INCLUDED_RE.search(header_text)
        ):
            line.fields["included_units"] = qty

    # -- minimums -------------------------------------------------------------------------------
    def _apply_minimums(self) -> dict[str, Any] | None:
        commitment: dict[str, Any] | None = None
        for amount, seg, text, stated_on in self.minimums:
            yearly = text.startswith("year: ")
            clause = text.removeprefix("year: ")
            usage_lines = [line for line in self.lines if line.is_usage]
            target = stated_on if stated_on is not None and stated_on.charge_model in USAGE_MODELS else None
            lowered = clause.lower()
            across = re.search(
                r"\bacross\b|\ball (?:metered )?(?:usage|fees|charges|lines)|\baggregate|\bcombined", lowered
            )
            # "The Client commits to a minimum monthly spend of £3,000 on identity checks": a spend
            # commitment is the contract's, even where it names the charges it counts.
            committed = re.search(
                r"\bcommit(?:s|ted)? to (?:a |an )?(?:minimum )?(?:monthly |annual |quarterly |yearly )?spend\b|"
                r"\bspend commitment\b|\bminimum (?:monthly |annual |quarterly |yearly )?spend\b",
                lowered,
            )
            if committed and stated_on is None:
                across = committed
            for line in usage_lines if target is None and not across else []:
                words = {
                    w
                    for w in re.findall(r"[a-z]+", (line.unit + " " + line.description).lower())
                    if len(w) > 2 and w not in STOP_UNITS and w not in ("minimum", "commitment", "fee", "fees")
                }
                if words and any(re.search(rf"\b{re.escape(w)}s?\b", lowered) for w in words):
                    target = line
                    break
            if (
                not yearly
                and target is None
                and not committed
                and len(usage_lines) == 1
                and not re.search(
                    # "total usage across ..."; not "if the fees for a month total less than £900"
                    r"\ball (?:usage|fees|charges|lines)|\baggregate|\bacross|\bcombined|"
                    r"\btotal(?!s?\s+(?:less|under|below))",
                    lowered,
                )
            ):
                target = usage_lines[0]
            if not yearly and target is not None:
                if "minimum_amount" in target.fields and target.fields["minimum_amount"] != amount:
                    target.warnings.append(
                        ("minimum_amount", f"Two minimums stated: {target.fields['minimum_amount']} and {amount}.")
                    )
                    continue
                target.fields["minimum_amount"] = amount
                target.evidence["minimum_amount"] = (seg, 0.8)
                if clause in seg.text:
                    target.quotes["minimum_amount"] = clause.strip(" ,;")
                continue
            if commitment is not None:
                if commitment["amount"] != amount:
                    self.ex.rec.warn(
                        "minimum_commitment.amount",
                        f"Two commitments stated: {commitment['amount']} and {amount}; kept the first.",
                    )
                continue
            commitment = {
                "amount": _money_text(p.plain(amount)),
                "period": "year" if yearly else "billing_period",
                "lines": [],
            }
            self.ex.rec.note("minimum_commitment.amount", seg, 0.8)
            if not usage_lines:
                self.ex.rec.warn("minimum_commitment", "A minimum commitment without usage lines to count against it.")
        return commitment

    # -- cleanup and output ---------------------------------------------------------------------
    def _drop_list_price_mentions(self) -> None:
        """ "our standard list price for a pupil licence is £6.00 per pupil per year" in a cover letter,
        and the order form's £3.90 per pupil per year: the list price a discount applies to is not a
        charge when the same unit has its own (lower) price."""
        listed = re.compile(r"\b(?:list|standard|rack|retail|published|public|normal|usual) (?:price|rate)\b", re.I)
        for line in list(self.lines):
            price = line.fields.get("unit_price")
            if price is None or not line.unit or not listed.search(line.clause or line.seg.text):
                continue
            unit = line.unit.split()[0].lower().rstrip("s")
            if any(
                other is not line
                and other.charge_model == line.charge_model
                and other.unit
                and other.unit.split()[0].lower().rstrip("s") == unit
                and other.interval == line.interval
                and (other.fields.get("unit_price") or price) < price
                for other in self.lines
            ):
                self.lines.remove(line)

    def _key(self, line: Line) -> tuple[Any, ...]:
        return (line.charge_model, metric_code(line.unit) if line.is_usage else slug(line.description)[:20])

    def _dedupe(self) -> None:
        kept: list[Line] = []
        for line in self.lines:
            twin = next((k for k in kept if k.charge_model == line.charge_model and self._same_thing(k, line)), None)
            if twin is None:
                kept.append(line)
                continue
            if self._prices(twin) == self._prices(line):
                for name, value in line.fields.items():
                    twin.fields.setdefault(name, value)
                # The second mention may say what the first did not (when, how often).
                twin.interval = twin.interval or line.interval
                twin.timing = twin.timing or line.timing
                continue
            twin.warnings.append(
                (
                    self._price_field(twin),
                    f"Two prices for the same item: {self._prices(twin)} and {self._prices(line)} "
                    f"(page {line.seg.page}: {line.seg.text[:80]!r}); kept the first.",
                )
            )
        self.lines = kept

    def _merge_price_per_billing_period(self) -> None:
        """ "EUR 89.00 per location / month" as a headline, then "invoiced quarterly in advance: EUR
        267.00 per location per quarter" ("Hosting per month CHF 1,240.50", then "invoiced quarterly
        (CHF 3,721.50 per quarter)"): one fee, restated for the period it is invoiced for (a multiple
        of the first price by the ratio of the periods); the invoiced statement is kept, with the
        count, timing and start the other one had."""
        for billed in [line for line in self.lines if line.charge_model in ("per_seat", "flat") and line.interval]:
            if billed not in self.lines or not BILLED_RE.search(billed.seg.text):
                continue
            for stated in [line for line in self.lines if line.charge_model == billed.charge_model]:
                if stated is billed or not _restated_for_period(stated, billed):
                    continue
                for name in ("seats", "start_date"):
                    if name in stated.fields:
                        billed.fields.setdefault(name, stated.fields[name])
                        billed.evidence.setdefault(name, stated.evidence.get(name, (stated.seg, 0.75)))
                billed.timing = billed.timing or stated.timing
                billed.span = billed.span or stated.span
                key = self._price_field(stated)
                period = stated.interval[0] if stated.interval else "period"
                note = f"{p.plain(stated.fields[key])} per {period} restated for the billing period."
                billed.warnings.append((key, note))
                self.lines.remove(stated)

    def _drop_restated_seat_totals(self) -> None:
        """ "85 technician seats, so your monthly seat charge is $3,017.50": a flat amount that is a
        seat price times a count the sentence states is that seat line's total, not another charge
        (the count becomes the line's seats)."""
        for flat in [line for line in self.lines if line.charge_model == "flat"]:
            amount = flat.fields.get("amount")
            text = _mask_money(flat.seg.text, self.ex.money(flat.seg.text))
            for seat in (line for line in self.lines if line.charge_model == "per_seat" and line.seg is not flat.seg):
                price = seat.fields.get("unit_price")
                if not amount or not price or (flat.interval and seat.interval and flat.interval != seat.interval):
                    continue
                count = amount / price
                if count <= 1 or count != count.to_integral_value():
                    continue
                unit = re.escape((seat.unit or "seat").split()[0].lower().rstrip("s"))
                if not (SEAT_RE.search(text) or re.search(rf"\b{unit}s?\b|\btotal\b", text, re.I)):
                    continue  # a platform fee that happens to equal seats x price is its own charge
                stated = seat.fields.get("seats")
                counted = re.search(rf"(?<![\d.,]){int(count):,}(?![\d.,]\d)|(?<![\d.,]){int(count)}(?![\d.,]\d)", text)
                if stated == count or (stated is None and counted):
                    seat.fields.setdefault("seats", Decimal(int(count)))
                    seat.evidence.setdefault("seats", (flat.seg, 0.75))
                    self.lines.remove(flat)
                    break

    def _same_thing(self, a: Line, b: Line) -> bool:
        """Two mentions of one charge (a summary table and the prose that explains it), or two
        charges? The same unit with the same price is one; with different prices it is one only
        when their descriptions share a word ("two prices for one thing" becomes a warning)."""
        if a.charge_model == "percentage" and (
            (a.seg.kind == b.seg.kind == "row" and a.seg.table == b.seg.table and a.seg.index != b.seg.index)
            or (a.seg.kind == b.seg.kind == "field" and a.seg.label.lower() != b.seg.label.lower())
        ):
            return False  # "Card donations: 2.9% ..." and "ACH donations: 0.8% ...": two take rates
        if a.charge_model == "percentage" and (_two_card_rates(a, b) or _two_named_rates(a, b)):
            return False
        if a.charge_model in ("milestone", "prepaid_credit", "percentage"):
            return True
        if a.seg.kind == "row" and b.seg.kind == "row" and a.seg.table == b.seg.table and a.seg.index != b.seg.index:
            return False  # two rows of one price table are two charges ("Senior consultant", "Consultant")
        if a.span and b.span and a.span != b.span:
            return False  # "$4,000 per month from March 2027 ..., $5,500 per month from March 2028 ...": a ramp
        if a.is_usage:
            if metric_code(a.unit) != metric_code(b.unit):
                return False
            if self._prices(a) == self._prices(b):
                return True
            ignore = {
                "the",
                "and",
                "per",
                "are",
                "is",
                "at",
                "of",
                "billed",
                "charged",
                "fee",
                "fees",
                "price",
                "usage",
            }
            words_a = {w for w in re.findall(r"[a-z]{3,}", a.description.lower()) if w not in ignore}
            words_b = {w for w in re.findall(r"[a-z]{3,}", b.description.lower()) if w not in ignore}
            if not words_a or not words_b:
                return True
            # "Storage" and "Storage is charged": one thing; "Inbound calls" and "Outbound calls": two.
            return len(words_a & words_b) / len(words_a | words_b) >= 0.5
        if slug(a.description) == slug(b.description) and bool(a.description):
            return True
        # "Imaging workflow platform | $4,000 per month" and "The imaging workflow platform fee of
        # $4,000 per month": most of the shorter name's words, at the same price, are one charge.
        words_a = set(re.findall(r"[a-z]{3,}", a.description.lower())) - {"the", "and", "fee", "fees", "for", "charge"}
        words_b = set(re.findall(r"[a-z]{3,}", b.description.lower())) - {"the", "and", "fee", "fees", "for", "charge"}
        shorter = min(len(words_a), len(words_b))
        return (
            shorter > 0
            and len(words_a & words_b) >= max(1, (2 * shorter + 2) // 3)
            and self._prices(a) == self._prices(b)
        )

    @staticmethod
    def _price_field(line: Line) -> str:
        return {
            "flat": "amount",
            "one_time": "amount",
            "per_unit": "unit_price",
            "per_seat": "unit_price",
            "graduated": "tiers",
            "volume": "tiers",
            "package": "package_price",
            "percentage": "rate",
            "prepaid_credit": "amount",
            "milestone": "milestones",
        }[line.charge_model]

    def _prices(self, line: Line) -> Any:
        return str(line.fields.get(self._price_field(line)))

    @staticmethod
    def _metric_of(line: Line, shared: list[str]) -> str:
        metric = metric_code(line.unit)
        if shared.count(metric) > 1:
            # Two prices per minute (inbound, outbound) meter two things: name them apart.
            words = [w for w in re.findall(r"[a-z]+", line.description.lower()) if w not in STOP_UNITS]
            metric = metric_code(" ".join([*words[:2], line.unit]))
        return metric

    def _output(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        codes: set[str] = set()
        shared = [metric_code(line.unit) for line in self.lines if line.is_usage]
        for index, line in enumerate(self.lines):
            path = f"lines[{index}]"
            code = slug(line.description or line.unit or line.charge_model)[:40] or line.charge_model
            base = code
            counter = 2
            while code in codes:
                code = f"{base}_{counter}"
                counter += 1
            codes.add(code)
            data: dict[str, Any] = {
                "code": code,
                "description": line.description[:200],
                "charge_model": line.charge_model,
            }
            if line.is_usage:
                data["metric"] = self._metric_of(line, shared)
            for name, value in line.fields.items():
                data[name] = _json(value)
                if name in MONEY_FIELDS and isinstance(data[name], str):
                    data[name] = _money_text(data[name])
            if "milestones" in data:
                for milestone in data["milestones"]:
                    milestone["amount"] = _money_text(milestone["amount"])
            recurring = line.charge_model in RECURRING_MODELS
            default_interval, default_timing, default_seg = self._default(line.is_usage, line)
            # One-time fees, milestones and credit purchases are invoiced once: no cadence to state.
            if recurring:
                interval = line.interval or default_interval or ("month", 1)
                data["billing_interval"], data["billing_interval_count"] = interval
                data["billing_timing"] = (
                    _usage_timing(line, default_timing, default_seg)
                    if line.is_usage
                    else (line.timing or default_timing or "in_advance")
                )
            out.append(data)
            rec = self.ex.rec
            quote = line.clause or None
            rec.note(f"{path}.charge_model", line.seg, line.confidence, quote)
            for name in line.fields:
                seg, conf = line.evidence.get(name, (line.seg, line.confidence))
                rec.note(f"{path}.{name}", seg, conf, line.quotes.get(name) or (quote if seg is line.seg else None))
            if recurring:
                if line.interval:
                    rec.note(f"{path}.billing_interval", line.seg, 0.85)
                elif default_interval and default_seg is not None:
                    rec.note(f"{path}.billing_interval", default_seg, 0.75)
                else:
                    rec.confidence[f"{path}.billing_interval"] = 0.5
                    rec.warn(f"{path}.billing_interval", "No billing frequency stated for this line: monthly assumed.")
                if line.timing:
                    rec.note(f"{path}.billing_timing", line.seg, 0.85)
                else:
                    rec.confidence[f"{path}.billing_timing"] = 0.7
            for name, message in line.warnings:
                rec.warn(f"{path}.{name}", message)
        return out


# "Example:", "Worked example 2:", "Illustration -", "For example,": what follows shows how prices apply
_EXAMPLE_LEAD = re.compile(
    r"(?i)^\W*(?:(?:(?:a |an )?(?:worked|illustrative|sample|pricing|billing|calculation)\s+)?"
    r"(?:examples?|illustration|beispiel|rechenbeispiel|berechnungsbeispiel|exemple|ejemplo|esempio|voorbeeld)\b\s*\d*\s*(?:[:.(\u2013-]|$)|"
    r"for (?:example|instance)\b|e\.\s?g\.)"
)


def _operand(text: str, money: p.Money) -> bool:
    """An amount multiplied or added in a calculation: "250,000 x EUR 0.004 +"."""
    return bool(
        re.search(r"(?:\d\s*|\s)(?:x|\u00d7|\*)\s*$", text[max(0, money.start - 12) : money.start], re.I)
        or re.match(r"\s*(?:\+|=|\u00d7|\*|x\s)", text[money.end :], re.I)
    )


# "the previous user price of $41.00", "the former rate was $0.09": a price no longer in force
SUPERSEDED_BEFORE_RE = re.compile(
    r"\b(?:previous|prior|former|old|superseded|earlier)\s+(?:[\w-]+\s+){0,2}?(?:price|rate|fee|charge|tariff)s?"
    r"(?:\s+(?:of|was|were|had been|at|:))?\s*(?:\(|:)?\s*$",
    re.I,
)
# "$41.00 ... no longer applies", "(which is replaced by the price above)"
SUPERSEDED_AFTER_RE = re.compile(
    r"(?:\s*(?:per|/)\s*[\w-]+){0,2}[\s,)]*(?:which\s+)?(?:no longer appl(?:y|ies)|"
    r"(?:is|are) no longer (?:charged|billed|invoiced|in (?:force|effect)|applicable|valid)|ceases? to apply|"
    r"(?:is|are|has been|have been) (?:replaced|superseded|withdrawn))\b",
    re.I,
)
# "Each insurance eligibility check is billed at $0.35", "every travel booking is charged $1.20": a price
# for each unit, as "per" states it (the unit's words may be ones a late fee or a policy also uses)
EACH_BILLED_RE = re.compile(
    r"\b(?:each|every)\s+(?:[\w-]+\s+){0,7}?(?:(?:is|are|will be|shall be)\s+(?:billed|charged|invoiced|priced)|"
    r"costs?)\b|"
    # "Insurance eligibility checks at $0.35 each"; not "$2,000,000 each occurrence" (a policy's limit)
    rf"(?:[$€£¥]\s?|\b(?-i:{p._CODE})\s?)\d[\d.,]*\s+each\b"
    r"(?!\s+(?:occurrence|claim|accident|incident|loss|event|way)s?\b)",
    re.I,
)


def _before_first_money(text: str, moneys: list[p.Money]) -> str:
    return text[: moneys[0].start] if moneys else text


def _termination_fees_only(clause: str, moneys: list[p.Money]) -> bool:
    """ "An early termination fee of $295 applies if ...": every amount is one owed only if the contract
    ends early (the words since the amount before it name such a fee)."""
    previous_end = 0
    for money in moneys:
        if not TERMINATION_FEE_RE.search(clause[previous_end : money.start]):
            return False
        previous_end = money.end
    return bool(moneys)


def _header_unit(header_text: str) -> str | None:
    """What a price column's title says the price is per: "Price per user" -> user; "Price/Unit/Month"
    -> month (a generic "unit" before a period names no unit)."""
    found = [m.group(1) or m.group(2) for m in re.finditer(r"\bper\s+(\w+(?:\s\w+)?)|/\s*(\w+)", header_text, re.I)]
    # "Beschreibung / Description", "Betrag CHF / Amount CHF": a bilingual title, not a unit.
    found = [word for word in found if word.split()[0].lower() not in _TITLE_WORDS]
    specific = [word for word in found if word.lower() not in ("unit", "units", "item", "items")]
    cadence = [word for word in specific if re.fullmatch(r"(?i)month|mo|mth|year|yr|annum|quarter|qtr|week", word)]
    if len(found) > 1 and specific and cadence and specific[0] not in cadence:
        # "Price / user / month": per user, per month
        return f"{specific[0]} per {cadence[0]}"
    if len(found) > 1 and specific:
        return specific[0]
    return found[0] if found else None


_TITLE_WORDS = {
    "amount",
    "price",
    "description",
    "total",
    "fee",
    "fees",
    "cost",
    "service",
    "item",
    "betrag",
    "preis",
    "beschreibung",
    "leistung",
    "montant",
    "prix",
    "quantity",
    "qty",
}


BAND_UPPER_RE = re.compile(
    r"\b(?:up to|upto|first|ersten|below|under|less than|not exceeding|to|through|and|until|bis)\s*$|[-–]\s*$", re.I
)
BAND_OPEN_RE = re.compile(
    r"\b(?:above|over|thereafter|beyond|in excess of|exceeding|remaining|balance|after that|rest|more than|"
    r"greater than|and up)\b|\+",
    re.I,
)


def _percent_bands(
    clause: str, moneys: list[p.Money], percents: list[tuple[Decimal, int, int]]
) -> list[tuple[Decimal, Decimal | None]]:
    """(rate, upper bound) per band, the last open, read rate first ("2.9% up to $1M, 2.5% above") or
    bound first ("on the first €500k: 5%; thereafter 3%"); [] unless the bands rise to an open one."""
    if re.search(r"(?i)\bdiscount|\brebate|\binterest\b|\blate\b|\bservice credits?\b|\bpenalt", clause):
        return []  # "5% discount on orders over $10,000, 10% over $50,000": not a charge by band
    for rate_first in (True, False):
        bands: list[tuple[Decimal, Decimal | None]] = []
        for index, (rate, start, end) in enumerate(percents):
            if rate_first:
                stop = percents[index + 1][1] if index + 1 < len(percents) else len(clause)
                window = (end, stop)
            else:
                window = (percents[index - 1][2] if index else 0, start)
            inside = [m for m in moneys if window[0] <= m.start < window[1]]
            upper = next(
                (m.amount for m in reversed(inside) if BAND_UPPER_RE.search(clause[max(0, m.start - 25) : m.start])),
                None,
            )
            text = clause[window[0] : window[1]]
            if upper is None and not BAND_OPEN_RE.search(text):
                break
            bands.append((rate, upper))
        uppers = [upper for _, upper in bands]
        if (
            len(bands) == len(percents)
            and uppers[-1] is None
            and all(u is not None for u in uppers[:-1])
            and uppers[:-1] == sorted(uppers[:-1])  # type: ignore[type-var]
        ):
            return bands
    return []


# "first 10 TB at $0.09/GB": bounds in a larger unit than the price's (decimal multiples, as storage is billed)
_DATA_UNITS = {"kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12, "pb": 10**15}


def _bounds_in_price_unit(
    items: list[TierItem], tiers: list[dict[str, Any]], warnings: list[tuple[str, str]], context: str
) -> None:
    """Tier bounds written in TB for a price per GB are counted in GB (1 TB = 1,000 GB)."""
    priced = re.search(r"(?:\bper|/)\s?(kb|mb|gb|tb)\b", context, re.I)
    bounds = {m.group(1).lower() for item in items for m in re.finditer(r"\d\s?(kb|mb|gb|tb|pb)\b", item.text, re.I)}
    if not priced or len(bounds) != 1:
        return
    price_unit, bound_unit = priced.group(1).lower(), bounds.pop()
    if _DATA_UNITS[bound_unit] <= _DATA_UNITS[price_unit]:
        return
    factor = Decimal(_DATA_UNITS[bound_unit] // _DATA_UNITS[price_unit])
    for tier in tiers:
        if tier["up_to"] is not None:
            tier["up_to"] = tier["up_to"] * factor
    warnings.append(
        ("tiers", f"Bounds stated in {bound_unit.upper()}, prices per {price_unit.upper()}: 1 {bound_unit.upper()} "
         f"counted as {factor:,} {price_unit.upper()}.")
    )


def _usage_timing(line: Line, default_timing: str | None, default_seg: Segment | None) -> str:
    """Usage is billed in arrears, unless the document invoices it in advance on an estimate (trued up
    later): then in advance, warned (the true-up itself is not a field of the contract)."""
    own = line.timing == "in_advance" and ESTIMATED_USAGE_RE.search(line.clause or line.seg.text)
    stated = (
        line.timing is None
        and default_timing == "in_advance"
        and default_seg is not None
        and ESTIMATED_USAGE_RE.search(default_seg.text)
    )
    if not (own or stated):
        return "in_arrears"
    if not any(name == "billing_timing" for name, _ in line.warnings):
        line.warnings.append(
            ("billing_timing", "Usage invoiced in advance on an estimate: the true-up to actual usage is not kept.")
        )
    return "in_advance"


_OPTION = r"plan|tier|edition|package|option|bundle"
_OPTION_NAME = r"[A-Z][\w+-]*(?:\s[A-Z][\w+-]*){0,2}"
# "Customer has selected the Growth plan", "elects the Scale tier", "Selected edition: Professional"
_CHOOSES = (
    r"(?i:selects?|selected|elects?|elected|chooses|chose|chosen|opts?\s+for|opted\s+for|subscribes?\s+to|"
    r"will\s+subscribe\s+to|has\s+ordered)"
)
CHOSEN_OPTION_RE = re.compile(
    rf"\b(?:(?i:has|have)\s+)?{_CHOOSES}\s+(?:(?i:the)\s+)?(?P<name>{_OPTION_NAME})\s+(?i:{_OPTION})\b"
    # "Customer has chosen Option B", "selects Plan 2": the option named by its letter or number
    rf"|\b{_CHOOSES}\s+(?:(?i:the)\s+)?(?P<lettered>(?:Option|Plan|Tier|Package|Bundle)\s+(?:[A-Z]|\d{{1,2}}))\b"
    rf"|\b(?i:selected|chosen)\s+(?i:{_OPTION})\s*[:=-]\s*(?P<label>{_OPTION_NAME})"
    rf"|\b(?i:{_OPTION})\s+(?i:selected|chosen)\s*[:=-]\s*(?P<label2>{_OPTION_NAME})",
)
_OPTION_WORDS_RE = re.compile(r"\b(?:plan|tier|edition|package|option)s?\b", re.I)


def _option_name(line: Line) -> str:
    """The name an option goes by: a row's first cell with words, or the words before a prose line's price."""
    if line.seg.kind == "row":
        return next((cell for cell in line.seg.cells if re.search(r"[A-Za-z]", cell)), "")
    text = _option_text(line)
    return re.split(r"[:$€£¥\d(]|\s[-–]\s", text, maxsplit=1)[0].strip()


def _option_text(line: Line) -> str:
    return " ".join(line.seg.cells) if line.seg.kind == "row" else (line.clause or line.seg.text)


# "$500 or 3% of sales, whichever is greater": a minimum of the period, not of each transaction
WHICHEVER_RE = re.compile(
    r"\bwhichever is (?:the )?(?:greater|higher|larger|more)\b|\bthe (?:greater|higher) of\b", re.I
)


_COUNT_WORDS = r"\d{1,2}|one|two|three|four|five|six|nine|twelve"
FREE_MONTHS_RE = re.compile(
    rf"\b(?:the\s+)?(?:first|initial)\s+(?:(?P<n>{_COUNT_WORDS})\s+(?:\(\d{{1,2}}\)\s+)?(?:calendar\s+)?months|"
    r"(?:calendar\s+)?(?P<one>month))\b"
    r"(?:[^.;]{0,40}?)\b(?:are|is|will be|shall be)?\s*(?:free(?! of (?:any )?(?:defects|errors))|"
    r"at no (?:cost|charge)|without charge|not (?:be )?(?:charged|invoiced|billed))"
    rf"|\bmonths?\s+1\s*(?:-|–|to|through)\s*(?P<m>\d{{1,2}})\s+(?:are\s+|will be\s+)?(?:free|at no (?:cost|charge)|"
    r"without charge|not (?:charged|invoiced|billed))"
    # "a 100% discount on the first month": the month is free
    r"|\b100\s?%\s+(?:discount|off|reduction|rebate)\b(?:\s+(?:is\s+)?(?:applied|granted|given))?\s+"
    r"(?:on|of|for|in|during|over)\s+(?:the\s+)?(?:first|initial)\s+"
    rf"(?:(?P<k>{_COUNT_WORDS})\s+(?:\(\d{{1,2}}\)\s+)?(?:calendar\s+)?months|(?:calendar\s+)?(?P<single>month))\b",
    re.I,
)
DISCOUNT_PERIOD_RE = re.compile(
    r"(?P<pct>\d{1,2}(?:[.,]\d+)?)\s?%\s+(?:discount|off|reduction|rebate)\b(?:\s+(?:on|of)\s+[\w\s]{0,20}?)?\s+"
    r"(?:in|for|during|over|throughout)\s+(?:the\s+)?(?:(?P<year>first\s+(?:contract\s+|subscription\s+)?year|"
    rf"year\s+(?:1|one))|(?:first|initial)\s+(?P<n>{_COUNT_WORDS})\s+(?:\(\d{{1,2}}\)\s+)?months?)\b",
    re.I,
)


def _free_months_in(clause: str) -> int:
    match = FREE_MONTHS_RE.search(clause)
    if not match:
        return 0
    if match.group("one") or match.group("single"):
        return 1  # "the first month is free"
    return p.word_number(match.group("n") or match.group("m") or match.group("k") or "") or 0


def _first_period_discount(clause: str) -> tuple[Decimal, relativedelta] | None:
    match = DISCOUNT_PERIOD_RE.search(clause)
    if not match:
        return None
    percent = Decimal(match.group("pct").replace(",", "."))
    if match.group("year"):
        return percent, relativedelta(years=1)
    months = p.word_number(match.group("n") or "")
    return (percent, relativedelta(months=months)) if months and 0 < percent < 100 else None


def _counted_cell(row: Segment, cells: dict[str, str]) -> str:
    """The quantity cell, or a cell under a "Credits" / "Hours" / "Tokens" column with its title as the unit."""
    if cells.get("qty"):
        return cells["qty"]
    for header, cell in zip(row.header, row.cells, strict=False):
        title = re.search(r"(?i)\b(credits?|hours|tokens|minutes)\b", header)
        if title and re.fullmatch(rf"\s*{QTY}\s*", cell):
            return f"{cell.strip()} {title.group(1)}"
    return ""


# "charged at 1.5x the list rate of $0.001 per call": the price is a multiple of the one stated
MULTIPLIER_RE = re.compile(
    r"\b(?P<m>\d{1,2}(?:\.\d{1,2})?)\s?(?:x|×|times)\s+(?:the\s+)?(?:(?:standard|list|base|contracted|normal|"
    r"regular|unit|applicable|committed)\s+)?(?:rate|price|fee)s?\s+(?:of|at)\s*$",
    re.I,
)


# "charged at 1.5x the list rate" with no amount after it: a multiple of a rate stated elsewhere
LONE_MULTIPLIER_RE = re.compile(
    r"\b(?P<m>\d{1,2}(?:\.\d{1,2})?)\s?(?:x|×|times)\s+(?:the\s+)?(?:(?:standard|list|base|contracted|normal|"
    r"regular|unit|applicable|committed|stated|usage)\s+)?(?:rate|price|fee)s?\b(?!\s+(?:of|at)\b)",
    re.I,
)


def _apply_multiplier(line: Line, clause: str) -> None:
    key = {"per_unit": "unit_price", "per_seat": "unit_price", "package": "package_price"}.get(line.charge_model)
    if not key or key not in line.fields:
        return
    price = p.plain(line.fields[key])
    at = re.search(rf"[$€£¥]?\s?{re.escape(price)}|{re.escape(price)}", clause)
    match = MULTIPLIER_RE.search(clause[: at.start()]) if at else None
    if match:
        factor = Decimal(match.group("m"))
        line.fields[key] = line.fields[key] * factor
        line.warnings.append((key, f"{p.plain(factor)} times the stated rate of {price}."))


def _set_interval(line: Line, cadence: tuple[str, int, int] | None, clause: str) -> None:
    if cadence:
        line.interval = (cadence[0], cadence[1])
        if p.SPRINT_RE.search(clause) and cadence[0] == "week":
            # "per sprint of three weeks ..., invoiced at the start of each sprint": the length stated anywhere
            line.interval = ("week", p.sprint_weeks(clause))
            line.warnings.append(("billing_interval", f"A sprint read as {line.interval[1]} weeks."))


def _granted_and_price(clause: str, moneys: list[p.Money]) -> tuple[Decimal, Decimal]:
    """The credit granted and the price paid for it, from the amounts of a prepaid clause."""
    granted = moneys[0].amount
    price = granted
    for money in moneys[1:]:
        before = clause[max(0, money.start - 40) : money.start].lower()
        after = clause[money.end : money.end + 30].lower()
        # "prepays USD 45,000 for USD 50,000 of usage credit": the amount the credit words follow is granted
        if re.match(
            r"\s*(?:of|in)\s+(?:[a-z-]+\s+){0,2}credits?\b|\s*(?:of\s+)?(?:credit\s+)?(?:value|worth)\b", after
        ):
            granted, price = money.amount, moneys[0].amount
        elif re.search(r"\bfor\b|\bprice\b|\bcost\b|\bpay|\binvoiced\b|\bdiscounted\b|\bat\b", before):
            price = money.amount
        elif re.search(r"\bcredits?\b|\bvalue\b|\bworth\b", after):
            granted, price = money.amount, moneys[0].amount
    return granted, price


def _two_card_rates(a: Line, b: Line) -> bool:
    """ "2.9% + $0.30 for domestic cards and 3.9% + $0.30 for international cards": two rates, each with
    its fixed fee, stated side by side for two kinds of transaction."""
    both = [re.search(r"\d\s?%\s*(?:\+|plus)\s*(?:[$€£¥]|[A-Z]{3}\s?)?\d", line.read_from) for line in (a, b)]
    return all(both) and a.fields.get("rate") != b.fields.get("rate") and a.read_from != b.read_from


def _rate_subject(seg: Segment) -> str:
    """ "ACH debits: 0.8% of ..." (a list item or a sentence that names what its rate is for before a
    colon): "ach debits"."""
    found = re.match(r"\s*([^:%$€£¥\d]{3,100}?)\s*:\s", seg.text)
    return found.group(1).strip().lower() if found else ""


def _two_named_rates(a: Line, b: Line) -> bool:
    """ "Card payments: 2.9% + $0.30" and "ACH debits: 0.8%, capped at $5": two items of a list, each
    naming its kind of transaction, at different rates."""
    subjects = (_rate_subject(a.seg), _rate_subject(b.seg))
    return (
        a.seg.index != b.seg.index
        and all(subjects)
        and subjects[0] != subjects[1]
        and a.fields.get("rate") != b.fields.get("rate")
    )


def _fixed_fee_for_a_kind(previous: str, piece: str, separator: str, moneys: list[p.Money]) -> bool:
    """ "3.9% + $0.30 for international cards": a rate, then the fixed fee added to it and what kind of
    transaction both are for (one fee, at the start of the piece)."""
    return (
        bool(re.search(r"%\s*$", previous))
        and bool(re.fullmatch(r"\s+(?:plus|\+)\s+", separator))
        and len(moneys) == 1
        and moneys[0].start <= 1
        and bool(re.match(r"\s*(?:for|on|with|in)\s+(?:all\s+|each\s+|any\s+)?[a-z]", piece[moneys[0].end :], re.I))
    )


def _volume_as_quantity(rows: list[Segment], header: tuple[str, ...], roles: list[str]) -> None:
    """ "Service | Volume | Unit price" over "... | 14 | £38.00": a "Volume" column of single counts
    beside a price is the quantity bought, not a band ("0 - 20,000", "Over 100,000" are bands)."""
    if "qty" in roles or "price" not in roles:
        return
    for index, role in enumerate(roles):
        if role != "range" or re.search(r"(?i)\b(?:tier|band|range|bracket|stufe|palier|usage)\b", header[index]):
            continue
        # ("as used", "-": a row without a count; a band always has a figure)
        cells = [row.cells[index].strip() for row in rows if index < len(row.cells)]
        column = [cell for cell in cells if re.search(r"\d", cell)]
        if column and all(re.fullmatch(r"\d{1,3}(?:[,.]\d{3})*|\d+", cell) for cell in column):
            roles[index] = "qty"
            return


def _number_column_as_quantity(rows: list[Segment], header: tuple[str, ...], roles: list[str]) -> None:
    """ "No. | Item | Unit price | Total" over "25 | Sensor licence | $12.00 | $300.00": a "No." / "Nr." / "#"
    column of small counts beside an item column is the quantity; one numbering the rows (1, 2, 3) or
    holding codes ("A-17", "0042") is an item number."""
    if "qty" in roles or "name" not in roles or "price" not in roles:
        return
    for index, title in enumerate(header):
        if roles[index] or not re.fullmatch(r"(?i)\s*(?:no\.?|nr\.?|#|n[°º]|num\.?)\s*", title):
            continue
        cells = [row.cells[index].strip() if index < len(row.cells) else "" for row in rows]
        if not cells or not all(re.fullmatch(r"[1-9]\d{0,3}", cell) for cell in cells):
            return
        counts = [int(cell) for cell in cells]
        steps = {b - a for a, b in zip(counts, counts[1:], strict=False)}
        if counts == list(range(counts[0], counts[0] + len(counts))) or (len(steps) == 1 and min(steps) > 1):
            return  # 1, 2, 3 (or 4, 5 on a page continued; 10, 20, 30 as ERP quotes number items): the rows
        roles[index] = "qty"
        return


def _table_roles(rows: list[Segment], header: tuple[str, ...]) -> list[str]:
    roles = [_header_role(h) for h in header]
    # A column of words only is the item's name, whatever its header says ("Fee | Rate | Notes").
    if "name" not in roles:
        for index, role in enumerate(roles):
            column = [row.cells[index] for row in rows if index < len(row.cells)]
            if role in ("price", "") and column and all(c and not re.search(r"\d", c) for c in column):
                roles[index] = "name"
                break
    _before_and_after(roles, header)
    _volume_as_quantity(rows, header, roles)
    _number_column_as_quantity(rows, header, roles)
    prices = [i for i, role in enumerate(roles) if role == "price"]
    unit_prices = [i for i in prices if re.search(r"(?i)\bunit\b|\bper\b|\beach\b|/|\brate\b", header[i])]
    if not unit_prices:
        # "Sales price | Amount", "Net price | Amount": without a unit price column, the price one is the
        # unit price and the amount its extension ("Unit price | Net price": the net price is the extension)
        unit_prices = [
            i
            for i in prices
            if re.search(
                r"(?i)\b(?:net|sales?|selling|discounted|special|offer|customer|your|contract(?:ed)?)\s+price\b",
                header[i],
            )
        ]

    def priced(row: Segment, index: int) -> bool:
        return index < len(row.cells) and bool(re.search(r"\d", row.cells[index]))

    if len(prices) > 1 and not unit_prices:
        # "Qty | Price | Amount" titled without "unit": the column that is another times the quantity
        # on every row is the extension
        unit_prices = _extended_by_quantity(rows, roles, prices)
    if len(prices) > 1 and unit_prices:
        # "Price per user per month | Monthly fee" on the same rows: the second is the extended
        # amount ("Monthly fee | Overage rate" filled on different rows are two prices).
        for index in prices:
            if index not in unit_prices and any(
                priced(row, index) and any(priced(row, u) for u in unit_prices) for row in rows
            ):
                roles[index] = "total"
    return roles


def _cell_amount(cell: str) -> Decimal | None:
    number = re.fullmatch(r"\s*(?:[A-Z]{3}\s?)?[$€£¥]?\s?(\d[\d,.' ]*\d|\d)\s*(?:[A-Z]{3})?\s*", cell)
    return p.to_decimal(number.group(1)) if number else None


def _extended_by_quantity(rows: list[Segment], roles: list[str], prices: list[int]) -> list[int]:
    """Of two price columns, the first when the other is it times the row's quantity on every row
    filling both (and the quantity above one on some): [the unit price column], else []."""
    if "qty" not in roles or len(prices) != 2:
        return []
    qty, (first, second) = len(roles) - 1 - roles[::-1].index("qty"), prices
    checked = counted = 0
    for row in rows:
        if max(qty, first, second) >= len(row.cells):
            continue
        count, unit, extended = (_cell_amount(row.cells[i]) for i in (qty, first, second))
        if count is None or unit is None or extended is None:
            continue
        if unit * count != extended:
            return []
        checked += 1
        counted += count > 1
    return [first] if checked and counted else []


# "Your first invoice, issued in September, will be £7,446.00", "your monthly invoice will change
# (from $732.50) to $792.00": what an invoice adds up to
_INVOICE_TOTAL_RE = re.compile(
    r"\binvoices?\b[^.;]{0,40}?\b(?:will|would|shall)\s+(?:be|come to|amount to|total|"
    r"(?:change|increase|rise|decrease|fall|go (?:up|down))(?:\s+to)?)\s*(?:approximately\s+)?$"
    r"|\binvoice (?:total|amount)\b[^.;]{0,20}?$",
    re.I,
)


def _invoice_total(clause: str, moneys: list[p.Money]) -> bool:
    return bool(moneys and _INVOICE_TOTAL_RE.search(clause[: moneys[0].start]))


# a sentence about what is not a fee of the contract (expenses, taxes, late payment)
ASIDE_SENTENCE_RE = re.compile(
    r"^\s*(?:all\s+|any\s+|reasonable\s+)?(?:travel|expenses|out-of-pocket|taxes|vat|late payments?|interest)\b", re.I
)
# a change order's columns: the state before the change, the change itself, and the state after it
_BEFORE_COLUMN_RE = re.compile(
    r"(?i)^\s*(?:current|existing|previous|prior|old|before|was|original|last (?:year|term|period))\b"
    r"|\bbefore (?:this|the) (?:change|amendment)\b"
    # a renewal's "Until 31 Dec 2029 | From 1 Jan 2030"
    r"|^\s*(?:until|up to|to|through|ending)\s+(?:\d|[a-z]+\s+\d)"
)
_CHANGE_COLUMN_RE = re.compile(r"(?i)^\s*(?:change|changes|delta|difference|increase|decrease|adjustment)\s*$")
_AFTER_COLUMN_RE = re.compile(
    r"(?i)^\s*(?:new|after|revised|updated|resulting|amended|future|is|now|renewal|renewed|this (?:year|term|period)|"
    r"next (?:year|term|period))\b"
    r"|\bafter (?:this|the) (?:change|amendment)\b"
    r"|^\s*(?:from|as of|starting|effective(?: from)?|with effect from)\s+(?:\d|[a-z]+\s+\d)"
)


def _before_and_after(roles: list[str], header: tuple[str, ...]) -> None:
    """ "Item | Current | Change | After this Change Order": a change order's table; what is billed
    is the state after the change (the current state and the change are for information)."""
    if not any(_AFTER_COLUMN_RE.search(h) for h in header) or not any(_BEFORE_COLUMN_RE.search(h) for h in header):
        return
    for index, title in enumerate(header):
        if _BEFORE_COLUMN_RE.search(title) or _CHANGE_COLUMN_RE.search(title):
            roles[index] = "reference"


def _row_discount(
    line: Line, header: tuple[str, ...], discount: str, decimal_comma: bool, *, listed: bool = False
) -> None:
    """ "Unit price $1,200.00 / month | Discount 10% | Total": a quote without a net price column;
    the price an admin enters is the discounted one (computed, with a warning). Beside a list price
    column (``listed``) the price column is the price after the discount already."""
    found = p.find_percentages(discount, decimal_comma=decimal_comma)
    key = {"flat": "amount", "per_seat": "unit_price", "per_unit": "unit_price"}.get(line.charge_model, "")
    if (
        listed
        or not found
        or not 0 < found[0][0] < 100
        or key not in line.fields
        # a net / sale price column is the price after the discount already
        or any(re.search(r"(?i)\bnet\b|discounted|\bsales? price|customer price|your price|offer", h) for h in header)
    ):
        return
    line.fields[key] = line.fields[key] * (100 - found[0][0]) / 100
    line.warnings.append((key, f"The {found[0][0]}% discount in the row is applied to the price."))


def _section_billing(row: Segment) -> str:
    """ "ONE-TIME FEES" as the title just above a fees table: every row of it is charged once."""
    title = row.context[-1] if row.context else ""
    if (
        len(title) <= 40
        and not re.search(r"\d", title)
        and re.search(r"(?i)\bone[- ]?(?:time|off)\b|\bnon-?recurring\b", title)
    ):
        return "one-time"
    return ""


def _price_title(row: Segment, roles: list[str], cells: dict[str, str]) -> str:
    """The title of the column the price was read from ("Monthly price | Annual price": the one
    used), or else of the row's extended amount ("Unit Price | Monthly Amount": the amount's title
    says what period the price is for)."""
    chosen = [
        h
        for h, r, c in zip(row.header, roles, row.cells, strict=False)
        if (r in ("price", "list") and c == cells.get("price", cells.get("list"))) or r == "name"
    ]
    title = " ".join(chosen) or " ".join(
        h for h, r in zip(row.header, roles, strict=False) if r in ("price", "list", "name")
    )
    if not HEADER_CADENCE_RE.search(title):
        # "List price (monthly) | Discount | Net price": the net price is for the list price's period
        title = " ".join(h for h, r in zip(row.header, roles, strict=False) if r in ("price", "list"))
    if not HEADER_CADENCE_RE.search(title):
        title = " ".join(h for h, r, c in zip(row.header, roles, row.cells, strict=False) if r == "total" and c)
    return title


def _seats_at_recurring_price(
    line: Line, qty: Decimal, header_text: str, price_cell: str, billing: str, clause: str
) -> None:
    """ "per room | 12 | GBP 45.00 / month": twelve rooms at a monthly price are seats, not usage."""
    if (
        line.charge_model == "per_unit"
        and not INCLUDED_RE.search(header_text)
        and (
            re.search(
                r"(?i)(?:/|\bper|\ba)\s*(?:month|mo|year|yr|annum|quarter)\b|\bmonthly\b|\bannual(?:ly)?\b", price_cell
            )
            or re.search(r"(?i)\bin advance\b", billing)
        )
        and not re.search(r"(?i)\b(?:gb|tb|mb)[- ]?(?:month|hour)", price_cell)
    ):
        line.charge_model = "per_seat"
        line.fields = {"unit_price": line.fields["unit_price"], "seats": qty}
        cadence = p.find_cadence(price_cell)
        if line.interval is None and cadence:
            line.interval = (cadence[0], cadence[1])  # a seat's price per year is billed yearly
        if not re.search(r"(?i)\barrears\b", clause):
            line.timing = None


_BOUND_RE = re.compile(
    r"(?P<max>\bcap|\bmaximum|\bmax\b|\bnot (?:to )?exceed|\b(?:no|not|nor)\s+(?:be\s+)?(?:more|greater|higher)\s+than)"
    r"|(?P<min>\bminimum|\bmin\b|\bat least|\b(?:no|not|nor)\s+(?:be\s+)?(?:less|lower)\s+than)"
)


def _fee_and_overage(items: list[TierItem]) -> bool:
    """A fee for "up to N" things followed by a price per thing above N reads like two tiers; it is a
    fee and its overage when the first price is far above the next (a tier's price is not thousands of
    times the next one's), or over ten times it and named a fee ("Monthly fee: $2,000 for up to 15")."""
    priced = [(item.unit_price, item.text) for item in items if item.unit_price and not item.flat_fee]
    for (price, text), (next_price, _) in zip(priced, priced[1:], strict=False):
        ratio = price / next_price
        fee = re.search(r"(?i)\b(?:fee|retainer|subscription|plan|package|licen[cs]e|platform|portal)\b", text)
        if ratio > 100 or (ratio > 10 and fee):
            return True
    return False


def _cents(value: Decimal) -> Decimal:
    """A computed amount: exact to 4 places as it is, else rounded to the cent (3,200 / 12 = 266.67)."""
    exact = value.quantize(Decimal("0.0001"))
    return exact if exact == value else value.quantize(Decimal("0.01"))


def _bound_before(before: str) -> str | None:
    """ "min" or "max": the bound word nearest before an amount ("minimum €0.50, maximum €15.00")."""
    words = list(_BOUND_RE.finditer(before))
    if not words:
        return None
    return "max" if words[-1].group("max") else "min"


def _cadence_beside_timing(clause: str) -> tuple[str, int, int] | None:
    """ "$275 per hour, quarterly in arrears": a cadence beside the timing is how it is billed."""
    beside = re.search(
        r"\b(?:monthly|quarterly|annually|yearly|semi-?annually|half-yearly|weekly|bi-?monthly)\s*,?\s+in "
        r"(?:advance|arrears)\b",
        clause,
        re.I,
    )
    found = p.find_cadence(beside.group(0)) if beside else None
    return (found[0], found[1], beside.start()) if found and beside else None


# "Year 1", "Contract Year 2 (2028)", "Yr 3", "Months 1-12": a column for one period of a ramp
PERIOD_COLUMN_RE = re.compile(
    r"(?i)\s*(?:(?:contract|subscription|term)\s+)?(?:year|yr\.?|y)\s*(?P<year>\d{1,2})\b"
    r"|\s*months?\s+(?P<m0>\d{1,3})\s*(?:-|–|to|through)\s*(?P<m1>\d{1,3})\b"
    # "2028 | 2029 | 2030" (or "FY2029"): the contract year that starts in that calendar year
    r"|\s*(?:FY\s?)?(?P<cal>20\d{2})(?:\s*[/-]\s*(?:20)?\d{2})?\s*(?:fees?|price|amount)?\s*$"
)


def _title_year(title: str) -> int | None:
    """The year a column's period starts in: "2027", "FY2027", "2027/28", "2027-2028" (a licence or financial
    year), "Fees 2027"."""
    found = re.fullmatch(
        r"(?i)\s*(?:(?:fees?|prices?|amount|charges?)\s+)?(?:FY\s?)?(?P<y>20\d{2})(?:\s*[/-]\s*(?P<n>(?:20)?\d{2}))?"
        r"\s*(?:fees?|prices?|amount|charges?)?\s*(?:\([A-Z]{3}\))?\s*",
        title,
    )
    if not found:
        return None
    year = int(found.group("y"))
    if found.group("n") and int(found.group("n")[-2:]) != (year + 1) % 100:
        return None  # "2027-05": a month, not a financial year
    return year


def _period_months(title: str, start: date | None) -> tuple[int, int] | None:
    """The months of the contract a ramp's period covers, counted from its start ("Year 2" -> 12 to
    24, "Months 1-12" -> 0 to 12, "2029" in a contract starting in 2028 -> 12 to 24)."""
    # "1st Year", "First Year", "Year One": the same as "Year 1"
    ordinal = re.match(
        r"(?i)\s*(?:(?P<n>\d)(?:st|nd|rd|th)|(?P<w>first|second|third|fourth|fifth))\s+(?:contract\s+)?year\b"
        r"|\s*year\s+(?P<v>one|two|three|four|five)\b",
        title,
    )
    if ordinal:
        words = ("first", "second", "third", "fourth", "fifth", "one", "two", "three", "four", "five")
        word = (ordinal.group("w") or ordinal.group("v") or "").lower()
        year = int(ordinal.group("n")) if ordinal.group("n") else words.index(word) % 5 + 1
        return (year - 1) * 12, year * 12
    found = PERIOD_COLUMN_RE.match(title)
    if not found:
        return None
    if found.group("year"):
        year = int(found.group("year"))
        return (year - 1) * 12, year * 12
    if found.group("m0"):
        return int(found.group("m0")) - 1, int(found.group("m1"))
    if start is None or int(found.group("cal")) < start.year or _title_year(title) is None:
        return None
    offset = (int(found.group("cal")) - start.year) * 12
    return offset, offset + 12


# the period a price column's title states ("Monthly price", "Price/yr", "Fee per annum")
HEADER_CADENCE_RE = re.compile(
    r"\bmonthly|\bannual|\byearly|\bquarterly|per month|per year|per annum|"
    r"/\s?(?:yr|year|annum|mo|mth|month|qtr|quarter)\b",
    re.I,
)
OVER_ALLOWANCE_RE = re.compile(
    r"\b(?:above|over|in excess of|beyond|exceeding)\s+(?:the first\s+)?\d{1,3}(?:[,.\s]\d{3})+\b", re.I
)
ONCE_GENERIC = {"fees", "charg", "recur", "other", "amoun", "invoi", "servi", "price", "total", "these", "which"}
UNTICKED_RE = re.compile(r"^\s*(?:\[\s*\]|\(\s\)|[☐□○◯])")
TICKED_RE = re.compile(r"^\s*(?:\[\s*[xX✓✔]\s*\]|\(\s*[xX]\s*\)|[☒☑✓✔■●])\s*$")


def _ticked_rows(rows: list[Segment]) -> list[Segment]:
    """A plan comparison with a column of tick boxes ("[x] | Growth | $199"): only the ticked rows
    are ordered."""
    width = min(len(row.cells) for row in rows)
    for index in range(width):
        column = [row.cells[index] for row in rows]
        ticked = [bool(TICKED_RE.match(cell)) for cell in column]
        if any(ticked) and all(t or UNTICKED_RE.match(cell) for t, cell in zip(ticked, column, strict=True)):
            return [row for row, t in zip(rows, ticked, strict=True) if t]
        # "Add-on | Selected | Fee" with Yes / No in the column: only the rows answered yes
        header = rows[0].header[index] if index < len(rows[0].header) else ""
        answers = [cell.strip().lower() for cell in column]
        if (
            re.search(r"(?i)\b(?:selected|select|ordered|opt(?:ed)?[- ]in|purchased?|included|chosen|choice)\b", header)
            and all(a in _YES | _NO for a in answers)
            and any(a in _NO for a in answers)
            and any(a in _YES for a in answers)
        ):
            return [row for row, a in zip(rows, answers, strict=True) if a in _YES]
        if _status_answers(header, answers):
            return [row for row, a in zip(rows, answers, strict=True) if a in _STATUS_YES]
    # "☐ Sandbox environment | $1,500": a box in front of the item itself
    boxed = [bool(re.match(TICKED_START, cell)) for row in rows for cell in row.cells[:1]]
    if any(boxed) and any(UNTICKED_RE.match(row.cells[0]) for row in rows if row.cells):
        return [row for row in rows if row.cells and not UNTICKED_RE.match(row.cells[0])]
    return rows


def _status_answers(header: str, answers: list[str]) -> bool:
    """ "status | ordered / declined": a quote or deal-desk export's column of each line's outcome,
    every row answered in words, some declined (a row left empty there is not an answer)."""
    return bool(
        re.search(r"(?i)\b(?:status|state|decision|outcome|disposition)\b", header)
        and all(a in _STATUS_YES | _STATUS_NO for a in answers)
        and any(a in _STATUS_NO for a in answers)
        and any(a in _STATUS_YES for a in answers)
    )


# a line's outcome in a status column: ordered, or left out of the order
_STATUS_YES = {
    "ordered", "accepted", "approved", "agreed", "confirmed", "purchased", "signed", "won", "active", "included",
}  # fmt: skip
_STATUS_NO = {
    "declined", "rejected", "removed", "not ordered", "not purchased", "not included", "excluded", "dropped", "lost",
    "cancelled", "canceled", "withdrawn",
}  # fmt: skip
_YES = {"yes", "y", "x", "✓", "✔", "☒", "☑", "[x]", "included", "selected"}
_NO = {"no", "n", "", "-", "–", "✗", "☐", "[ ]", "not selected", "n/a"}
TICKED_START = r"^\s*(?:\[\s*[xX✓✔]\s*\]|\(\s*[xX]\s*\)|[☒☑✓✔■●])"


def _cells_by_role(cells: tuple[str, ...], roles: list[str]) -> dict[str, str]:
    """A row's cells by column role, the last column of a role winning, except that of two price
    columns ("Monthly fee | Overage rate") the one this row fills wins."""
    out: dict[str, str] = {}
    for cell, role in zip(cells, roles, strict=False):
        if (
            role
            and cell
            and not (role == "price" and re.search(r"\d", out.get(role, "")) and not re.search(r"\d", cell))
        ):
            out[role] = cell
    return out


def _per_package(price_text: str, price_cell: str, package_cell: str) -> str:
    """ "Pack size | 10 000 minutes", "Price per pack | SEK 1 900": the price is per started pack."""
    if price_cell and re.search(r"\d", package_cell) and not re.search(r"\bper\s+\d", price_text):
        return f"{price_cell} per {package_cell.strip()}"
    return price_text


def _scale_words(after: str) -> str:
    """ "per thousand", "per a million" -> "per 1000", "per 1000000": a package named in words."""
    return re.sub(
        r"^(\s*(?:per|for each|for every|each|/)\s+)(?:a\s+|one\s+)?(thousand|hundred|million)\b",
        lambda m: m.group(1) + {"thousand": "1000", "hundred": "100", "million": "1000000"}[m.group(2).lower()],
        after,
        flags=re.I,
    )


def _words_before(clause: str, moneys: list[p.Money], index: int, width: int = 50) -> str:
    """The words before a price, back to the price before it: "(min $0.50, max $12.00)" puts "max",
    not "min", before $12.00."""
    start = max(0, moneys[index].start - width)
    if index > 0:
        start = max(start, moneys[index - 1].end)
    return clause[start : moneys[index].start].lower()


def _unit_from_billing(price_text: str, billing: str, *, priced: bool) -> tuple[str, str]:
    """ "0.04 | Monthly, in arrears, per message sent": the billing cell names what the price is per."""
    per_unit = re.search(r"(?i)\bper\s+(?!month|year|annum|quarter|week|day\b)([a-z][\w-]*)", billing)
    if not priced or not per_unit or re.search(r"\bper\b|/|\beach\b", price_text):
        return price_text, billing
    return f"{price_text} {billing[per_unit.start() :].strip(' ,.')}", billing[: per_unit.start()].strip(" ,;")


def _row_unit(cells: dict[str, str]) -> str:
    """What a row's price is per: its "Per" / "Unit" column, or a quantity cell that names a unit instead of a
    count ("Quantity | per response")."""
    per = _unit_of_measure(cells.get("per", ""))
    if not per and re.fullmatch(r"(?i)\s*(?:per|each|/)\s*[a-z][\w -]*", cells.get("qty", "")):
        per = cells["qty"].strip()
    return per


def _unit_of_measure(per: str) -> str:
    """A purchase order's unit of measure ("EA", "LOT") counts items: it prices nothing per use. A
    unit for a stated period ("Host for 12 months", "User / 1 year") is that unit per year."""
    period = re.fullmatch(r"(?i)\s*(?P<unit>.*?)\s*(?:\bfor|\bper|/)\s*(?:12\s*months?|1\s*year|one year)\s*", per)
    if period:
        unit = _unit_of_measure(period.group("unit"))
        return f"per {unit} per year" if unit else "per year"
    coded = _coded_unit_of_measure(per)
    if coded is not None:
        return coded
    if re.fullmatch(
        r"(?i)\s*(?:ea|each|lot|lots|unit|units|pcs?|pieces?|items?|nos?|x|ls|lump sum|job|stk|stück|st|pce"
        r"|pauschal|psch|forfait|pauschale"
        # a CPQ quote's unit of a subscription ("1 | Org | $6,000"): what is bought, not a use
        r"|orgs?|organi[sz]ations?|instances?|tenants?|environments?|subscriptions?|licen[cs]es?|packages?|bundles?"
        r"|entitlements?)"
        r"\.?\s*",
        per,
    ):
        return ""
    return per


# An ERP's unit-of-measure codes ("USR/Q", "QTR", "LIC/MO", "HR"): what each code counts.
_UOM_CODES = {
    **dict.fromkeys(("usr", "usrs", "user", "users", "nu", "named"), "user"),
    **dict.fromkeys(("lic", "lics", "licence", "license", "licences", "licenses"), "licence"),
    **dict.fromkeys(("seat", "seats", "st"), "seat"),
    **dict.fromkeys(("hr", "hrs", "hour", "hours", "h"), "hour"),
    **dict.fromkeys(("dy", "dys", "day", "days", "d"), "day"),
}
# a count of things bought ("EA/MO", "Stk./Mt."): the quantity counts them, the price is per period
_UOM_COUNTS = {"ea", "each", "pc", "pcs", "unit", "units", "item", "items", "stk", "st", "stück", "u", "pce", "nos"}
_UOM_PERIODS = {
    **dict.fromkeys(("mo", "mos", "mth", "mths", "mon", "m", "month", "monthly", "mnth"), "month"),
    **dict.fromkeys(("mt", "monat", "mois"), "month"),
    **dict.fromkeys(("q", "qtr", "qtrs", "qt", "quarter", "qrt", "qtrly", "quarterly"), "quarter"),
    **dict.fromkeys(("yr", "yrs", "y", "a", "yearly", "year", "annual", "ann", "pa", "p.a"), "year"),
    **dict.fromkeys(("jahr", "jr", "an"), "year"),
    **dict.fromkeys(("wk", "wks", "week", "w"), "week"),
}


def _coded_unit_of_measure(per: str) -> str | None:
    """ "USR/Q" (a user a quarter), "QTR" (a quarter), "LIC/MO", "HR": an ERP report's coded unit of
    measure spelled out ("per user per quarter"); None when the cell is not such a code."""
    parts = [part.strip(" .").lower() for part in per.split("/")]
    if not 1 <= len(parts) <= 2 or not all(re.fullmatch(r"[a-z]{1,9}\.?[a-z]?", part) for part in parts):
        return None
    if len(parts) == 1:
        period = _UOM_PERIODS.get(parts[0]) if len(parts[0]) >= 2 else None
        unit = _UOM_CODES.get(parts[0]) if parts[0] in ("usr", "usrs", "lic", "lics", "hr", "hrs", "dy") else None
        return f"per {period}" if period else (f"per {unit}" if unit else None)
    unit, period = _UOM_CODES.get(parts[0]), _UOM_PERIODS.get(parts[1])
    if not period:
        return None
    if parts[0] in _UOM_COUNTS:
        return f"per {period}"
    return f"per {unit} per {period}" if unit else f"per {parts[0]} per {period}"


_RATE_NOTE = re.compile(
    # an amount: with a currency or in cents ("55.00"), not a count ("2,000,000 per month")
    r"(?:(?<=\()|(?<=\s)|^)(?:(?:[A-Z]{3}\s?|[$€£¥]\s?)\d[\d,.']*|\d[\d,.']*[.,]\d\d(?!\d))\s*(?:[A-Z]{3})?\s*"
    r"(?i:"
    # (each word of the unit after a whole "per" / "a" / "an" or a slash: one way to read a long word)
    r"(?:(?:\bper\b|\ban?\b|/)\s*[a-z][\w-]*\s*)*?(?:\bper\b|\ban?\b|/)\s*(?:month|mo|mth|quarter|qtr|year|yr|annum|week)\b"
    r"[,;]?\s*)"
)


def _without_rate_note(name: str) -> str:
    """ "ERP named user (55.00 per user per month, billed quarterly in advance)" beside a price cell:
    the note works the row's price out from a rate for another period; the price cell is what is
    billed, so the note's rate is left out of the row's clause (its billing words kept). (A note that
    counts the units at the rate beside their extension is read first, by ``_counted_rate``.)"""
    cut = _RATE_NOTE.sub("", name)
    return re.sub(r"\(\s*\)", "", cut).strip() if cut != name else name


def _months(cadence: tuple[Any, ...]) -> float:
    per = {"day": 1 / 30, "week": 7 / 30, "month": 1, "year": 12}.get(cadence[0], 1)
    return per * cadence[1]


def _json(value: Any) -> Any:
    if isinstance(value, Decimal):
        return p.plain(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_json(v) for v in value]
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items() if v is not None or k == "up_to"}
    return value


MONEY_FIELDS = {
    "amount",
    "minimum_amount",
    "package_price",
    "price",
    "top_up_threshold",
    "top_up_amount",
    "free_amount",
    "fixed_fee",
    "per_event_min",
    "per_event_max",
}


def _money_text(text: str) -> str:
    """Money as the API writes it: at least the cents ("1000.00"), more when the price has them."""
    if "." not in text:
        return f"{text}.00"
    whole, fraction = text.split(".")
    return f"{whole}.{fraction.ljust(2, '0')}"


# Spanish, Italian, Portuguese, German, French and Dutch price phrasing read as its English
# equivalent, kept to the words that carry a price's unit and period: "35 usuarios a 18,00 € por usuario
# y mes" -> "... at 18,00 € per usuario per month", "25 usuários a R$ 39,90 por usuário ao mês",
# "14 Nutzer zu je 45,00 EUR pro Nutzer und Monat", "45,00 € par utilisateur et par mois". The evidence
# keeps the document's own words.
_ROMANCE_PERIODS = {
    "mes": "month",
    "mês": "month",
    "mese": "month",
    "monat": "month",
    "mois": "month",
    "maand": "month",
    "año": "year",
    "ano": "year",
    "anno": "year",
    "jahr": "year",
    "année": "year",
    "jaar": "year",
    "trimestre": "quarter",
    "quartal": "quarter",
    "kwartaal": "quarter",
}
_PERIOD_WORDS = "mês|mes|mese|monat|mois|maand|año|ano|anno|jahr|année|jaar|trimestre|quartal|kwartaal"
_GERMAN_PER = (
    r"(?:monat|jahr|quartal|nutzer|benutzer|anwender|lizenz|arbeitsplatz|gerät|standort|tb|gb|transaktion|sendung|"
    r"seite|stunde|mitarbeiter|einheit|abruf|anfrage)"
)
_ROMANCE_PRICE_WORDS = (
    (
        rf"\b(?:por|per|pro|je|par) ([\w-]+),? (?:y|e|ao|al|por|per|und|pro|je|et par|et|par) ({_PERIOD_WORDS})\b",
        lambda m: f"per {m.group(1)} per {_ROMANCE_PERIODS[m.group(2).lower()]}",
    ),
    (
        rf"\b(?:al|ao|por|cada|para|pro|je|im|par|per) ({_PERIOD_WORDS})\b",
        lambda m: f"per {_ROMANCE_PERIODS[m.group(1).lower()]}",
    ),
    (r"\bpar an(?:née)?\b", lambda m: "per year"),
    # "2 400,00 € / mois", "89 €/an", "45,00 EUR / Monat": a period after a slash, as "/ month" is
    (rf"\s?/\s?({_PERIOD_WORDS})\b", lambda m: f" per {_ROMANCE_PERIODS[m.group(1).lower()]}"),
    (r"\s?/\s?an(?:née)?\b", lambda m: " per year"),
    (r"\bal (mese|anno)\b", lambda m: f"per {_ROMANCE_PERIODS[m.group(1).lower()]}"),
    (r"\bpor\b|\bpar\b(?= \w)", lambda m: "per"),
    (rf"\b(?:pro|je)\b(?= {_GERMAN_PER}\b)", lambda m: "per"),
    (
        r"(?:\b(?:a|à|zu je|zu|für je)|(?<!\w)à) (?=(?:[$€£]\s?|R\$\s?)?\d[\d.,]*\s?(?:€|EUR|USD|BRL|CHF|\$)|"
        r"(?:[$€£]|R\$)\s?\d)",
        lambda m: "at ",
    ),
)


def _periods_not_quantity(qty: Decimal | None, billing: str, unit_cell: str) -> tuple[Decimal | None, str]:
    """ "CLIN 0001 | 12 | MO | $18,500.00": twelve monthly payments of the price, not twelve seats."""
    period_unit = re.fullmatch(
        r"\s*(?P<u>mo|mos|mth|mths|months?|yr|yrs|years?|qtr|qtrs|quarters?|wk|wks|weeks?)\.?\s*", unit_cell, re.I
    )
    if qty is None or not period_unit:
        return qty, billing
    cadence = {"m": "monthly", "y": "annually", "q": "quarterly", "w": "weekly"}[period_unit.group("u")[0].lower()]
    return None, f"{billing} {cadence}".strip()


# Advertising price shorthand: "$12.00 CPM", "CPM (per 1,000 impressions)", "CPC $0.40"
_AD_SHORTHAND = {"cpm": "per 1,000 impressions", "cpc": "per click", "cpl": "per lead", "cpa": "per acquisition"}


def _advertising_shorthand(clause: str) -> str:
    if not re.search(r"\b(?:e?CPM|CPC|CPL|CPA)\b", clause):
        return clause
    clause = re.sub(r"\b(?:e?CPM|CPC|CPL|CPA)\s*\((per [^)]*)\)", r"\1", clause)
    return re.sub(r"\be?(CPM|CPC|CPL|CPA)\b", lambda m: _AD_SHORTHAND[m.group(1).lower()], clause)


def _romance_price_words(clause: str) -> str:
    if not re.search(
        r"\b(?:por|al mes|al año|al mese|y mes|usuarios?|usuários?|utenti|ao (?:mês|mes|ano)|par|per (?:maand|jaar|kw"
        rf"artaal)|(?:pro|je) {_GERMAN_PER})\b|/\s?(?:{_PERIOD_WORDS}|an|année)\b",
        clause,
        re.I,
    ):
        return clause
    for pattern, replacement in _ROMANCE_PRICE_WORDS:
        clause = re.sub(pattern, replacement, clause, flags=re.I)
    # "29,00 € pro Monat / per month": the bilingual restatement, read once
    return re.sub(r"\b(per (?:month|year|quarter))\s*/\s*\1\b", r"\1", clause, flags=re.I)
    for pattern, replacement in _ROMANCE_PRICE_WORDS:
        clause = re.sub(pattern, replacement, clause, flags=re.I)
    return clause
