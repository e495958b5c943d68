"""Money, numbers, dates, durations and cadences as contracts write them (US and European)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from dateutil.relativedelta import relativedelta

SYMBOLS = {
    "US$": "USD",
    "USD$": "USD",
    "C$": "CAD",
    "CA$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "NZ$": "NZD",
    "S$": "SGD",
    "HK$": "HKD",
    "R$": "BRL",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "Rs.": "INR",
    "Rs": "INR",
    "Fr.": "CHF",
    "kr": "SEK",
    "R": "ZAR",
    # written after the amount in their countries ("149,00 zł", "2 400 Kč")
    "zł": "PLN",
    "Kč": "CZK",
}
CODES = [
    "USD",
    "EUR",
    "GBP",
    "JPY",
    "CHF",
    "CAD",
    "AUD",
    "NZD",
    "SGD",
    "HKD",
    "SEK",
    "NOK",
    "DKK",
    "PLN",
    "CZK",
    "INR",
    "BRL",
    "MXN",
    "ZAR",
    "KWD",
    "AED",
    "CNY",
    "KRW",
    "ILS",
]
CURRENCY_WORDS = {
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "united states dollars": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds sterling": "GBP",
    "british pounds": "GBP",
    "swiss francs": "CHF",
    "japanese yen": "JPY",
    "canadian dollars": "CAD",
    "australian dollars": "AUD",
    "singapore dollars": "SGD",
    "new zealand dollars": "NZD",
    "hong kong dollars": "HKD",
    "mexican pesos": "MXN",
    "indian rupees": "INR",
    "south african rand": "ZAR",
    "swedish kronor": "SEK",
    "norwegian kroner": "NOK",
    "danish kroner": "DKK",
}

_NUMBER = r"\d{1,3}(?:[ '\u2019]\d{3})+(?:[.,]\d+)?|\d[\d,.]*\d|\d"
_SCALE_WORDS = r"k|K|m|M|mm|MM|bn|million|thousand|billion"
# "Rs. 75,000/-": the rupee written with letters (Indian documents)
# "R 4,500.00": the South African rand, only before an amount written with its cents
_SYMBOL = (
    r"US\$|USD\$|C\$|CA\$|A\$|AU\$|NZ\$|S\$|HK\$|R\$|\$|€|£|¥|₹|(?<![A-Za-z])Rs\.?(?=\s?\d)"
    # ("R 185 000,00", "R 1.650,00": with a decimal comma too)
    r"|(?<![A-Za-z])R(?=\s?\d{1,3}(?:[, ]\d{3})*\.\d{2}\b|\s?\d{1,3}(?:[ .]\d{3})*,\d{2}\b)"
    # "kr 4 500": the Scandinavian crown (which one, the document's stated currency says)
    r"|(?<![A-Za-z])kr\.?(?=\s?\d)"
)
_CODE = "|".join(CODES)
# "price_usd", "amount_eur", "Unit Price (usd)": a code in a column title, where a database or a
# deal-desk tool's CSV export joins the words by underscores and may write the code in lower case
_TITLE_CODE_RE = re.compile(rf"(?<![A-Za-z0-9])({_CODE})(?![A-Za-z0-9])", re.I)


def title_currency_code(title: str) -> str | None:
    """The ISO code a column title names ("Price (EUR)", "price_usd"), in upper case."""
    match = _TITLE_CODE_RE.search(title)
    return match.group(1).upper() if match else None


MONEY_RE = re.compile(
    rf"(?:(?P<sym>{_SYMBOL})\s?(?P<n1>{_NUMBER})(?:\s?(?P<s1>{_SCALE_WORDS})\b)?(?:\s?(?P<code_after_sym>{_CODE})\b)?"
    # ("MXN $500,000.00", "CAD $90": the code before the dollar sign says which dollar or peso)
    rf"|(?<![A-Za-z])(?P<code>{_CODE})\s?(?:\$\s?)?(?P<n2>{_NUMBER})(?:\s?(?P<s2>{_SCALE_WORDS})\b)?"
    rf"|(?<![\w.,])(?P<n3>{_NUMBER})(?:\s?(?P<s3>{_SCALE_WORDS})\b)?\s?(?P<code2>{_CODE}|€|£|kr\.?|zł|Kč)(?![A-Za-z]))"
)
PERCENT_RE = re.compile(rf"(?P<n>{_NUMBER})\s?(?:%|percent\b|per cent\b|pct\b)", re.I)
_SCALES = {"k": 1000, "thousand": 1000, "m": 10**6, "mm": 10**6, "million": 10**6, "bn": 10**9, "billion": 10**9}


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str | None  # None: no symbol or code at all
    explicit: bool  # an ISO code or an unambiguous symbol (not a bare "$")
    start: int
    end: int
    text: str


def to_decimal(raw: str, *, decimal_comma: bool = False) -> Decimal | None:
    """'1,234.56' / '1.234,56' / "1'234.50" / '0,004' -> Decimal; the last separator followed by
    other than three digits is the decimal one, and a document in European format decides ties."""
    text = raw.strip().replace("\u2019", "'").replace(" ", "").replace("'", "")
    if not text:
        return None
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    elif "," in text or "." in text:
        sep = "," if "," in text else "."
        parts = text.split(sep)
        if len(parts) > 2:  # 1,000,000 or 1.000.000
            text = "".join(parts)
        else:
            whole, fraction = parts
            thousands = len(fraction) == 3 and whole not in ("0", "")
            if thousands and sep == "." and not decimal_comma:
                thousands = False  # 1.500 in a US document is one and a half
            if thousands and sep == "," and decimal_comma:
                thousands = False  # 1,500 in a European document is one and a half
            text = whole + fraction if thousands else f"{whole}.{fraction}"
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value


def _scaled(value: Decimal, scale: str | None) -> Decimal:
    return value * _SCALES[scale.lower()] if scale else value


def find_money(text: str, *, decimal_comma: bool = False) -> list[Money]:
    found: list[Money] = []
    for match in MONEY_RE.finditer(text):
        number = match.group("n1") or match.group("n2") or match.group("n3")
        # "USD 200 monthly": a trailing space eaten by the number pattern must not join numbers.
        number = number.rstrip(" ")
        value = to_decimal(number, decimal_comma=decimal_comma)
        after = ("," if number.endswith(",") else "") + text[match.end() :]
        if re.match(r",[-–—]{1,2}(?!\d)", after) and re.fullmatch(r"\d{1,3}(?:[. ]\d{3})*,?", number):
            # "€ 2.500,-": whole euros, the dots group thousands (Dutch / German price notation)
            value = Decimal(re.sub(r"[. ,]", "", number))
        if value is None:
            continue
        scale = match.group("s1") or match.group("s2") or match.group("s3")
        if scale and scale.lower() in ("m", "mm") and match.group("n3"):
            scale = None
        value = _scaled(value, scale)
        if match.group("sym"):
            symbol = match.group("sym")
            code = match.group("code_after_sym") or SYMBOLS[symbol.rstrip(".") if symbol.startswith("kr") else symbol]
            explicit = bool(match.group("code_after_sym")) or not symbol.startswith(("$", "¥", "kr"))
        else:
            raw = match.group("code") or match.group("code2")
            code = SYMBOLS.get(raw.rstrip(".") if raw.startswith("kr") else raw, raw)
            explicit = not raw.startswith("kr")
        found.append(Money(value, code, explicit, match.start(), match.end(), match.group(0)))
    # "6¢ per label", "45 cents per minute": hundredths of a dollar (the document's currency decides)
    for match in CENTS_RE.finditer(text):
        if any(m.start <= match.start() < m.end for m in found):
            continue
        value = to_decimal(match.group("n"), decimal_comma=decimal_comma)
        if value is not None:
            found.append(Money(value / 100, "USD", False, match.start(), match.end(), match.group(0)))
    # "1.4% + 20p per transaction": pence
    for match in PENCE_RE.finditer(text):
        group = "n" if match.group("n") else "added"
        if not any(m.start <= match.start(group) < m.end for m in found):
            found.append(
                Money(
                    Decimal(match.group(group)) / 100,
                    "GBP",
                    False,
                    match.start(group),
                    match.end(),
                    text[match.start(group) : match.end()],
                )
            )
    return sorted(found, key=lambda money: money.start)


# "20p per transaction", "0.6p per page", "4.5 pence per page", "3p/min"
PENCE_RE = re.compile(
    r"(?<![\w.,$€£¥])(?P<n>\d{1,2}(?:\.\d{1,3})?)\s?(?:p|pence)(?=\s+(?i:per|each|a|for each)\b|\s?/\s?[a-z])"
    # "1.4% + 20p": pence added to a percentage
    r"|(?<=%)\s?\+\s?(?P<added>\d{1,2}(?:\.\d{1,3})?)\s?p\b"
)
CENTS_RE = re.compile(r"(?<![\w.,$€£¥])(?P<n>\d{1,3}(?:[.,]\d+)?)\s?(?:¢|cents?\b)", re.I)


BPS_RE = re.compile(rf"(?P<n>{_NUMBER})\s?(?:bps|basis points?|bp)\b", re.I)


def find_percentages(text: str, *, decimal_comma: bool = False) -> list[tuple[Decimal, int, int]]:
    """Percentages in the text, in order; basis points count as hundredths of a percent unless the
    same figure is also given as a percentage ("35 basis points (0.35%)")."""
    out = []
    for match in PERCENT_RE.finditer(text):
        value = to_decimal(match.group("n"), decimal_comma=decimal_comma)
        if value is not None:
            out.append((value, match.start(), match.end()))
    for match in BPS_RE.finditer(text):
        value = to_decimal(match.group("n"), decimal_comma=decimal_comma)
        if value is not None and not any(v == value / 100 for v, _, _ in out):
            out.append((value / 100, match.start(), match.end()))
    return sorted(out, key=lambda item: item[1])


QUANTITY_RE = re.compile(
    rf"(?<![\w$€£¥.,])(?P<n>{_NUMBER})(?:\s?(?P<scale>(?i:k|m|mm|bn|million|thousand|billion))\b)?"
)


def parse_quantity(raw: str, *, decimal_comma: bool = False) -> Decimal | None:
    match = QUANTITY_RE.search(raw)
    if not match:
        return None
    value = to_decimal(match.group("n").rstrip(" "), decimal_comma=decimal_comma)
    if value is None:
        return None
    return _scaled(value, match.group("scale"))


WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "eighteen": 18,
    "twenty-four": 24,
    "twenty four": 24,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
    "twenty-one": 21,
    "twenty one": 21,
    "thirty": 30,
    "thirty-six": 36,
    "thirty six": 36,
    "forty-five": 45,
    "forty five": 45,
    "sixty": 60,
    "ninety": 90,
}


_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SPELLED_RE = re.compile(
    rf"\b(?:(?P<tens>{'|'.join(_TENS)})(?:[- ](?P<unit>{'|'.join(_UNITS[1:10])}))?|(?P<small>{'|'.join(_UNITS[1:])}))"
    r"\b(?!-|\s*\(\d)",
    re.I,
)


_NUMBER_WORD = rf"(?:{'|'.join([*_UNITS[1:], *_TENS])}|hundred|thousand)"
# A count of several words followed by its figure: "one hundred and twenty (120)" ("five (5)" is left as it
# is: SPELLED_RE skips it and the figure is read).
_WORDS_THEN_FIGURE = re.compile(
    rf"\b{_NUMBER_WORD}(?:[\s-]+(?:and[\s-]+)?{_NUMBER_WORD})+\s*\((?P<figure>\d{{1,3}}(?:,\d{{3}})*|\d+)\)", re.I
)


def spelled_counts(text: str) -> str:
    """Counts written in words as digits: "twenty-five named users" -> "25 named users"; a count
    followed by its figure, "one hundred and twenty (120) users", is its figure ("120 users")."""
    text = _WORDS_THEN_FIGURE.sub(lambda m: m.group("figure").replace(",", ""), text)

    def digits(match: re.Match[str]) -> str:
        if match.group("small"):
            return str(_UNITS.index(match.group("small").lower()))
        value = _TENS[match.group("tens").lower()]
        if match.group("unit"):
            value += _UNITS.index(match.group("unit").lower())
        return str(value)

    return SPELLED_RE.sub(digits, text)


def word_number(raw: str) -> int | None:
    raw = raw.strip().lower()
    if raw.isdigit():
        return int(raw)
    return WORD_NUMBERS.get(raw)


# --- dates -------------------------------------------------------------------------------------

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
    # German, French, Spanish, Dutch: European documents
    "januar": 1,
    "janvier": 1,
    "enero": 1,
    "februar": 2,
    "février": 2,
    "fevrier": 2,
    "febrero": 2,
    "märz": 3,
    "maerz": 3,
    "mars": 3,
    "marzo": 3,
    "maart": 3,
    "avril": 4,
    "abril": 4,
    "mai": 5,
    "mayo": 5,
    "juni": 6,
    "juin": 6,
    "junio": 6,
    "juli": 7,
    "juillet": 7,
    "julio": 7,
    "août": 8,
    "aout": 8,
    "agosto": 8,
    "septembre": 9,
    "septiembre": 9,
    "oktober": 10,
    "octobre": 10,
    "octubre": 10,
    "novembre": 11,
    "noviembre": 11,
    "dezember": 12,
    "décembre": 12,
    "decembre": 12,
    "diciembre": 12,
    # Portuguese, Dutch and Italian month names not shared with the languages above
    "janeiro": 1,
    "januari": 1,
    "gennaio": 1,
    "fevereiro": 2,
    "februari": 2,
    "febbraio": 2,
    "março": 3,
    "marco": 3,
    "aprile": 4,
    "maio": 5,
    "mei": 5,
    "maggio": 5,
    "junho": 6,
    "giugno": 6,
    "julho": 7,
    "luglio": 7,
    "augustus": 8,
    "setembro": 9,
    "settembre": 9,
    "outubro": 10,
    "ottobre": 10,
    "novembro": 11,
    "dezembro": 12,
    "dicembre": 12,
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE_RE = re.compile(
    rf"(?P<iso>\b(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})\b)"
    rf"|(?P<mdy>\b(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})\b)"
    rf"|(?P<dmy>\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th|º|ª|°|er|e|o(?=\s+de\s)|a(?=\s+de\s))?\.?\s+(?:day\s+of\s+|of\s+|de\s+)?(?P<m2>{_MONTH})\.?,?\s+(?:de"
    rf"\s+)?(?P<y2>\d{{4}})\b)"
    rf"|(?P<slash>\b(?P<y5>\d{{4}})/(?P<m5>\d{{1,2}})/(?P<d5>\d{{1,2}})\b)"
    rf"|(?P<dash>\b(?P<d4>\d{{1,2}})[- ](?P<m4>{_MONTH})[- ](?P<y4>\d{{4}})\b)"
    # "15-MAR-28" (an ERP's day-month-year with a two-digit year)
    rf"|(?P<dash2>\b(?P<d6>\d{{1,2}})-(?P<m6>{_MONTH})-(?P<y6>\d{{2}})\b(?![-/.]\w))"
    rf"|(?P<num>\b(?P<a>\d{{1,2}})(?P<sep>[/.-])(?P<b>\d{{1,2}})(?P=sep)(?P<y3>\d{{4}})\b)"
    # "9/1/27", "12/31/28": a two-digit year (this century) with slashes only
    rf"|(?P<short>\b(?P<a6>\d{{1,2}})/(?P<b6>\d{{1,2}})/(?P<y7>\d{{2}})\b(?![/.,]?\d))",
    re.I,
)


@dataclass(frozen=True)
class FoundDate:
    value: date
    start: int
    end: int
    ambiguous: bool  # 03/04/2026: day and month could be swapped


def _numeric_date(match: re.Match[str], day_first: bool) -> tuple[date, bool]:
    """ "05.03.2026", "3/14/2027", "9/1/27": the date, and whether day and month could be swapped."""
    if match.group("short"):
        a, b, year = int(match.group("a6")), int(match.group("b6")), 2000 + int(match.group("y7"))
    else:
        a, b, year = int(match.group("a")), int(match.group("b")), int(match.group("y3"))
    ambiguous = False
    if match.group("sep") == ".":
        day, month = a, b  # 05.03.2026 is always day first
    elif a > 12:
        day, month = a, b
    elif b > 12:
        month, day = a, b
    else:
        ambiguous = a != b
        day, month = (a, b) if day_first else (b, a)
    return date(year, month, day), ambiguous


def find_dates(text: str, *, day_first: bool = False) -> list[FoundDate]:
    found: list[FoundDate] = []
    for match in DATE_RE.finditer(text):
        ambiguous = False
        try:
            if match.group("iso"):
                value = date(int(match.group("iy")), int(match.group("im")), int(match.group("id")))
            elif match.group("slash"):
                value = date(int(match.group("y5")), int(match.group("m5")), int(match.group("d5")))
            elif match.group("mdy"):
                value = date(int(match.group("y1")), MONTHS[match.group("m1").lower()], int(match.group("d1")))
            elif match.group("dash2"):
                value = date(2000 + int(match.group("y6")), MONTHS[match.group("m6").lower()], int(match.group("d6")))
            elif match.group("dash"):
                value = date(int(match.group("y4")), MONTHS[match.group("m4").lower()], int(match.group("d4")))
            elif match.group("dmy"):
                value = date(int(match.group("y2")), MONTHS[match.group("m2").lower()], int(match.group("d2")))
            else:
                value, ambiguous = _numeric_date(match, day_first)
        except (ValueError, KeyError):
            continue
        found.append(FoundDate(value, match.start(), match.end(), ambiguous))
    # "the first day of October 2026", "the 15th day of March, 2027" (legal prose)
    for match in ORDINAL_DAY_RE.finditer(text):
        if any(f.start < match.end() and match.start() < f.end for f in found):
            continue
        day = ORDINAL_DAYS.get(match.group("d").lower()) or int(re.sub(r"\D", "", match.group("d")) or 0)
        try:
            value = date(int(match.group("y")), MONTHS[match.group("m").lower()], day)
        except (ValueError, KeyError):
            continue
        found.append(FoundDate(value, match.start(), match.end(), False))
    return sorted(found, key=lambda f: f.start)


ORDINAL_DAYS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "fifteenth": 15, "last": 0}
ORDINAL_DAY_RE = re.compile(
    r"\b(?:the\s+)?(?P<d>first|second|third|fourth|fifth|fifteenth|\d{1,2}(?:st|nd|rd|th)?)\s+day\s+of\s+"
    r"(?P<m>january|february|march|april|may|june|july|august|september|october|november|december)"
    r"(?:,)?\s+(?P<y>\d{4})\b",
    re.I,
)


# --- durations and cadences --------------------------------------------------------------------

DURATION_RE = re.compile(
    r"(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty[- ]four|"
    r"thirty[- ]six)\s*(?:\(\d+\)\s*|\([a-zà-ú]+(?:[ -][a-zà-ú]+)?\)\s*)?[- ]?"
    # "three (3) Contract Years", "12 consecutive months": a qualifier before the unit
    r"(?:(?:contract|subscription|consecutive|calendar|full)\s+)?"
    r"(?P<unit>years?|months?|weeks?|days?|mos?(?=\.|\b)|mths?|yrs?|monaten|monate?|jahren|jahre?|mois|"
    r"ans?|années|annees|meses|mes|años|año|anos|ano|mesi|anni|maanden|maand|jaren|jaar|"
    # Swedish, Danish, Norwegian: "24 månader", "12 måneder", "3 år"
    r"månader|månad|måneder|måned|år)\b",
    re.I,
)


def duration(text: str) -> relativedelta | None:
    match = DURATION_RE.search(text)
    if not match:
        return None
    count = word_number(match.group("n"))
    if count is None:
        return None
    unit = match.group("unit").lower().rstrip("s")
    unit = {
        "monat": "month",
        "monate": "month",
        "mois": "month",
        "moi": "month",
        "jahr": "year",
        "jahre": "year",
        "an": "year",
        "mese": "month",  # "meses" without its s
        "me": "month",  # "mes"
        "mesi": "month",
        "año": "year",
        "anni": "year",
        "monaten": "month",
        "jahren": "year",
        "année": "year",
        "annee": "year",
        "ano": "year",
        "maanden": "month",
        "maand": "month",
        "jaren": "year",
        "jaar": "year",
        "månader": "month",
        "månad": "month",
        "måneder": "month",
        "måned": "month",
        "år": "year",
        "mo": "month",
        "mth": "month",
        "yr": "year",
    }.get(unit, unit)
    return {
        "year": relativedelta(years=count),
        "month": relativedelta(months=count),
        "week": relativedelta(weeks=count),
        "day": relativedelta(days=count),
    }[unit]


# (pattern, interval, count), most specific first
CADENCES: list[tuple[str, str, int]] = [
    (
        r"\b(?:semi-?annual(?:ly)?|bi-?annual(?:ly)?|half-?year(?:ly)?|twice a year|(?:every|each) (?:six|6) months|"
        r"per half[- ]year|each half[- ]year|halbjährlich|semestriel(?:le)?|semestral(?:mente)?|semestrale|"
        r"halfjaarlijks|per halfjaar)\b",
        "month",
        6,
    ),
    (r"\b(?:bi-?monthly|every (?:two|2) months|bimestral(?:mente)?|zweimonatlich)\b", "month", 2),
    (r"\b(?:biennial(?:ly)?|every (?:two|2) years|once every two years)\b", "year", 2),
    (
        r"\b(?:bi-?weekly|fortnightly|every (?:two|2) weeks|(?:per|each|every|a) fortnight|/\s?fortnight)\b",
        "week",
        2,
    ),
    (
        r"\b(?:quarterly|per quarter|each quarter|every quarter|a quarter|/\s?qtr|/\s?quarter|every (?:three|3) months"
        r"|calendar quarter|per calendar quarter|quarter-?ly|vierteljährlich|quartalsweise|pro quartal|je quartal|"
        r"trimestriel(?:le)?|par trimestre|trimestral(?:mente)?|por trimestre|trimestrale|per kwartaal|"
        r"driemaandelijks|elk kwartaal|kvartalsvis|per kvartal|pr\.? kvartal)\b",
        "month",
        3,
    ),
    (
        r"\b(?:annual(?:ly)?|yearly|per year|per annum|p\.a\.|pa\b(?=\s*[,;.)])|a year|each year|every year|"
        r"per calendar year|each contract year|every 12 months|every twelve months|/\s?yr|/\s?year|/\s?annum|"
        r"12-month(?!\s+(?:term|period|contract|initial|minimum|subscription|commitment|agreement|renewal))|"
        r"jährlich|pro jahr|je jahr|im jahr|annuel(?:le)?|par an|par année|"
        # "(12 months)", "$1,200 for 12 months" are a year; "a further 12 months", "for 12 months at £950 per
        # month" are how long, not how often
        r"(?<!further )(?<!initial )(?<!period of )(?<!term of )12 months(?!\s+(?:at|from|starting|beginning|"
        r"commencing|after)\b)|anual(?:mente)?|al año|por año|"
        r"ao ano|por ano|annuale|annualmente|all'anno|jaarlijks|per jaar|elk jaar)\b",
        "year",
        1,
    ),
    (
        r"\b(?:monthly|per month|a month|each month|every month|/\s?mo(?:nth)?|/\s?mth|per calendar month|p\.m\.|"
        r"pcm|per mensem|month-?ly|monatlich|pro monat|je monat|im monat|mtl|mensuel(?:le)?|par mois|al mes|por mes|"
        r"mensual(?:es|mente)?|ao mês|ao mes|por mês|mensal(?:mente)?|mensile|mensilmente|al mese|maandelijks|"
        r"per maand|elke maand)\b",
        "month",
        1,
    ),
    (
        r"\b(?:weekly|per week|a week|each week|every week|wöchentlich|pro woche|par semaine|por semana|"
        r"semanal(?:mente)?|wekelijks)\b",
        "week",
        1,
    ),
    (r"\b(?:daily|per day|a day|each day|every day|pro tag|par jour|por dia|por día|per dag)\b", "day", 1),
    # Swedish, Danish, Norwegian ("290 kr / mån", "månadsvis", "pr. måned", "årligen"), after the others
    (
        r"(?:\b(?:årligen|årsvis|årligt?|per år|pr\.? år)|/\s?år)(?!\w)",
        "year",
        1,
    ),
    (
        r"(?:\b(?:månadsvis|per månad|i månaden|månedligt?|per måned|pr\.? måned)|/\s?(?:mån|md|mnd))(?!\w)",
        "month",
        1,
    ),
]


def find_cadence(text: str) -> tuple[str, int, int] | None:
    """(interval, count, position) of the first cadence word in the text."""
    # "$1,125.00 / month": the spaced slash read as "/month" (the same length, so positions hold)
    text = re.sub(
        r"([ \t]+)/([ \t]+)(month|mo|year|yr|annum|quarter|qtr|week|wk|day)\b",
        lambda m: f"/{m.group(3)}" + " " * (len(m.group(1)) + len(m.group(2))),
        text,
        flags=re.I,
    )
    best: tuple[str, int, int] | None = None
    # "€30.00 / user / month": a spaced slash before a period word is "/month" (positions kept)
    text = re.sub(r"\s/(?=\s?(?:mo|mth|month|yr|year|annum|qtr|quarter)\b)", "x/", text, flags=re.I)
    for pattern, interval, count in CADENCES:
        match = re.search(pattern, text, re.I)
        if match and (best is None or match.start() < best[2]):
            best = (interval, count, match.start())
    # "every 4 months", "per six-month period", "each 2-week cycle", "per six months"
    every = re.search(
        r"\b(?:every|per|each)\s+(?P<n>\d{1,2}|two|three|four|five|six|eight|nine|ten|eleven|twelve)[- ]"
        r"(?P<u>month|week|day|year)(?:s\b|(?=[- ](?:period|term|cycle|interval|block|billing period)s?\b))",
        text,
        re.I,
    )
    count = word_number(every.group("n")) if every else None
    if every and count and (best is None or every.start() < best[2]):
        unit = every.group("u").lower()
        best = ("year", 1, every.start()) if (unit, count) == ("month", 12) else (unit, count, every.start())
    sprint = SPRINT_RE.search(text)
    if sprint and (best is None or sprint.start() < best[2]):
        best = ("week", sprint_weeks(text), sprint.start())
    return best


# "$18,000 per sprint", "invoiced at the end of each sprint": a sprint is a number of weeks (two unless stated)
SPRINT_RE = re.compile(r"\b(?:per|each|every|a|/)\s?(?:completed\s+)?sprint\b|\bsprintly\b", re.I)
SPRINT_LENGTH_RE = re.compile(
    r"\b(?P<n>\d|one|two|three|four)[- ](?:weeks?|wk)[- ]sprints?\b|\bsprints? (?:of|last(?:ing)?) "
    r"(?P<m>\d|one|two|three|four) weeks?\b",
    re.I,
)


def sprint_weeks(text: str) -> int:
    match = SPRINT_LENGTH_RE.search(text)
    raw = (match.group("n") or match.group("m")) if match else "2"
    return word_number(raw) or 2


def timing(text: str) -> str | None:
    lowered = text.lower()
    advance = re.search(
        r"\bin advance\b|\bup-?front\b|\bprepaid\b|\bpre-paid\b|\bpaid ahead\b|\bbeforehand\b|\bahead of (?:each|the)"
        r" (?:billing )?(?:period|month|quarter|year)\b|"
        r"\bat the (?:start|beginning|commencement) of (?:each|every|the)\b|"
        r"\bprior to the (?:start|beginning|commencement) of (?:each|every|the)\b|"
        r"\bfor the (?:coming|upcoming) (?:billing )?(?:month|quarter|year|period)\b|"
        r"\bvorschüssig|\bim voraus\b|\bvorab\b|\bà échoir|\bd'avance\b|"
        r"\bà l'avance\b|\bpar avance\b|\bpor (?:adelantado|anticipado)|\bpagos? anticipados?|\bantecipadamente\b|"
        r"\bantecipad[oa]s?\b|\badiantad[oa]s?\b|\bin anticipo\b|\banticipatamente\b|\bvooraf\b|\bvooruit\b|"
        r"\bin voorschot\b|\bi förskott\b|\bforskudd|\bforud\b|\bforudbetal",
        lowered,
    )
    arrears = re.search(
        r"\bin arrears?\b|\bat the end of (?:each|every|the)\b|\bafter the end of\b|\bfollowing the end of\b|"
        r"\bafter (?:each|every) (?:billing )?(?:month|quarter|period|year|week|fortnight|sprint)\b|"
        r"\bbased on (?:the )?actual\b|"
        r"\bfor the (?:preceding|previous|prior|past) (?:billing )?(?:month|quarter|year|period)\b|\bretrospectively\b|"
        r"\bpost-?paid\b|\bnachschüssig|\bim nachhinein\b|\bnachträglich\b|\bterme échu|\bà terme échu|"
        r"\bmes vencido|\bmês vencido|\bvencid[oa]s?\b|\bposticipat[oa]|\bachteraf\b|\bna afloop van\b|"
        r"\bi efterskott\b|\betterskudd|\bbagud\b|\bbagudbetal|"
        # "Mensal, pelo consumo (postecipada)": billed after the use, by what was used
        r"\bpostecipad[oa]s?\b|\bpós-?pag[oa]s?\b|\bpel[oa] consumo\b|\bpor consumo\b|\bseg[uú]n consumo\b",
        lowered,
    )
    if advance and not arrears:
        return "in_advance"
    if arrears and not advance:
        return "in_arrears"
    if advance and arrears:
        return "in_advance" if advance.start() < arrears.start() else "in_arrears"
    return None


def plain(value: Decimal) -> str:
    """A decimal as the API writes it: no exponent, no trailing zeros."""
    return format(value.normalize(), "f")
