"""The offline extractor: a document's segments -> the API's contract shape, with evidence.

Every value comes with the text it was read from (and its page) and a confidence; where the
document is ambiguous (two prices for one thing, tiers that do not chain, no currency) the value
gets a warning instead of a silent choice. Defaults a billing admin would apply (anniversary
billing, fixed fees in advance, usage in arrears, monthly) are marked with a lower confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from contracts.documents import parsing as p
from contracts.documents.plausibility import drop_implausible_lines
from contracts.documents.pricing import PricingReader
from contracts.documents.reader import Document
from contracts.documents.segments import Segment, segment
from contracts.documents.vocabulary import (
    BARE_AMOUNT_RE,
    CUSTOMER_LABELS,
    CUSTOMER_ROLES,
    EMAIL_RE,
    PRICE_WORDS_RE,
    PROVIDER_ROLES,
    TIMEZONES,
    TZ_REGIONS,
)

# a company's legal form at the end of its name
_LEGAL_FORM = (
    r"\b(?:GmbH|AG|KG|Ltd\.?|Limited|LLC|LLP|plc|B\.V\.|N\.V\.|S\.A\.S?\.?|SAS|SARL|S\.r\.l\.|Ltda\.?|"
    r"Pty\.? Ltd\.?|Inc\.?|Corp\.?|Oy|AB|ApS|A/S)"
)


@dataclass
class Extraction:
    data: dict[str, Any]
    evidence: dict[str, dict[str, Any]] = field(default_factory=dict)
    confidence: dict[str, float] = field(default_factory=dict)
    warnings: list[dict[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "extraction": self.data,
            "evidence": self.evidence,
            "confidence": self.confidence,
            "warnings": self.warnings,
        }


# The currencies a bare sign may stand for, by the one it is read as
SIGN_FAMILIES = {
    "USD": ("USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN"),
    "JPY": ("JPY", "CNY"),
    "SEK": ("SEK", "NOK", "DKK"),
}
# currencies written with the dollar sign ("$") where they are used, other than the US dollar
_DOLLAR_SIGN_CURRENCIES = SIGN_FAMILIES["USD"][1:]


def _dollar_signs_of_the_named_currency(
    ranked: list[tuple[str, list[tuple[p.Money, Segment]]]],
) -> list[tuple[str, list[tuple[p.Money, Segment]]]]:
    """ "MXN $500,000.00" once, then "$0.85", "$1.90": the bare dollar signs are the named currency's
    (pesos, Canadian dollars), not US dollars; the named one comes first."""
    if not ranked or ranked[0][0] != "USD" or any(money.explicit for money, _ in ranked[0][1]):
        return ranked
    named = [item for item in ranked if item[0] in _DOLLAR_SIGN_CURRENCIES and any(m.explicit for m, _ in item[1])]
    if len(named) != 1:
        return ranked
    return [named[0], *(item for item in ranked if item is not named[0])]


class _Recorder:
    def __init__(self) -> None:
        self.evidence: dict[str, dict[str, Any]] = {}
        self.confidence: dict[str, float] = {}
        self.warnings: list[dict[str, str]] = []

    def note(self, path: str, seg: Segment | None, confidence: float, text: str | None = None) -> None:
        if seg is not None:
            self.evidence[path] = {"page": seg.page, "text": (text or seg.text)[:300]}
        self.confidence[path] = round(confidence, 2)

    def warn(self, path: str, message: str) -> None:
        if not any(w["field"] == path and w["message"] == message for w in self.warnings):
            self.warnings.append({"field": path, "message": message})




_WEEKDAY_BEFORE = re.compile(r"(?i)\b(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?,?\s*$")
_UMLAUT_SPELLINGS = (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"))


def _add_days(value: date, days: int) -> date:
    return value + timedelta(days=days)


# --- the extractor ------------------------------------------------------------------------------


COMPANY_SUFFIX_RE = re.compile(
    r"\b(?:Inc|LLC|L\.L\.C|Ltd|Limited|GmbH|AG|SA|S\.A|SAS|BV|B\.V|NV|plc|Corp|Corporation|Co|Company|LLP|LP|PC|"
    r"PLLC|Pty|KK|AB|Oy|SpA|ApS|Group|Holdings|Partners|Sp\. z o\.o|s\.r\.o|Kft|S\.L)\b\.?"
)
_PARTY_ROLE = r"bill(?:ed)?[- ]to|invoice[sd]?[- ]to|sold[- ]to|customer|client|buyer|purchaser"
# "Bill To", "Customer:", "Reseller (Bill To)": a party block's title, the customer's
_PARTY_HEADING = re.compile(
    rf"(?i)\s*(?:(?:reseller|partner|distributor|licensee|end[- ]user)\s*)?\(?\s*(?:{_PARTY_ROLE})\s*\)?"
    rf"(?:\s*\(\s*(?:reseller|partner|distributor|licensee|end[- ]user|{_PARTY_ROLE})\s*\))?\s*:?\s*"
)
# "Meridian Tech Pty Ltd 22 Queen St, ...": the capitalised words a party block starts with
_NAME_FIRST = re.compile(r"(?P<name>[A-Z][\w&.'-]*(?:,?\s+(?:[A-Z][\w&.'-]*|&|of|and|de))*)(?=\s+\d|,|$)")
# an organisation that is not a company: "Harbourview Community College", "Wexford County Council"
ORGANISATION_WORDS = (
    r"College|University|School|Academy|Institute|Hospital|Clinic|Council|County|Authority|Society|"
    r"Association|Foundation|Trust|Bank|Agency|Board|District|Church|Club|Centre|Center|Ministry|Museum|Library|"
    r"Union|Cooperative|Co-operative"
)
ORGANISATION_WORD_RE = re.compile(rf"\b(?:{ORGANISATION_WORDS})\b")
# "Current Term:", "the existing subscription ends on": the term a renewal replaces
SUPERSEDED_RE = re.compile(
    r"\b(?:current|existing|previous|prior|expiring|original)\s+(?:subscription\s+|contract\s+|service\s+)?"
    r"(?:term|period|subscription|agreement|contract)\b",
    re.I,
)

# one numbered year of a longer term: "Contract Year 1", "Year 2 of the Term", "the first contract year"
YEAR_OF_TERM_RE = re.compile(
    r"\b(?:contract|subscription|service)\s+year\s+\d\b|\byear\s+\d\s+(?:of the|runs)\b|"
    r"\b(?:first|second|third|1st|2nd|3rd)\s+(?:contract|subscription)\s+year\b",
    re.I,
)


@dataclass
class _Line:
    charge_model: str
    fields: dict[str, Any]
    seg: Segment
    kind: str  # "usage" | "fixed" | "once"
    unit: str = ""
    explicit_interval: bool = False
    explicit_timing: bool = False
    evidence: dict[str, tuple[Segment, float]] = field(default_factory=dict)
    warnings: list[tuple[str, str]] = field(default_factory=list)


class _Extractor:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.segments = segment(document)
        self.rec = _Recorder()
        text = document.text
        # A European document writes 1.234,56: a comma before two digits at a number's end, or a
        # dot-thousands group followed by a comma.
        self.decimal_comma = bool(
            re.search(r"\d\.\d{3},\d", text)
            or re.search(r"(?:[€]|EUR|CHF)\s?\d+,\d{2}\b|\b\d+,\d{2}\s?(?:€|EUR)", text)
            # "2.000 €": a dot-grouped amount before the euro sign is a European thousand.
            or re.search(r"\b\d{1,3}(?:\.\d{3})+\s?(?:€|EUR)(?![\w])", text)
            # "€ 1.250": a euro amount with a dot before three digits (and no decimals) is a thousand
            or re.search(r"(?:€|EUR)\s?[1-9]\d{0,2}\.\d{3}(?![\d,]|\.\d)", text)
        )
        self.day_first = self.decimal_comma or bool(
            re.search(r"£|GBP|€|EUR|\bGmbH\b|\bLtd\b|\bAG\b|\bS\.A\.|\bB\.V\.", text)
        )
        self.lines: list[_Line] = []
        self.stated_currency: str | None = None
        self.data: dict[str, Any] = {}

    # -- helpers ------------------------------------------------------------------------------
    def money(self, text: str) -> list[p.Money]:
        found = p.find_money(text, decimal_comma=self.decimal_comma)
        if found or not self.stated_currency or not PRICE_WORDS_RE.search(text):
            return found
        # A sheet that states its currency once writes bare amounts ("Monthly Base Fee: 3,000.00").
        out = []
        for match in BARE_AMOUNT_RE.finditer(text):
            value = p.to_decimal(match.group("n"), decimal_comma=self.decimal_comma)
            if value is not None:
                out.append(
                    p.Money(value, self.stated_currency, True, match.start("n"), match.end("n"), match.group("n"))
                )
        return out

    def dates(self, text: str) -> list[p.FoundDate]:
        return p.find_dates(text, day_first=self.day_first)

    def fields_labelled(self, pattern: str) -> list[Segment]:
        # "Waehrung", "Laufzeitbeginn (Abrechnungsmonat)": a German label spelt without umlauts, as
        # an ERP's or a mainframe's ASCII print writes it ("ae" for "ä", "ss" for "ß")
        for letter, spelt in _UMLAUT_SPELLINGS:
            pattern = pattern.replace(letter, f"(?:{letter}|{spelt})")
        regex = re.compile(rf"\b(?:{pattern})\b", re.I)
        return [s for s in self.segments if s.kind == "field" and regex.search(s.label.strip())]

    # -- customer -----------------------------------------------------------------------------
    def customer(self) -> dict[str, Any]:
        customer: dict[str, Any] = {
            "name": None,
            "email": None,
            "currency": None,
            "timezone": None,
            "payment_terms_days": None,
        }
        name, seg, conf = self._customer_name()
        if name:
            customer["name"] = name
            self.rec.note("customer.name", seg, conf)
        else:
            self.rec.warn("customer.name", "No customer name found: enter it.")
        email, seg = self._email(name)
        if email:
            customer["email"] = email
            self.rec.note("customer.email", seg, 0.85)
        else:
            self.rec.warn("customer.email", "No billing email in the document.")
        tz, seg = self._timezone()
        if tz:
            customer["timezone"] = tz
            self.rec.note("customer.timezone", seg, 0.8)
        terms, seg = self._payment_terms()
        if terms is not None:
            customer["payment_terms_days"] = terms
            self.rec.note("customer.payment_terms_days", seg, 0.95)
        return customer

    def _clean_name(self, raw: str) -> str:
        name = re.split(
            r"\s*\((?:the )?[\"“']|\s*\(hereinafter|,\s+(?:a|an)\s+[A-Za-z]|\s+\(\"|,\s+(?:with|having|whose|located)"
            r"\b|\s+with (?:its|a) |\s*<|,\s*\d|\s+-\s+|\s+\|"
            # "Nordlys Shipping AS, Strandkaien 6, 5013 Bergen": a street and number after the name
            r"|,\s+(?:\d+(?:st|nd|rd|th)\s+floor|[A-ZÄÖÜ][\w.'-]+(?:\s[\w.'-]+){0,3}\s+\d{1,5}[a-z]?\b)"
            # "Mercy Valley Health System, Accounts Payable": a department or contact after the name.
            r"|,\s*(?:attn\.?|attention|c/o|accounts payable|accounts receivable|finance(?: department| team)?|"
            r"procurement|purchasing|billing department|ap department)\b"
            # "Vindel Bygg AB, org. nr 556677-8899": a registration number after the name
            r"|,\s*(?:(?:company |corporate |business )?reg(?:istration|istered)?\.?|org(?:anisation|anization)?\.?|"
            r"company|commercial register|trade register|vat|tax|ein|abn|acn|crn|kvk|siren|siret|cif|nif)\s*"
            r"(?:no|nr|number|num|id|#)\b",
            raw,
            flags=re.I,
        )[0]
        # "(the Customer)" and what follows end the name; "Baobab Freight (Pty) Ltd" keeps its legal form
        name = re.sub(r"\s*\((?!(?:Pty|Pvt|Private|Proprietary)\)\s+(?:Ltd|Limited)\b).*$", "", name)
        # "Harbour Tools Limited 12 Quay Street": a cell's lines run together, the address under the name
        name = re.sub(
            rf"({_LEGAL_FORM})\s+(?:\d{{1,5}}[a-z]?\s+[A-Z]|(?:P\.?\s?O\.? Box|Level|Suite|Unit|Floor)\s+\d).*$",
            r"\1",
            name,
        )
        # "Müller & Söhne Logistik GmbH, Bremen": a town after the legal form
        name = re.sub(
            r"(\b(?:GmbH|AG|KG|Ltd\.?|Limited|LLC|LLP|plc|B\.V\.|N\.V\.|S\.A\.S?\.?|SAS|SARL|S\.r\.l\.|Ltda\.?|"
            r"Pty\.? Ltd\.?|Inc\.|Corp\.|Oy|AB|ApS|A/S))\s*,\s+[A-ZÄÖÜ][\w'-]+(?:[ /-][A-ZÄÖÜ][\w'-]+)?\s*$",
            r"\1",
            name,
        )
        # "TALLOWOOD FARMS PTY LTD 12 Ridge Road, Orange NSW 2800": a field's address line run on after the name
        name = re.sub(
            r"(?i)(\b(?:pty\.? ltd|ltd|limited|llc|inc|gmbh|plc|corp|b\.v|s\.a)\.?)\s+\d{1,5}[a-z]?\s+[A-Z].*$",
            r"\1",
            name,
        )
        # "Severn Quay Ltd, Dock Road, Portishead BS20 7XQ": an address after the legal form
        name = re.sub(
            r"(\b(?:GmbH|AG|KG|Ltd\.?|Limited|LLC|LLP|plc|B\.V\.|N\.V\.|SAS|SARL|S\.r\.l\.|Ltda\.?|Pty\.? Ltd\.?|Inc\.|"
            r"Corp\.|Oy|AB|ApS|A/S))\s*,\s+(?!(?:Ltd|Limited|Inc|LLC|Corp)\b)[A-Z].*\d.*$",
            r"\1",
            name,
        )
        name = name.strip(" ,;:\"“”'")
        if name.endswith(".") and not re.search(
            r"\b(?:Inc|Ltd|Co|Corp|Bros|Pty|L\.L\.C|S\.A|B\.V|N\.V|P\.C|L\.P|S\.p\.A|S\.L|S\.L\.U|S\.R\.L|S\.A\.S)\.$",
            name,
        ):
            name = name[:-1]
        name = re.sub(r"^(?:the\s+)", "", name)  # "the Trustees of ..."; "The Old Corn Exchange" keeps its "The"
        return name.strip()

    def _customer_name(self) -> tuple[str | None, Segment | None, float]:
        found = self._customer_name_labelled()
        return found if found[0] else self._customer_name_in_prose()

    def _customer_name_labelled(self) -> tuple[str | None, Segment | None, float]:
        for seg in self.fields_labelled(CUSTOMER_LABELS):
            label = seg.label.lower()
            if re.search(
                r"e-?mail|address|contact|number|\bid\b|time ?zone|currency|reference|\bvat\b|\btax|phone|"
                r"date|term|payment|signature|title|country|city|\bpo\b|"
                # "Customer project lead: Gareth Lloyd": a person in the customer's team, not the customer
                r"\blead\b|manager|representative|sponsor|owner|signatory|approver|\bpm\b|\bperson\b|officer|"
                # "Account Executive | Tillcraft" in a sender's signature: a salesperson's title, not the customer
                r"executive|director|specialist|\bexec\b|\brep\b|"
                # "Signed for the customer: Dr. Ann Lee, Partner": the person who signed, not the customer
                r"\bsigned\b|\baccepted\b|\bexecuted\b|\bauthori[sz]ed\b|"
                # "For the Client: Anika Pillay, Head of IT": a signature block's signatory
                r"^\s*(?:for|por|pour|für)\s+(?:and\s+on\s+behalf\s+of\s+)?(?:(?:the|el|la|le|den|die)\s+)?",
                label,
            ):
                continue
            if seg.context and re.search(r"(?i)\b(?:for|on behalf of|signed by)(?:\s+the)?\s*$", seg.context[-1]):
                # "For Acme ApS: Jo Lund, CEO      For the Customer: Bo Holm, CFO": the label's "For the" was
                # split off in a signature line of two blocks; the value is a signatory
                continue
            value = seg.value.split(" | ")[0]
            if self._column_title(seg.value):
                value = self._name_under_column_title(seg) or ""
            name = self._clean_name(EMAIL_RE.sub("", value))
            if name and not re.fullmatch(r"[\d\W]+", name):
                return name, seg, 0.95
        return self._customer_in_titled_column()

    def _customer_in_titled_column(self) -> tuple[str | None, Segment | None, float]:
        """ "| Bill To | Billing Contact |" titling a table: the first row's cell under the customer's
        title names it."""
        seen: set[int | None] = set()
        for seg in self.segments:
            if seg.kind != "row" or not seg.header or seg.table in seen:
                continue
            seen.add(seg.table)
            for title, cell in zip(seg.header, seg.cells, strict=False):
                if re.fullmatch(
                    r"(?i)\s*(?:bill(?:ed)? to|sold to|invoice to|customer|client|licensee)\s*:?\s*", title
                ):
                    name = self._clean_name(EMAIL_RE.sub("", cell))
                    if name and not re.search(r"\d", name):
                        return name, seg, 0.9
        return None, None, 0.0

    @staticmethod
    def _column_title(value: str) -> bool:
        """ "Bill To: Customer Contact": the value is the next column's title, not a name."""
        return bool(
            re.fullmatch(
                r"(?i)(?:[\w-]+\s+){0,2}(?:contact|details|information|address|attention|attn|ship to|sold to|"
                r"remit to|invoice to|deliver to|supplier|vendor|provider|seller|from)",
                value.strip(" :"),
            )
        )

    def _name_under_column_title(self, seg: Segment) -> str | None:
        """A customer block laid out as a table whose first row titles its columns ("Bill To |
        Customer Contact" above "Harlow Dental Group, LLC | Ana Ruiz, Office Manager"): the name is
        the cell under the customer's title in the next row (or, the columns read as one line, the
        organisation that line starts with)."""
        below = next((s for s in self.segments[seg.index + 1 :] if s.kind != "field" or s.cells), None)
        if below is None:
            return None
        if seg.table is not None and below.table == seg.table and below.cells:
            return below.cells[0] if below.cells[0].strip() else None
        leading = re.match(
            r"(?:[A-Z][\w&'.-]*,?\s+){1,5}(?:Inc|LLC|L\.L\.C|Ltd|Limited|GmbH|AG|plc|Corp|Corporation|LLP|LP|PLLC|"
            r"Co|Company|AB|Oy|AS|ApS|SA|SAS|BV|NV|SpA|KK|Pty Ltd|Group|Holdings|Partners)\b\.?",
            below.text,
        )
        return leading.group(0) if leading else None

    def _customer_name_in_prose(self) -> tuple[str | None, Segment | None, float]:
        strategies = (
            self._customer_by_definition,
            self._customer_by_role,
            self._customer_under_party_heading,
            self._customer_by_parties,
            self._customer_by_other_labels,
            self._customer_by_addressee,
            self._customer_by_short_named_parties,
            self._customer_by_acceptance,
            self._customer_by_issuer,
            self._customer_by_address_block,
        )
        for strategy in strategies:
            found = strategy()
            if found[0]:
                return found
        return self._customer_name_by_suffix()

    def _customer_by_definition(self) -> tuple[str | None, Segment | None, float]:
        for seg in self.segments:
            # A definitions clause: '"Customer" means Elmstead Water Company.'
            match = re.search(
                rf"[\"“'](?:{CUSTOMER_ROLES})[\"”']\s+(?:means|shall mean|refers to|is)\s+(?P<name>[A-Z][^;(]{{1,80}}?)"
                r"(?:,\s+(?:a|an)\s|\s*\(|;|\.\s|\.?$)",
                seg.text,
                re.I,
            )
            if match:
                name = self._clean_name(match.group("name"))
                if name:
                    return name, seg, 0.9
        return None, None, 0.0

    def _customer_by_role(self) -> tuple[str | None, Segment | None, float]:
        customer_roles = CUSTOMER_ROLES
        # "Consultant" and "Company": the company is the client of the one who provides the service.
        if re.search(
            r"\(\s*(?:the\s+)?[\"“']?(?:consultant|contractor|agency|service provider)[\"”']?\s*\)",
            self.document.text,
            re.I,
        ):
            customer_roles = f"{CUSTOMER_ROLES}|company"
        roles = re.compile(
            # ("Umhlanga Retail Holdings (Pty) Ltd": a South African or Indian legal form keeps its brackets)
            rf"(?P<name>[A-Z](?:[\w&.,'’ /-]|\((?:Pty|Pvt|Private|Proprietary)\)){{1,80}}?)"
            rf"\s*(?:,\s+(?:a|an|the)\s(?:[^()]|\([^()\"“”']{{1,80}}\)){{0,120}}?|"
            # "Harrowgate Housing Association (registered society no. 29014R), 41 Mill Lane, Leeds (the Customer)"
            rf"\([^()\"“”']{{1,80}}\)(?:\s*,\s*(?:(?!\b(?:and|AND|between|BETWEEN)\b)[^()]){{0,120}}?)?\s*)?"
            rf"\(\s*(?:[^()]{{0,40}}?\bor"
            rf"\s+)?"
            rf"(?:the\s+|hereinafter\s+(?:referred to as\s+)?)?[\"“']?(?P<role>{customer_roles})[\"”']?\s*\)",
            re.I,
        )
        for seg in self.segments:
            for match in roles.finditer(seg.text):
                if seg.text[match.end() :].lstrip().startswith(":"):
                    continue  # "Händler (merchant): ..." is a label with its translation, not a party
                raw = match.group("name")
                raw = re.split(
                    r"\b(?:and|AND)\b|\b(?:between|BETWEEN)\b|\bby\b|\bwith\b|\bfor\b|\bto\b|\bconfirm\w*\b|\bis\b|\bfrom\b|\bof\s+(?=[A-"
                    r"Z][a-z]+\s+[A-Z])",
                    raw,
                )[-1]
                raw = re.sub(r"^\s*(?:[a-z][\w'-]*\s+)+", "", raw)  # "welcome Acme Inc." -> "Acme Inc."
                name = self._clean_name(raw)
                if re.fullmatch(rf"(?i)(?:the\s+)?(?:end[- ]user|{CUSTOMER_LABELS}|{CUSTOMER_ROLES})", name or ""):
                    continue  # "End User (licensee)", "Reseller (Bill To)": a column's title, a role and its synonym
                if name and name[0].isupper():
                    return name, seg, 0.9
        return None, None, 0.0

    def _customer_under_party_heading(self) -> tuple[str | None, Segment | None, float]:
        """A party block titled as the customer ("Bill To", "Reseller (Bill To)", "Customer") on a line
        of its own, its lines joined below it ("Meridian Tech Pty Ltd 22 Queen St, Brisbane ..."): the
        organisation its first words name, up to its legal form."""
        for position, seg in enumerate(self.segments[:-1]):
            if seg.kind != "heading" or not _PARTY_HEADING.fullmatch(seg.text):
                continue
            below = self.segments[position + 1]
            match = _NAME_FIRST.match(below.text)
            found = match.group("name") if match and below.kind == "prose" else ""
            if COMPANY_SUFFIX_RE.search(found) or ORGANISATION_WORD_RE.search(found):
                name = self._clean_name(found)
                if name:
                    return name, below, 0.75
        return None, None, 0.0

    def _company_of_a_contractors_sow(self) -> tuple[str | None, Segment | None, float]:
        """ "Company: Lantern Bay Software, Inc." in a contractor's or consultant's SOW: the company is the
        client."""
        if re.search(r"(?i)\b(?:independent )?(?:contractor|consultant|freelancer)\b", self.document.text):
            for seg in self.fields_labelled(r"company"):
                if seg.label.strip().lower() == "company":
                    name = self._clean_name(EMAIL_RE.sub("", seg.value.split(" | ")[0]))
                    if name and not re.fullmatch(r"[\d\W]+", name):
                        return name, seg, 0.75
        return None, None, 0.0

    def _customer_by_addressee(self) -> tuple[str | None, Segment | None, float]:
        """A letter's "To: Harbourview Community College - Procurement Office": the addressee, when it
        is an organisation rather than a person."""
        for seg in self.fields_labelled(r"to|addressed to"):
            if seg.label.strip(" :").lower() not in ("to", "addressed to"):
                continue
            name = self._clean_name(EMAIL_RE.sub("", seg.value.split(" | ")[0]))
            if name and (COMPANY_SUFFIX_RE.search(name) or ORGANISATION_WORD_RE.search(name)):
                return name, seg, 0.75
        return None, None, 0.0

    def _customer_by_other_labels(self) -> tuple[str | None, Segment | None, float]:
        name, seg, confidence = self._company_of_a_contractors_sow()
        if name:
            return name, seg, confidence
        for seg in self.fields_labelled(
            r"merchant(?: name)?|seller(?: name)?|partner(?: name)?|publisher|advertiser|tenant|member|school|hospita"
            r"l|prepared for|quoted? for|quotation for|proposal for|offer for"
        ):
            if re.search(r"e-?mail|address|contact|number|\bid\b|payout", seg.label.lower()):
                continue
            value = EMAIL_RE.sub("", seg.value.split(" | ")[0])
            # "Prepared for: Jordan Amari, Kestrel Health Partners LLC": the person, then the company
            person = re.match(r"[A-Z][a-z'-]+(?: [A-Z]\.)?(?: [A-Z][a-z'-]+){1,2},\s+(?=[A-Z])", value)
            rest = value[person.end() :] if person else ""
            if (
                person
                and not COMPANY_SUFFIX_RE.search(person.group(0))
                and COMPANY_SUFFIX_RE.search(rest)
                and not COMPANY_SUFFIX_RE.fullmatch(rest.strip())
            ):
                value = rest
            name = self._clean_name(value)
            if name and not re.fullmatch(r"[\d\W]+", name) and not re.search(r"(?i)\b(?:ms|mr|mrs|dr)\b\.?", name):
                return name, seg, 0.8
        for seg in self.fields_labelled(r"company|organi[sz]ation|legal entity|entity|legal name|name"):
            headings = re.findall(
                r"(customer|client|bill to|sold to|buyer|licensee|subscriber|vendor|provider|supplier|seller|from)",
                " ".join(seg.context).lower(),
            )
            if headings and headings[-1] in (
                "customer",
                "client",
                "bill to",
                "sold to",
                "buyer",
                "licensee",
                "subscriber",
            ):
                name = self._clean_name(seg.value)
                if name and not re.search(r"(?i)\b(?:mr|ms|mrs|dr)\b\.?", name):
                    return name, seg, 0.8
        # "between Provider Inc. and Customer GmbH" with the provider named first is the usual
        # form; without role labels this is a guess and says so.
        for seg in self.segments:
            match = re.search(
                r"\b(?i:between)\s+(?P<a>[A-Z][\w&.,' -]+?)\s+and\s+(?P<b>[A-Z][\w&.,' -]+?)"
                r"(?:[.,;(]|\s+(?:for|dated|effective|under|regarding)\b|$)",
                seg.text,
            )
            if match:
                self.rec.warn("customer.name", "Parties named without roles: took the second party as the customer.")
                return self._clean_name(match.group("b")), seg, 0.6
        for seg in self.segments:
            match = re.search(
                # "Prepared by Harbor & Pine CRM, Inc. for Rivermark Title LLC": the vendor, then the customer;
                # "the corrected renewal for Tamarack Valley Credit Union": what is ordered, then for whom;
                # "Contract NA-17 · prepared for Grupo Norte, S.A. de C.V.": a cover line's "prepared for"
                r"(?:\b(?:(?i:agreement|order|proposal|quotation|quote|schedule|sow|statement of work|renewal|"
                r"subscription)|(?i:prepared|issued|submitted|created|sent)\s+by\s+[^:;|]{1,80}?)\s+"
                r"(?:for|prepared for)|(?:^|[·|•–-]\s*)(?i:prepared for))\s+"
                r"(?P<name>[A-Z][\w&.,' -]*?(?:Co\.,?\s(?:Ltd|Limited|Inc)|S\.A\.(?:P\.I\.)? de C\.V|"
                r"S\. de R\.L\.(?: de C\.V)?|Ltda|Inc|LLC|Ltd|GmbH|AG|SA|S\.A|BV|B\.V|plc|Corp|"
                r"Corporation|Co|Limited|SAS"
                r"|Pty Ltd|KK|AB|Oy|SE|SpA|S\.p\.A|PC|P\.C|PLLC|LLP|LP|NV|N\.V|" + ORGANISATION_WORDS + r")(?:\.|\b))",
                seg.text,
            )
            if match:
                return self._clean_name(match.group("name")), seg, 0.7
        return self._company_of_a_quote()

    def _company_of_a_quote(self) -> tuple[str | None, Segment | None, float]:
        """ "Company: Clinica Dental Costera" in a CRM's quote summary e-mail, with no customer label: the
        quote is sent to that company (one under a vendor's heading or named as the sender is not)."""
        if not re.search(r"(?i)\b(?:quote|quotation|proposal|order)\b", self.document.text):
            return None, None, 0.0
        for seg in self.fields_labelled(r"company(?: name)?"):
            if seg.label.strip(" :").lower() not in ("company", "company name"):
                continue
            if re.search(r"(?i)\b(?:vendor|provider|supplier|seller|from|remit)\b", " ".join(seg.context[-2:])):
                continue
            name = self._clean_name(EMAIL_RE.sub("", seg.value.split(" | ")[0]))
            if not name or re.fullmatch(r"[\d\W]+", name):
                continue
            if re.search(rf"(?i){re.escape(name)}\W*\s+(?:sent|has sent|is sending)\b", self.document.text):
                continue
            self.rec.warn("customer.name", "No customer label: took the quote's 'Company' field as the customer.")
            return name, seg, 0.65
        return None, None, 0.0

    def _customer_by_short_named_parties(self) -> tuple[str | None, Segment | None, float]:
        return self._customer_by_parties(guess=True)

    def _customer_by_parties(self, *, guess: bool = False) -> tuple[str | None, Segment | None, float]:
        """'between Encore Box Office Systems Ltd ("Encore") and The Old Corn Exchange Theatre Trust ("the
        Venue")': the party whose defined term is a provider role or its own short name is the provider,
        so the other one is the customer, whatever its role is called."""
        name = r"[A-Z][\w&.,'’ -]{1,80}?"
        parties = re.compile(
            rf"\b(?i:between|by)\s+(?P<a>{name})\s*\(\s*(?:the\s+)?\"(?P<ra>[^\"]{{1,30}})\"\s*\)[^()]{{0,80}}?\s+and\s+"
            rf"(?P<b>{name})\s*\(\s*(?:the\s+)?\"(?P<rb>[^\"]{{1,30}})\"\s*\)"
        )

        def provider(role: str, party: str) -> bool:
            role = re.sub(r"(?i)^the\s+", "", role.strip())
            own = set(re.findall(r"\w+", party.lower()))
            return (
                bool(re.fullmatch(rf"(?:{PROVIDER_ROLES})", role, re.I)) or set(re.findall(r"\w+", role.lower())) <= own
            )

        for seg in self.segments:
            match = parties.search(seg.text)
            if not match:
                continue
            a_provides = provider(match.group("ra"), match.group("a"))
            b_provides = provider(match.group("rb"), match.group("b"))
            if a_provides != b_provides:
                found = self._clean_name(match.group("b") if a_provides else match.group("a"))
                if found:
                    return found, seg, 0.75
            if guess and a_provides and b_provides:
                # 'by Cobalt Ridge Consulting, Inc. ("Cobalt") and Meadowlark Health Plans ("Meadowlark")': the
                # provider is usually named first; a guess, and it says so
                found = self._clean_name(match.group("b"))
                if found:
                    self.rec.warn("customer.name", "Parties named by short names: took the second as the customer.")
                    return found, seg, 0.6
        return None, None, 0.0

    def _customer_by_address_block(self) -> tuple[str | None, Segment | None, float]:
        """A letter: the addressee's block between the letter's date and "Dear ..." names the
        customer ("The Business Manager, Thornbury Academy Trust"). Its lines may have been joined
        into one paragraph ("Mr. Dan Ruiz / Chief Financial Officer / Bayou Freight Lines, L.L.C."):
        then the document's own lines are read."""
        dear = next((i for i, seg in enumerate(self.segments) if re.match(r"(?i)dear\b", seg.text)), None)
        if dear is None:
            return None, None, 0.0
        dated = [i for i, seg in enumerate(self.segments[:dear]) if self.dates(seg.text)]
        if not dated:
            return None, None, 0.0
        block = self.segments[dated[0] + 1 : dear]
        for seg in block:
            found = self._organisation_in(seg.text)
            if found:
                return found, seg, 0.6
        # "Re: Renewal of your CareRoster subscription - Kestrel Housing Association": the subject names it
        for seg in self.segments[: dear + 1]:
            subject = re.match(r"(?i)(?:re|subject)\s*:\s*(?P<s>.+)$", seg.text)
            if subject:
                found = self._organisation_in(re.split(r"\s+[-–]\s+|\s+for\s+", subject.group("s"))[-1].strip(" ."))
                if found:
                    return found, seg, 0.55
        lines = [b.text for b in self.document.blocks]
        first = next((i for i, text in enumerate(lines) if self.dates(text)), None)
        last = next((i for i, text in enumerate(lines) if re.match(r"(?i)dear\b", text)), None)
        if first is not None and last is not None:
            for text in lines[first + 1 : last]:
                found = self._organisation_in(text)
                if found:
                    seg = next((s for s in block if text in s.text), block[0] if block else None)
                    return found, seg, 0.6
        return None, None, 0.0

    def _organisation_in(self, text: str) -> str | None:
        # "Sutter Valley HVAC, Inc.": a comma before the legal form is part of the name
        legal_form = r",(?!\s*(?:Inc|LLC|L\.L\.C|Ltd|LLP|LP|PLLC|P\.C|Corp|N\.A)\b\.?\s*(?:,|$))"
        for part in (part.strip() for part in re.split(legal_form, text)):
            if (
                re.fullmatch(r"(?:(?:[A-Z][\w&'.-]*|&),?\s+){1,5}[A-Z][\w&'.-]*", part)
                and not re.search(r"\d", part)
                and not re.match(r"(?i)(?:the|attn|attention|mr|ms|mrs|dr|dear|re)\b", part)
                # an organisation, not a person: a legal suffix or an institution's word
                and re.search(
                    r"\b(?:Inc|LLC|L\.L\.C|Ltd|Limited|GmbH|AG|plc|Corp|Corporation|Co|LLP|LP|PLLC|Trust|School|"
                    r"Academy|College|University|Council|Hospital|Clinic|Group|Association|Foundation|Society|"
                    r"Authority|District|Institute|Partners|Holdings|Company|Co-operative|Cooperative|Co-op|AB|Oy|AS|"
                    r"ApS|SA|S\.A|SARL|SAS|BV|B\.V|NV|N\.V|SpA|S\.p\.A|S\.L|SL|KK|Pty|SE)\b\.?$",
                    part,
                )
            ):
                return self._clean_name(part)
        return None

    def _customer_by_issuer(self) -> tuple[str | None, Segment | None, float]:
        """A letter of award or a purchase order is written by the customer to its supplier ("We
        are pleased to award you the contract", "we accept your quotation"): the organisation that
        signs it ("for and on behalf of Marina Crest Management Corporation") is the customer."""
        if not any(
            re.search(
                r"(?i)\b(?:pleased to (?:award|appoint|confirm the award)|hereby award|award(?:ed)? you|"
                r"letter of award|(?:we|i) (?:hereby )?accept your (?:quotation|quote|tender|offer|proposal|bid)|"
                r"please supply)\b",
                seg.text,
            )
            for seg in self.segments
        ):
            return None, None, 0.0
        for seg in reversed(self.segments):
            match = re.search(r"\b(?i:(?:for and )?on behalf of)\s+(?:the\s+)?(?P<n>[A-Z][^,;\n]{2,80}?)\.?$", seg.text)
            if match and not re.search(r"(?i)\b(?:provider|vendor|supplier|contractor)\b", match.group("n")):
                return self._clean_name(match.group("n")), seg, 0.6
        return None, None, 0.0

    def _customer_by_acceptance(self) -> tuple[str | None, Segment | None, float]:
        """An acceptance block: "ACCEPTED AND AGREED:" then the customer's name above "By: ___"."""
        for position, seg in enumerate(self.segments[:-1]):
            if re.search(
                r"(?i)\b(?:accepted and agreed|agreed and accepted|acknowledged and agreed|customer acceptance|"
                r"accepted by)\b",
                seg.text,
            ):
                # "Agreed and accepted: Tallis Marine Services, Inc.": the name on the same line
                same_line = seg.value if seg.kind == "field" else ""
                if same_line and not re.match(r"(?i)[\s_.]*$|by\b|date\b|name\b|signature\b", same_line):
                    name = self._clean_name(re.split(r"\s+By:|\s{2,}|\s+Signature", same_line)[0])
                    if name and len(name.split()) <= 8 and not re.search(r"(?i)\b(?:provider|vendor|supplier)\b", name):
                        return name, seg, 0.7
                following = self.segments[position + 1]
                name = self._clean_name(re.split(r"\s+By:|\s{2,}|\s+Signature", following.text)[0])
                if name and len(name.split()) <= 8 and not re.search(r"(?i)\b(?:provider|vendor|supplier)\b", name):
                    return name, following, 0.7
        return None, None, 0.0

    def _customer_name_by_suffix(self) -> tuple[str | None, Segment | None, float]:
        """Last resort: the company name (Inc, LLC, GmbH, ...) named most often that is not the
        sender's; a guess, and it says so."""
        suffix = re.compile(
            # "Hoshino Precision Co., Ltd.": the Japanese and Chinese company form is one suffix
            r"\b(?P<name>(?:[A-Z][\w&'-]*\s+){1,5}(?:Co\.,?\s(?:Ltd|Limited|Inc)|Inc|LLC|L\.L\.C|Ltd|Limited|GmbH|AG|SA|SAR"
            r"L|SAS|BV|B\.V|NV|plc|C"
            r"orp|"
            r"Corporation|Co|Company|LLP|LP|Pty Ltd|KK|AB|Oy|SE|SpA|S\.p\.A|AS|ApS|"
            # central European forms: "Sp. z o.o." (Poland), "s.r.o." (Czechia, Slovakia), "Kft." (Hungary)
            r"Sp\. z o\.o|[Ss]\.r\.o|Kft|"
            # "Bayview Dental Group", "Harlow Holdings": a trading name that ends like a company's
            r"Group|Holdings|Partners|Associates)\b\.?)(?!-\w)"
        )
        sender_words: set[str] = set()
        # a letter's letterhead (its first line) and whoever signs after "Yours sincerely" send it
        letter = any(re.match(r"(?i)dear\b", seg.text) for seg in self.segments)
        signed_off = False
        sign_off = r"(?i)(?:yours (?:sincerely|faithfully|truly)|kind regards|best regards|regards|sincerely)\b"
        for position, seg in enumerate(self.segments):
            first_word = re.match(r"\s*([A-Za-z]{4,})", seg.text)
            if letter and (position == 0 or signed_off) and first_word:
                sender_words.add(first_word.group(1).lower())  # its distinctive first word, not "Software"
            signed_off = signed_off or bool(re.match(sign_off, seg.text))
        for seg in self.segments:
            if re.match(
                r"(?i)from\b|sender\b|provider\b|vendor\b|supplier\b|licensor\b|(?:prepared|submitted|issued) by\b",
                seg.text,
            ):
                sender_words |= {w.lower() for w in re.findall(r"[A-Za-z]{3,}", seg.text)}
                for email in EMAIL_RE.findall(seg.text):
                    sender_words.add(email.split("@")[1].split(".")[0].lower())
        counts: dict[str, tuple[int, Segment]] = {}
        for seg in self.segments:
            for match in suffix.finditer(seg.text):
                name = self._clean_name(
                    re.sub(r"^(?:The|To|For|Dear|Hi|Hello|With|And|Between|By)\s+", "", match.group("name"))
                )
                squashed = re.sub(r"[^a-z]", "", name.lower())
                if any(len(w) > 3 and w in squashed for w in sender_words):
                    continue
                count, first = counts.get(name, (0, seg))
                counts[name] = (count + 1, first)
        if not counts:
            return None, None, 0.0
        name, (_, seg) = max(counts.items(), key=lambda item: item[1][0])
        self.rec.warn("customer.name", "No customer label or role in the document: took the company named most often.")
        return name, seg, 0.5

    def _email(self, customer_name: str | None) -> tuple[str | None, Segment | None]:
        candidates: list[tuple[int, str, Segment]] = []
        in_customer_block = False
        for seg in self.segments:
            text = seg.text
            lowered = text.lower()
            if seg.kind in ("heading", "field") and re.search(
                rf"\b(?:{CUSTOMER_LABELS}|billing contact|invoic)", lowered
            ):
                in_customer_block = True
            elif seg.kind == "heading" and re.search(rf"\b(?:{PROVIDER_ROLES}|remit|our)\b", lowered):
                in_customer_block = False
            # the words around an address, not its own ("Cc: billing@vendor.example" is no billing contact)
            lowered = EMAIL_RE.sub(" ", lowered)
            for email in EMAIL_RE.findall(text):
                email = email.rstrip(".")
                score = 0
                if re.search(
                    r"\bbilling|\binvoic|\bbills?\b|\baccounts? payable|\bap\b|\bfinance|\brechnung|\bfactur", lowered
                ):
                    score += 3
                if re.search(r"\bbilling|\binvoic|ap@|finance|accounts|payable", email.lower()):
                    score += 1
                if in_customer_block:
                    score += 2
                if re.search(rf"\b(?:{CUSTOMER_ROLES})\b", lowered):
                    score += 1
                if re.search(
                    r"\bremit|\bquestions?\b|\bsupport\b|\bcontact us\b|\bour\b|\bprovider\b|\bvendor\b|"
                    r"\bsupplier\b|\bsales rep|\baccount (?:executive|manager)|\bnotices? to (?:provider|vendor)",
                    lowered,
                ):
                    score -= 3
                if customer_name:
                    domain = email.split("@")[1].split(".")[0].lower()
                    if domain and domain in re.sub(r"[^a-z]", "", customer_name.lower()):
                        score += 2
                candidates.append((score, email, seg))
        if not candidates:
            return None, None
        candidates.sort(key=lambda c: -c[0])
        best = candidates[0]
        if best[0] < 0:
            return None, None
        return best[1], best[2]

    def _timezone(self) -> tuple[str | None, Segment | None]:
        for seg in self.segments:
            match = re.search(
                r"\b(?:Africa|America|Asia|Australia|Europe|Pacific|Atlantic|Indian)/[A-Za-z_]+(?:/[A-Za-z_]+)?",
                seg.text,
            )
            if match:
                return match.group(0), seg
        cities = [key for key, zone in TIMEZONES.items() if "/" in zone and len(key) > 4 and key not in TZ_REGIONS]
        for seg in self.segments:
            if re.search(
                r"\btime[- ]?zone|\b(?:eastern|central|pacific|mountain|local|uk|european) time", seg.text, re.I
            ):
                for key in cities:
                    if re.search(rf"\b{key}\b", seg.text, re.I):
                        return TIMEZONES[key], seg
        for seg in self.segments:
            match = re.search(
                r"\btime[- ]?zone\b[^.]*?\b(?:is|:|of|in)?\s*(?P<v>[A-Za-z][A-Za-z ]{1,30}?)(?:\s+time|\s*\(|[.,;]|$)",
                seg.text,
                re.I,
            )
            if match:
                value = match.group("v").strip().lower()
                # "Time zone: Korea Standard Time (KST)": the name, else its abbreviation in brackets
                short = re.match(r"[^.]{0,30}?\(\s*([A-Za-z]{2,5})\s*\)", seg.text[match.end("v") :])
                for text in (value, short.group(1).lower() if short else ""):
                    for key, zone in TIMEZONES.items():
                        if text and re.search(rf"\b{re.escape(key)}\b", text):
                            return zone, seg
            match = re.search(
                r"\b(?P<v>Eastern|Central|Mountain|Pacific|UK|Central European|London|Berlin|Paris|Sydney|Tokyo|Singa"
                r"pore)"
                r"\s+(?:Standard\s+)?time\b",
                seg.text,
                re.I,
            )
            if match and re.search(
                r"\b(?:invoice|billing|period|close|midnight|customer|usage|your|zone)", seg.text, re.I
            ):
                return TIMEZONES[match.group("v").lower()], seg
        return None, None

    def _payment_terms(self) -> tuple[int | None, Segment | None]:
        patterns = [
            r"\bnet[\s-]*(?P<n>\d{1,3})\b",
            r"\b(?P<n>\d{1,3})\s*days?\s+(?:end of (?:the )?month|eom)\b",
            r"\b(?:payment|payable|due|pay|paid)\b[^.;]{0,20}?\bwithin\s+(?:[a-z-]+\s+)?\(?(?P<n>\d{1,3})\)?\s+(?:cal"
            r"endar"
            r"\s+|business\s+)?days",
            r"\bnet\s+(?P<w>[a-z-]+)\s*\(\s*(?P<n>\d{1,3})\s*\)",
            r"\b(?:within|in)\s+(?:[a-z-]+\s+)?\(?(?P<n>\d{1,3})\)?\s+(?:calendar\s+|business\s+)?days?\s+(?:of|from|"
            r"after|following)\s+"
            r"(?:the\s+)?(?:date of\s+)?(?:receipt of\s+)?(?:the\s+)?(?:invoice|receipt|billing)",
            r"\bpayment terms?\s*(?:are|is|:)?\s*(?P<n>\d{1,3})\s*days",
            # "Payment: 30 days.", "Payment: within 14 days"
            r"\bpayment\s*:?\s*(?:within\s+)?(?P<n>\d{1,3})\s*(?:calendar\s+)?days\b",
            r"\b(?P<n>\d{1,3})\)?\s*days?\s+(?:net|from (?:the )?(?:date of )?invoice|after (?:the )?invoice)",
            r"\bzahlungsziel\s*:?\s*(?P<n>\d{1,3})",
            # "zahlbar innerhalb von 14 Tagen", "30 Tage netto", "paiement à 45 jours", "binnen 30 dagen",
            # "prazo de pagamento: 30 dias", "Terms: 30 days"
            r"\b(?:innerhalb|binnen)\s+(?:von\s+)?(?P<n>\d{1,3})\s+(?:tagen|tage|dagen)\b",
            r"\b(?P<n>\d{1,3})\s+(?:tage|dagen|jours|dagar|dage|dager)\s+(?:netto|net|nach rechnungs|na factuurdatum|"
            r"date de facture)",
            # Swedish, Danish, Norwegian: "netto 30 dagar", "betalingsfrist: 14 dage", "betalningsvillkor 30 dagar"
            r"\b(?:netto|betalningsvillkor|betalingsbetingelser|betalingsfrist|betalningsfrist|forfald)\b\s*:?[^.;]{0,20}?"
            r"(?P<n>\d{1,3})\s*(?:dagar|dage|dager)\b",
            r"\b(?:à|a|sous|dans les)\s+(?P<n>\d{1,3})\s+jours\b",
            r"\b(?:prazo|vencimento|betalingstermijn|zahlungsfrist|délai de paiement)\b[^.;]{0,30}?(?P<n>\d{1,3})\s*"
            r"(?:dias|días|tagen?|dagen|jours|days)\b",
            r"\b(?:credit |settlement |invoice )?terms?\s*:\s*(?:net\s*)?(?P<n>\d{1,3})\s*(?:calendar\s+)?days\b",
            r"\bsettle\w*\b[^.;]{0,30}?\bwithin\s+(?:[a-z-]+\s+)?\(?(?P<n>\d{1,3})\)?\s+days",
            # Spanish, Portuguese, Italian: "transferencia a 30 días desde la fecha de factura", "30 giorni"
            r"\b(?:a|en|em|entro)\s+(?P<n>\d{1,3})\s+(?:días|dias|giorni)\b",
            r"\b(?:due|payable) (?:(?:in full )?within|in) (?:[a-z-]+\s+)?\(?(?P<n>\d{1,3})\)?\s+days",
            r"\bpayment (?:at|in) (?P<n>\d{1,3}) days\b",
            r"\b(?:invoices?|payments?|fees|amounts?)\b[^.;]{0,25}?\b(?:are |is |shall be |will be )?(?:due|payable)\s+"
            r"(?:[a-z-]+\s+)?\(?(?P<n>\d{1,3})\)?\s+(?:calendar\s+)?days?\s+(?:after|from|following|of)\b",
            # "Payment: direct debit, 7 days", "Terms of payment: thirty (30) days", "payable on 30-day terms"
            r"\b(?:terms? of payment|payment(?: terms?)?)\s*[:-]\s*[^.;:\d]{0,30}?\(?(?P<n>\d{1,3})\)?[\s-]*"
            r"(?:calendar |business )?days?\b",
            r"\b(?P<n>\d{1,3})[- ]days?\s+(?:payment\s+|credit\s+)?terms\b",
            # "Termin płatności / Payment | 14 dni / 14 days": a bilingual value, its English half after the slash
            r"\bpayment(?: terms?)?\b[^.;\d]{0,30}?\d{1,3}\s+[^\W\d]+\s*/\s*(?P<n>\d{1,3})\s*(?:calendar\s+)?days?\b",
        ]
        words = "|".join(sorted((re.escape(w) for w in p.WORD_NUMBERS), key=len, reverse=True))
        for seg in self.segments:
            # "payable within fifteen days": the number in words
            text = re.sub(
                rf"\b({words})\b(?=\s*(?:calendar\s+|business\s+)?days?\b)",
                lambda m: str(p.WORD_NUMBERS[m.group(1).lower()]),
                seg.text,
                flags=re.I,
            )
            # "within 30 (thirty) days": a legal draft's figure followed by its words in brackets
            text = re.sub(rf"\b(\d{{1,3}})\s*\(\s*(?:{words})(?:[- ](?:{words}))?\s*\)", r"\1", text, flags=re.I)
            for pattern in patterns:
                match = re.search(pattern, text, re.I)
                if match:
                    return int(match.group("n")), seg
        for seg in self.segments:
            if re.search(
                r"\b(?:due|payable) (?:up)?on receipt\b|\bpayment (?:is )?(?:due )?(?:up)?on receipt\b|\bdue immediat"
                r"ely\b|\bpayable immediately\b|\bnet 0\b|"
                r"\bdue on (?:the )?invoice date\b",
                seg.text,
                re.I,
            ):
                return 0, seg
        return None, None

    # -- dates and term -----------------------------------------------------------------------
    def term(self) -> None:
        start, start_seg, start_conf = self._start_date()
        self.data["start_date"] = start.isoformat() if start else None
        if start:
            self.rec.note("start_date", start_seg, start_conf)
        else:
            self.rec.warn("start_date", "No start or effective date found: enter it.")
        end, end_seg, end_conf, how = self._end_date(start)
        renews = self._renewal()
        if renews is not None:
            seg, text = renews
            if end:
                self.rec.warn(
                    "end_date",
                    f"The contract renews automatically ({text!r}): no end date set; the initial term ends "
                    f"before {end.isoformat()}.",
                )
            self.data["end_date"] = None
            self.rec.note("end_date", seg, 0.75)
        elif end:
            self.data["end_date"] = end.isoformat()
            self.rec.note("end_date", end_seg, end_conf)
            if how:
                self.rec.warn("end_date", how)
        else:
            self.data["end_date"] = None
            self.rec.confidence["end_date"] = 0.6

    def _start_date(self) -> tuple[date | None, Segment | None, float]:
        labelled = self.fields_labelled(
            r"(?:contract |subscription |service |order |agreement |term |billing )?(?:starts?|commencement|effective)"
            r"(?: date)?|effective as of|start of (?:service|term|subscription)|beginn|vertragsbeginn|date de début|"
            r"fecha de (?:inicio|comienzo|entrada en vigor)|data di (?:inizio|decorrenza)|data de início|"
            r"início da vigência|inicio da vigencia|leistungsbeginn|laufzeitbeginn|date d'effet|prise d'effet|"
            r"date de démarrage|ingangsdatum|startdatum|aanvangsdatum|startdato|ikrafttr[æa]delsesdato|"
            r"oppstartsdato|avtalsstart|aftalestart|avtalestart|"
            r"term start|initial term start|service period start|go-live(?: date)?|(?:service |subscription )?begins?|"
            # "Requested Activation Date", "In-service date": a telecom order's start of service
            r"(?:requested |planned |target |service |circuit )?activation(?: date)?|in-service date|"
            r"(?:service |subscription )?commenc(?:es?|ing)|"
            r"(?:subscription |contract |service |initial |agreement |order )?(?:period|term|dates|validity)"
        )
        # Billing starts with the service: a start or commencement date wins over an effective
        # (signature) date when both are stated.
        labelled.sort(
            key=lambda seg: 0 if re.search(r"start|commenc|begin|beginn|go-live|activation", seg.label, re.I) else 1
        )
        # "Current Term: ..." above "Renewal Term: ...": the term being replaced comes last
        labelled.sort(key=lambda seg: 1 if SUPERSEDED_RE.search(seg.label) else 0)
        for seg in labelled:
            found = self.dates(seg.value)
            if found:
                return found[0].value, seg, 0.95 if not found[0].ambiguous else 0.6
        prose = re.compile(
            r"\b(?:effective (?:as of|from|on)?|commenc(?:e|es|ing)(?: on)?|beginning(?: on)?|starting(?: on)?|start("
            r"?:s)? on|"
            r"with effect from|effective date(?: of| is|:)?|from|dated(?: as of)?|as of|begins on|start date(?: of| i"
            r"s)?|"
            r"entered into (?:on|as of)|effective date[\"”']?\s+(?:means|shall mean|is)|takes? effect (?:on|from|as o"
            r"f)|comes? into (?:effect|force) on|in effect from|"
            r"goes live on|begins?|starts|commences|(?:for|during) the period(?: of)?|^\s*start|"
            # "the credit pack will be activated on 1 November", "activation on": the service's start
            r"(?:be |is |are |gets? )?activated (?:on|from)|activation (?:on|from)|(?:go|going) live (?:on|from)|"
            r"(?:services?|subscription|work|billing|term|contract|agreement)\s+(?:start|begin|commence)s?(?:\s+on)?|"
            # '"Commencement Date" means 1 February 2027'; "we'll start you on", "services begin"
            r"(?:effective|commencement|start(?:ing)?|go-live|launch|service start) date[\"”']?"
            r"(?:\s+(?:means|shall mean|is|will be)|\s*:)|"
            # "Your subscription renews on 1 March 2027 for a further 12 months": the renewal starts then
            r"renews? on|(?:start|begin|commenc)\w*(?:\s+(?:you|service|services|work|billing))?\s+(?:on|from))"
            r"\s*(?:the\s+)?$",
            re.I,
        )
        best: tuple[date | None, Segment | None, float] = max(
            (self._start_defined_in_brackets(), self._start_of_a_term_range()), key=lambda item: item[2]
        )
        for seg in self.segments:
            for found in self.dates(seg.text):
                before = seg.text[max(0, found.start - 60) : found.start]
                # "Service starts Monday 2 August 2027": the day of the week between the verb and the date
                before = _WEEKDAY_BEFORE.sub("", before)
                if prose.search(before) and not SUPERSEDED_RE.search(before):
                    word = prose.search(before).group(0).lower()  # type: ignore[union-attr]
                    conf = 0.9 if re.search(r"effective|commenc|start|begin", word) else 0.7
                    if re.search(r"dated|entered|as of", word) and not re.search(r"effective", word):
                        conf = 0.65
                    if re.search(r"^\s*from\s*$", word) and not re.search(
                        r"\b(?:term|period|service|subscription)\b", seg.text, re.I
                    ):
                        conf = 0.5
                    if self.money(seg.text) and not re.search(r"effective", word):
                        conf = min(conf, 0.6)  # "$3,500 per month starting March 1": that charge's start
                    if found.ambiguous:
                        conf = min(conf, 0.55)
                    if conf > best[2]:
                        best = (found.value, seg, conf)
        # a date a document or another agreement is "dated" (or "entered into as of") is weaker than a
        # table's "Start Date" column ("the Master Agreement between the parties dated 03/02/2024")
        column = self._dates_in_column(r"start|from|begin") if not best[0] or best[2] < 0.7 else []
        if column:
            return min(column, key=lambda item: item[0])[0], column[0][1], 0.7
        if best[0]:
            if best[2] < 0.6:
                self.rec.warn("start_date", "The start date is read from a date without a start or effective label.")
            return best
        yearless = self._start_without_year()
        if yearless[0]:
            return yearless
        return self._start_from_signatures()

    def _start_defined_in_brackets(self) -> tuple[date | None, Segment | None, float]:
        """ "invoiced on 3 June 2027 (the \"Service Start Date\")": a date defined as the start (an
        "Effective Date" so defined is a signature date: a start of service stated elsewhere wins)."""
        defined = re.compile(
            r"\s*,?\s*\(\s*(?:the\s+|hereinafter\s+)?[\"“'‘]?[\w -]{0,30}?\b"
            r"(?P<what>start|commencement|effective|go-live)\s+date\b",
            re.I,
        )
        best: tuple[date | None, Segment | None, float] = (None, None, 0.0)
        for seg in self.segments:
            for found in self.dates(seg.text):
                match = defined.match(seg.text[found.end : found.end + 60])
                confidence = 0.0 if not match else 0.8 if match.group("what").lower() == "effective" else 0.9
                if confidence > best[2]:
                    best = (found.value, seg, confidence)
        return best

    def _under_term_heading(self, seg: Segment) -> bool:
        """A bare date range right under a heading about the term ("3. Term of this Order" /
        "02.05.2028 - 30.11.2028")."""
        above = seg.context[-1] if seg.context else ""
        return bool(
            len(above.split()) <= 8
            and not self.dates(above)
            and re.search(r"(?i)\b(?:term|period|duration|validity|dates)\b", above)
            and not re.search(r"(?i)\b(?:payment|notice|renewal|billing|invoic)\w*", above)
        )

    def _start_of_a_term_range(self) -> tuple[date | None, Segment | None, float]:
        """ "Renewal term: 1 May 2027 to 30 April 2028" in a bullet, or a bare "01.03.2027 - 31.08.2027"
        under a "Term" heading: the range's first date is the start."""
        for seg in self.segments:
            if seg.kind not in ("prose", "field"):
                continue
            found = self.dates(seg.text)
            for first, second in zip(found, found[1:], strict=False):
                between = seg.text[first.end : second.start]
                if not re.fullmatch(r"\s*(?:to|through|thru|until|till|[-–—])\s*(?:and including\s+)?", between, re.I):
                    continue
                before = seg.text[: first.start]
                labelled = re.search(
                    r"(?i)\b(?:term|period|duration|validity|dates)\s*(?:of (?:this|the) \w+\s*)?[:：]?\s*"
                    r"(?:from\s+)?$",
                    before,
                )
                bare = not before.strip(" -–•*:") and self._under_term_heading(seg)
                # not "Billing period: 1 May 2027 - 31 May 2027", "Trial period: ..."
                other = re.search(
                    r"(?i)\b(?:billing|invoic\w*|payment|notice|trial|grace|pilot|promotional|discount|price|rate|"
                    r"free|evaluation)\s+(?:period|term|dates)\b",
                    before,
                )
                if (labelled or bare) and not other and not SUPERSEDED_RE.search(before) and not self.money(seg.text):
                    return first.value, seg, 0.85
        return None, None, 0.0

    def _start_without_year(self) -> tuple[date | None, Segment | None, float]:
        """A letter dated October 3, 2026 that says "Beginning November 1st": the next such day
        after the document's own date, with a warning."""
        dated = [found.value for seg in self.segments[:8] for found in self.dates(seg.text)]
        if not dated:
            return None, None, 0.0
        month_names = "|".join(sorted(p.MONTHS, key=len, reverse=True))
        for seg in self.segments:
            match = re.search(
                # ("starts 3rd of May", "go-live June 1": a chat message or an e-mail drops the "on")
                r"\b(?:beginning|starting|commencing|effective|starts?|begins?|go(?:es)?[- ]live|from)\s+(?:on\s+)?"
                r"(?:the\s+)?"
                rf"(?:(?P<m1>{month_names})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+"
                rf"(?:of\s+)?(?P<m2>{month_names}))\b(?!,?\s*\d{{4}})",
                seg.text,
                re.I,
            )
            if not match:
                continue
            month = p.MONTHS[(match.group("m1") or match.group("m2")).lower()]
            day = int(match.group("d1") or match.group("d2"))
            reference = dated[0]
            try:
                value = date(reference.year, month, day)
                if value < reference:
                    value = date(reference.year + 1, month, day)
            except ValueError:
                continue
            self.rec.warn(
                "start_date", "The start date is stated without a year: took the next one after the document's date."
            )
            return value, seg, 0.6
        return None, None, 0.0

    def _dates_in_column(self, header: str) -> list[tuple[date, Segment]]:
        """Dates in a line-item table's column ("Start Date", "End Date"), for documents that
        state the term only per line."""
        out = []
        for seg in self.segments:
            if seg.kind != "row" or not seg.header:
                continue
            for cell, title in zip(seg.cells, seg.header, strict=False):
                if re.search(rf"(?i)\b(?:{header})\w*\b.*\bdate|\bdate\b.*\b(?:{header})", title):
                    out += [(found.value, seg) for found in self.dates(cell)]
        return out

    def _start_from_signatures(self) -> tuple[date | None, Segment | None, float]:
        """ "Effective on the date of the last signature": the latest signature date; else the
        document's own date, as a guess that says so."""
        if any(
            re.search(
                r"\blast signature|\bdate (?:last|finally) signed|\blater of the (?:two |both )?(?:signature |executi"
                r"on )?dates|"
                r"\b(?:last|final) (?:party to )?sign|\bfully executed|\bexecution date",
                s.text,
                re.I,
            )
            for s in self.segments
        ):
            signed = [
                (found.value, seg)
                for seg in self.segments
                if re.search(r"\bsign|\bdate\b", seg.text, re.I)
                and seg.kind == "field"
                and re.search(r"\bdate|\bsigned|\bsignature", seg.label, re.I)
                for found in self.dates(seg.value)
            ]
            # a signature line in prose: "Acme Inc. - By: Dan Ortiz - Date: 18 Sept 2026",
            # "signed by Ana Ruiz on 2026-07-08"
            signed += [
                (found.value, seg)
                for seg in self.segments
                if seg.kind in ("prose", "field")
                and re.search(r"\bsigned\b|\bBy:|\bsignature\b", seg.text, re.I)
                and not re.search(r"\blast signature|\blater of", seg.text, re.I)
                for found in self.dates(seg.text)
            ]
            if signed:
                value, seg = max(signed, key=lambda item: item[0])
                self.rec.warn("start_date", "Effective on the last signature: took the latest signature date.")
                return value, seg, 0.7
        for seg in self.fields_labelled(r"date|order date|quote date|datum"):
            found = self.dates(seg.value)
            if found:
                self.rec.warn("start_date", "No start date stated: took the document's date.")
                return found[0].value, seg, 0.45
        return None, None, 0.0

    def _end_date(self, start: date | None) -> tuple[date | None, Segment | None, float, str | None]:
        for seg in self.fields_labelled(
            r"(?:contract |subscription |service |order |agreement |term |initial term )?(?:end|expiration|expiry|ter"
            r"mination)"
            r"(?: date)?|term end|vertragsende|ends on|date de fin"
        ):
            found = self.dates(seg.value)
            # an "Expiration Date" before the start is a quote's or an offer's, not the contract's
            if (
                found
                and not (start and found[0].value <= start)
                and not re.search(r"quot|offer|proposal", seg.label, re.I)
            ):
                return self._exclusive(found[0].value, start), seg, 0.9, None
        by_length = self._end_from_length(start)
        for seg in self.segments:
            if by_length is not None and (self.money(seg.text) or YEAR_OF_TERM_RE.search(seg.text)):
                # "$1,000 per month from ... to ...": a price's period, when the term is stated; so is
                # "Contract Year 1 runs from January 1 to December 31": one year of a longer term
                continue
            for found in self.dates(seg.text):
                before = seg.text[max(0, found.start - 50) : found.start]
                # the term a renewal replaces, unless what is ordered is co-terminous with it (an add-on
                # to an existing subscription ends with it) or the term goes on as it is (an amendment:
                # "the current term is unchanged and ends on ...")
                if SUPERSEDED_RE.search(f"{seg.label} {before}") and not re.search(
                    r"\bco-?termin|\bunchanged\b|\bnot (?:be )?(?:changed|affected|extended)\b|\bunaffected\b",
                    seg.text,
                    re.I,
                ):
                    continue
                if re.search(
                    r"\b(?:through|thru|until|till|to|ending(?: on)?|ends(?: on)?|expires?(?: on)?|expiring on|end on|"
                    r"terminat\w* on|up to and including|bis|end(?: date)?\s*:)\s*(?:and including\s+)?(?:the\s+)?$"
                    r"|\d{4}\s*[-–]\s*$",
                    before,
                    re.I,
                ):
                    if start and found.value <= start:
                        continue
                    if (
                        not self._under_term_heading(seg)
                        and not re.search(
                            r"\bterm\b|\bservice|\bsubscription|\bagreement|\bcontract|\bperiod|\bfrom\b|\bcommenc|"
                            # "Effective: 2027-05-01 through 2028-04-30", "Engagement dates: March 1 - May 9"
                            r"\bstart|\beffective\b|\bengagement\b|\bvalid(?:ity)?\b|"
                            # "Flight dates: 03/01/2028 - 08/31/2028", "Period of Performance", "Vigência"
                            r"\bflight\b|\bcampaign\b|\bperformance\b|\bvig[eê]ncia\b|\blooptijd\b|\blaufzeit\b",
                            seg.text,
                            re.I,
                        )
                        or re.search(r"\bcredits?\b|\bquote\b|\boffer\b|\bproposal\b|\binvoice", seg.text, re.I)
                    ):
                        continue
                    return self._exclusive(found.value, start), seg, 0.85, None
        if by_length is not None:
            return by_length
        column = self._dates_in_column(r"end|to|until|through")
        if column:
            last, seg = max(column, key=lambda item: item[0])
            return self._exclusive(last, start), seg, 0.7, None
        return None, None, 0.0, None

    def _end_from_length(self, start: date | None) -> tuple[date, Segment, float, None] | None:
        """The end from a stated length: "an initial term of 12 months", "from 15 September for
        twelve months", "Contract Term (months) | 24"."""
        if not start:
            return None
        for seg in self._term_sentences():
            # "renews on 1 May 2029 for a further year": one year
            one_more = r"(?i)\b(?:a|an|one)\s+(further|additional|initial)\s+(year|month)\b"
            seg = replace(seg, text=re.sub(one_more, r"\1 1 \2", seg.text))
            if re.search(
                r"\b(?:initial |subscription |contract |service |minimum )?term\b|\bperiod of\b|\bduration\b|"
                # "Subscription length: 12 months"
                r"\b(?:subscription|contract|agreement|licen[cs]e|order|service) length\b|"
                r"\blaufzeit|\bdurée|\bduraci[oó]n|\bdurata|\bprazo\b|\bvigência|\bduração|\blooptijd|\bvertragsdauer|"
                r"\bavtalstid|\bl[öø]ptid|\bbind(?:n)?ingstid|\bavtaleperiode|\baftaleperiode|\bvarighe[dt]|"
                r"\b(?:continues?|runs?|lasts?|remains? in (?:force|effect)) for\b|\b(?:runs?|lasts?) \d|"
                # "License period: twelve (12) months beginning June 1, 2026"
                r"(?<!payment )(?<!notice )(?<!grace )(?<!trial )(?<!billing )\bperiod\b\s*:|"
                r"\b(?:from|starting|beginning|commencing|starts|begins|commences|renews? on)\b[^.]{0,40}?\bfor\s",
                seg.text,
                re.I,
            ) and not re.search(r"\bpayment term|\brenewal term|\bnotice\b", seg.text, re.I):
                match = (
                    re.search(
                        r"(?:term|period|duration|length|laufzeit|durée|duración|duracion|durata|prazo|vigência|duração|"
                        r"looptijd|vertragsdauer|avtalstid|l[öø]ptid|bind(?:n)?ingstid|avtaleperiode|aftaleperiode|"
                        r"varighe[dt])\b[^.]{0,60}?" + p.DURATION_RE.pattern,
                        seg.text,
                        re.I,
                    )
                    or re.search(
                        r"\b(?:continues?|runs?|lasts?|remains? in (?:force|effect))\s+(?:for\s+)?(?:a (?:period|term)"
                        r" of\s+)?" + p.DURATION_RE.pattern,
                        seg.text,
                        re.I,
                    )
                    or re.search(
                        r"\b(?:from|starting|beginning|commencing|starts|begins|commences|renews? on)\b[^.]{0,40}?"
                        r"\bfor\s+(?:an? )?(?:initial |further |additional )?(?:(?:period|term) of\s+)?"
                        + p.DURATION_RE.pattern,
                        seg.text,
                        re.I,
                    )
                    or (
                        re.search(
                            p.DURATION_RE.pattern + r"[^.]{0,25}?\b(?:term|period|subscription|agreement|commitment)\b",
                            seg.text,
                            re.I,
                        )
                    )
                )
                if match:
                    length = p.duration(match.group(0))
                    if length:
                        return start + length, seg, 0.85, None
        # "Start: 01.05.2028, 12 months", "Start 1 March 2028, 24 months": a length right after the start
        for seg in self._term_sentences():
            match = re.search(
                r"(?i)^\s*(?:start(?:s|ing)?(?: date)?|commenc\w*|go[- ]live|begin\w*)\b\s*:?[^,;]{4,30}?,\s*"
                + r"(?:for\s+)?"
                + p.DURATION_RE.pattern
                + r"\s*(?:[.;)]|$)",
                seg.text,
            )
            length = p.duration(match.group(0)[match.group(0).rindex(",") :]) if match else None
            if length:
                return start + length, seg, 0.8, None
        # "Contract Term (months) | 24": the unit in the label, the number in the value.
        for seg in self.fields_labelled(r"(?:contract |subscription |initial |service )?(?:term|duration)\b.*"):
            unit = re.search(r"(?i)\b(months?|years?)\b", seg.label)
            number = re.fullmatch(r"\s*(\d{1,3})\s*", seg.value)
            if unit and number and not re.search(r"(?i)payment|notice|renewal", seg.label):
                length = p.duration(f"{number.group(1)} {unit.group(1)}")
                if length:
                    return start + length, seg, 0.85, None
        return None

    def _term_sentences(self) -> list[Segment]:
        """The segments, each sentence on its own, so that "Payment terms: 30 days" beside
        "Subscription term: 36 months" does not hide the term. A renewal term that begins on a
        date ("Renewal Term: 36 months beginning 2026-11-01") is the term this document orders."""
        out = []
        for seg in self.segments:
            for sentence in re.split(r"(?<=[.;])\s+(?=[A-Z])", seg.text):
                text = sentence
                if re.search(r"\brenewal term\b[^.]{0,60}\b(?:beginning|commencing|starting|from)\b", text, re.I):
                    text = re.sub(r"(?i)\brenewal term\b", "term", text)
                out.append(replace(seg, text=text))
        return out

    @staticmethod
    def _exclusive(end: date, start: date | None) -> date:
        """Documents state the last day of service ("through December 31"); the contract's end is
        exclusive. A stated end on the start's day of the month (Mar 1 -> Mar 1) is already an
        anniversary, so it stays."""
        if start and end.day == start.day and end != start:
            return end
        return _add_days(end, 1)

    def _renewal(self) -> tuple[Segment, str] | None:
        for seg in self.segments:
            match = re.search(
                r"\b(?:auto(?:matically)?[- ]?renew\w*|renew\w* automatically|shall renew|will renew|renews for|everg"
                r"reen|"
                r"successive (?:renewal )?(?:terms|periods)|verlängert sich automatisch|automatische verlängerung|"
                r"stillschweigend verlängert|tacite reconduction|then month[- ]to[- ]month|tacit(?:ly)? renew\w*|"
                r"renew\w* tacitly|rinnovo tacito|"
                r"(?:extend|prolong)\w* automatically|automatically (?:extend|prolong)\w*|"
                r"notice of non-?renewal|(?:from )?year[- ]to[- ]year|successive (?:one|1|twelve|12)[- ](?:year|month)|"
                r"renova(?:do|da|ção|-se)? automatica(?:mente)?|renovação automática|prorroga\w* automáticamente|"
                r"renovación automática|tácitamente|reconduit tacitement|reconduction tacite|"
                r"renouvel\w* automatiquement|(?:renouvellement|reconduction) automatique|reconduit automatiquement|"
                r"rinnovo automatico|si rinnova automaticamente|automatische verlenging|stilzwijgende verlenging|"
                r"stilzwijgend verlengd|automatisch verlengd|wordt verlengd|automatisch um|"
                r"continues? (?:on a )?month[- ]to[- ]month|renew\w* (?:annually|yearly|monthly|each year) thereafter|"
                r"(?:is|are|be) (?:thereafter |then )?renewed for (?:further "
                r"|additional |subsequent |consecutive )?(?:periods|terms)|rolling ("
                r"?:monthly|annual))",
                seg.text,
                re.I,
            )
            if (
                match
                and not re.search(
                    # "sans reconduction tacite", "ohne automatische Verlängerung", "sin renovación automática"
                    r"\b(?:not|no|never|neither|without|sans|pas de|aucune?|ohne|keine?|nicht|sin|ni|senza|nessun[oa]?|"
                    r"sem|nem|zonder|geen)\b[^.]{0,25}" + re.escape(match.group(0)),
                    seg.text,
                    re.I,
                )
                and not re.search(
                    r"\bwill not\b|\bshall not\b|\bdoes not\b|\bno auto", seg.text[: match.start() + 5], re.I
                )
                # "Auto-Renewal: No", "Automatic renewal - None": a form's renewal field answered no
                and not re.match(r"\s*(?:[:?|-]\s*)?(?:no|none|n/a|not applicable)\b", seg.text[match.end() :], re.I)
                # "Auto Renew | No", "Automatic renewal: N", "Evergreen: false": a form's answer
                and not (
                    seg.kind == "field"
                    and match.group(0).lower() in seg.label.lower()
                    and re.fullmatch(r"(?i)\s*(?:no|n|false|none|off|nein|non|nee|not applicable|n/a)\W*", seg.value)
                )
                and not self._renewed_once(seg.text, match)
            ):
                return seg, match.group(0)
        return None

    def _renewed_once(self, text: str, match: re.Match[str]) -> bool:
        """ "your subscription renews for one further year from 1 March 2028 to 28 February 2029": a
        renewal agreed for a stated period (with its last day), not an automatic renewal."""
        if not re.fullmatch(r"(?i)renews for|will renew|shall renew", match.group(0)):
            return False
        sentence = re.split(r"\.(?:\s|$)", text[match.end() :], maxsplit=1)[0]
        return any(
            re.search(r"(?i)\b(?:to|until|till|through|ending(?: on)?)\s*$", sentence[: found.start])
            for found in self.dates(sentence)
        )

    def alignment(self) -> None:
        for seg in self.segments:
            match = re.search(
                r"\bcalendar[- ](?:month|quarter|year)s?\b|\bfirst (?:day|business day) of (?:each|every|the) (?:cale"
                r"ndar )?"
                r"month|\b1st (?:day )?of (?:each|every|the) month|\bco-?termin|\baligned to the calendar|"
                r"\bprorated (?:first|initial|partial)|\bpartial (?:first )?month",
                seg.text,
                re.I,
            )
            if not match:
                continue
            word = match.group(0).lower()
            # "co-terminous with your existing Subscription Term": the end date, not the invoice dates
            if word.startswith("co") and not re.search(r"\b(?:bill|invoic|charg|pro-?rat|calendar)", seg.text, re.I):
                continue
            # "the band reached in a calendar month": how usage is counted, not when invoices fall
            counted = re.search(
                r"\b(?:count|measur|calculat|comput|aggregat|track|meter|reset|tall|record)\w*\s+(?:per|each|in|by"
                r"|within|over|for)\s+(?:a |the |each |every )?$|"
                # "all messages sent in a calendar month", "records processed during a calendar month"
                r"\b(?:sent|delivered|processed|consumed|used|made|received|handled|submitted|generated|transferred"
                r"|placed|executed|issued|completed)\s+(?:in|during|within|over)\s+(?:a |the |each |every |any )?$",
                seg.text[max(0, match.start() - 40) : match.start()],
                re.I,
            ) or re.match(
                # "the first 2,000,000 requests in each calendar month are included": an allowance's period
                r"\s*(?:are |is |will be )?(?:included|free of charge|at no (?:extra |additional )?(?:charge|cost))\b",
                seg.text[match.end() :],
                re.I,
            )
            if (
                word.startswith("calendar")
                and counted
                # "Charges are calculated per calendar quarter": the billing period, not a count of usage
                and not re.search(
                    r"charge|\bfees?\b|amount|price|cost|bill|invoic",
                    seg.text[max(0, match.start() - 60) : match.start()],
                    re.I,
                )
            ):
                continue
            if word.startswith("calendar") and not re.search(
                r"\b(?:bill|invoic|charg|pro-?rat|align|co-?term|fees? (?:are|is) (?:due|payable)|payable)",
                seg.text,
                re.I,
            ):
                continue
            if self._start_on_boundary(word, seg.text):
                continue
            self.data["billing_alignment"] = "calendar"
            self.rec.note("billing_alignment", seg, 0.8)
            return
        self.data["billing_alignment"] = "anniversary"
        self.rec.confidence["billing_alignment"] = 0.7

    def _start_on_boundary(self, word: str, text: str) -> bool:
        """ "charged per calendar month", "payable on the first day of each month" for a contract that starts on
        1 March: anniversary billing from a start on the period's first day already falls on the calendar, so an
        admin keeps the default unless the document asks for the calendar itself (invoices dated on the first day
        of each calendar month, a prorated first period, "aligned to")."""
        start = self.data.get("start_date")
        if (
            not start
            or re.search(r"\bpro-?rat|\bpartial|\balign|\bco-?term", text, re.I)
            or (word.startswith(("first", "1st")) and "calendar" in word)
        ):
            return False
        day = date.fromisoformat(start)
        if "quarter" in word:
            return day.day == 1 and day.month in (1, 4, 7, 10)
        if "year" in word:
            return (day.month, day.day) == (1, 1)
        return day.day == 1

    # -- currency -----------------------------------------------------------------------------
    def currency(self) -> str | None:
        # "CURR: NOK", "Ccy: EUR": an ERP report's abbreviated label
        for seg in self.fields_labelled(r"currency|billing currency|währung|devise|invoice currency|curr|ccy|crncy"):
            code = re.search(rf"\b({p._CODE})\b", seg.value.upper())
            worded = next((c for w, c in p.CURRENCY_WORDS.items() if w in seg.value.lower()), None)
            if code or worded:
                value = code.group(1) if code else worded
                self.rec.note("currency", seg, 0.98)
                self.stated_currency = value
                return value
        for seg in self.segments:
            match = re.search(
                rf"\b(?:in|denominated in|payable in|stated in|currency (?:is|of))\s+(?:the\s+)?({p._CODE})\b", seg.text
            )
            if match and re.search(r"\b(?:amounts|fees|prices|payments|invoices|currency|charges)\b", seg.text, re.I):
                self.rec.note("currency", seg, 0.95)
                return match.group(1)
            for word, code in p.CURRENCY_WORDS.items():
                if re.search(rf"\b(?:in|denominated in|payable in)\s+{re.escape(word)}\b", seg.text, re.I):
                    self.rec.note("currency", seg, 0.9)
                    return code
        counts: dict[str, list[tuple[p.Money, Segment]]] = {}
        for seg in self.segments:
            for money in self.money(seg.text):
                counts.setdefault(money.currency or "", []).append((money, seg))
        if not counts:
            for seg in self.segments:
                currency_cells = [
                    c for c, h in zip(seg.cells, seg.header, strict=False) if re.search(r"(?i)currency|ccy", h)
                ]
                header = p.title_currency_code(" ".join([*seg.header, *currency_cells]))
                # "Rate (£)": a currency sign in a column title
                sign = re.search(r"[(\[]\s*([$€£¥])\s*[)\]]", " ".join(seg.header))
                code = header or (p.find_money(f"{sign.group(1)}1")[0].currency if sign else None)
                if code:  # "Price (EUR)": the table's header carries the currency
                    self.rec.note("currency", seg, 0.85, " | ".join(seg.header))
                    self.stated_currency = code
                    return code
            self.rec.warn("currency", "No currency stated anywhere in the document: enter it.")
            return None
        ranked = sorted(counts.items(), key=lambda item: -len(item[1]))
        ranked = _dollar_signs_of_the_named_currency(ranked)
        code, mentions = ranked[0]
        if len(ranked) > 1:
            others = ", ".join(c for c, _ in ranked[1:])
            self.rec.warn(
                "currency", f"Amounts in more than one currency ({code} and {others}): check the contract currency."
            )
        explicit = [m for m, _ in mentions if m.explicit]
        seg = mentions[0][1]
        named = None if explicit else self._currency_of_the_sign(code)
        if named is not None:
            self.rec.note("currency", named[1], 0.85)
            self.stated_currency = named[0]
            return named[0]
        if not explicit:
            self.rec.warn("currency", f"Only the '{mentions[0][0].text[0]}' sign is used: assumed {code}; check it.")
            self.rec.note("currency", seg, 0.6, mentions[0][0].text)
        else:
            self.rec.note("currency", seg, 0.9)
        return code

    def _currency_of_the_sign(self, code: str) -> tuple[str, Segment] | None:
        """The currency a bare sign stands for where the document names it only in a title: "Unit price
        (AUD ex GST)" over "$49.00" cells, "Fees (CAD)" above "$1,200 per month". One currency of the
        sign's family named so, or None (then the sign's usual currency, with a warning)."""
        family = SIGN_FAMILIES.get(code)
        if not family:
            return None
        named: dict[str, Segment] = {}
        pattern = rf"\b({'|'.join(family)})\b"
        for seg in self.segments:
            titles = [*seg.header, seg.label] if seg.kind != "prose" else []
            # "Pricing (AUD)", "Fees (NZD, excl. GST)": a code in brackets after a price word
            titles += re.findall(rf"(?i)\b(?:{PRICE_WORDS_RE.pattern})\s*\(([^()]{{2,30}})\)", seg.text)
            for title in titles:
                for found in re.findall(pattern, title):
                    named.setdefault(found, seg)
        if len(named) != 1:
            return None
        return next(iter(named.items()))

    # -- lines ----------------------------------------------------------------------------------
    def run(self) -> Extraction:
        customer = self.customer()
        currency = self.currency()
        customer["currency"] = currency
        if currency:
            self.rec.confidence["customer.currency"] = self.rec.confidence.get("currency", 0.8)
        self.term()
        self.alignment()
        self.data["currency"] = currency
        pricing = PricingReader(self)
        lines, commitment = pricing.read()
        lines = drop_implausible_lines(lines, self.rec)
        self.data["minimum_commitment"] = commitment
        self.data["lines"] = lines
        ordered = {
            "customer": customer,
            "start_date": self.data["start_date"],
            "end_date": self.data["end_date"],
            "currency": currency,
            "billing_alignment": self.data["billing_alignment"],
            "minimum_commitment": commitment,
            "lines": lines,
        }
        if not lines:
            self.rec.warn("lines", "No priced lines found in the document.")
        missing = self.document.pages_without_text()
        if missing:
            self.rec.warn(
                "document",
                f"Page(s) {', '.join(str(page) for page in missing)} have no text layer (scanned?): "
                "their terms were not read; check them by hand.",
            )
        return Extraction(ordered, self.rec.evidence, self.rec.confidence, self.rec.warnings)


def extract(document: Document) -> Extraction:
    """Draft a contract from a document that has text (see reader.read_document)."""
    return _Extractor(document).run()
