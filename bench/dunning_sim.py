"""A synthetic payer population for the dunning backtest (bench/dunning_backtest.py).

Each payer follows one behaviour that decides whether a card charge at a given moment succeeds.
The behaviours are plausible structures, not the policy's assumptions: the policy never sees a
payer's behaviour, only its attempts.

- payday_monthly: money arrives on one day of the month (1st, 15th, 25th or the last day);
  charges succeed in the few days after it, insufficient_funds otherwise.
- payday_weekly: paid on Fridays; the weekend after is the time to charge.
- office_hours: a corporate card whose rules allow charges on weekdays in office hours only.
- statement_cycle: a credit card near its limit until the statement is paid (card_velocity_exceeded).
- transient: processor and issuer errors that clear within hours.
- churning: a payer on the way out; almost nothing succeeds.
- hard_decline: the card is expired, lost or stolen; nothing will succeed.

Two things around the payments, as in life: a payer's card is sometimes issued abroad (cross-border
charges are declined a little more often, whatever the behaviour), and every payer uses the
product (weekly usage events): most steadily or growing slowly, some shrinking for no payment
reason, and churning payers' usage falls month after month.
"""

from __future__ import annotations

import calendar
import hashlib
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

BEHAVIOURS = (
    "payday_monthly",
    "payday_weekly",
    "office_hours",
    "statement_cycle",
    "transient",
    "churning",
    "hard_decline",
)
WEIGHTS = (0.22, 0.14, 0.2, 0.14, 0.14, 0.08, 0.08)
ZONES = ("America/New_York", "America/Los_Angeles", "Europe/Berlin", "Europe/London", "Asia/Tokyo", "Australia/Sydney")
COUNTRY = {
    "America/New_York": "US",
    "America/Los_Angeles": "US",
    "Europe/Berlin": "DE",
    "Europe/London": "GB",
    "Asia/Tokyo": "JP",
    "Australia/Sydney": "AU",
}
FOREIGN_CARD_SHARE = 0.15
FOREIGN_CARD_FACTOR = 0.85  # cross-border charges succeed a little less often
USAGE_START = datetime(2024, 10, 1, tzinfo=UTC)
BRANDS = ("visa", "mastercard", "amex")
FUNDING = {
    "payday_monthly": "debit",
    "payday_weekly": "debit",
    "office_hours": "credit",
    "statement_cycle": "credit",
    "transient": "credit",
    "churning": "prepaid",
    "hard_decline": "credit",
}


def _u(*parts: object) -> float:
    """A uniform number fixed by its inputs: the same moment gets the same outcome for every
    policy (common random numbers)."""
    digest = hashlib.blake2b("|".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


@dataclass
class Payer:
    id: str
    behaviour: str
    tz: ZoneInfo
    billing_day: int
    billing_hour_utc: int
    amount: float
    brand: str
    funding: str
    payday: int  # day of month (monthly payers), 0 = last day
    statement_day: int
    country: str = "US"
    card_country: str = "US"
    usage_level: float = 100.0  # weekly usage at USAGE_START
    usage_growth: float = 0.0  # per 30 days, e.g. -0.1 = falling 10% a month

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.tz)

    def _days_since_monthly(self, local: datetime, day: int) -> int:
        last = calendar.monthrange(local.year, local.month)[1]
        target = last if day == 0 else min(day, last)
        if local.day >= target:
            return local.day - target
        prev = local.replace(day=1) - timedelta(days=1)
        prev_last = calendar.monthrange(prev.year, prev.month)[1]
        prev_target = prev_last if day == 0 else min(day, prev_last)
        return local.day + prev_last - prev_target

    def probability(self, moment: datetime, *, episode: str, last_attempt: datetime | None) -> float:
        p = self._probability(moment, episode=episode, last_attempt=last_attempt)
        return p * FOREIGN_CARD_FACTOR if self.card_country != self.country else p

    def usage_at(self, moment: datetime) -> float:
        """The week's usage ending at ``moment`` (noisy around the payer's trend)."""
        months = (moment - USAGE_START).total_seconds() / (30 * 86400)
        noise = 0.75 + 0.5 * _u(self.id, moment.date().isoformat(), "usage")
        return self.usage_level * (1 + self.usage_growth) ** months * noise

    def _probability(self, moment: datetime, *, episode: str, last_attempt: datetime | None) -> float:
        local = self.local(moment)
        b = self.behaviour
        if b == "payday_monthly":
            return 0.88 if self._days_since_monthly(local, self.payday) <= 4 else 0.04
        if b == "payday_weekly":
            days_since_friday = (local.weekday() - 4) % 7
            return 0.85 if days_since_friday <= 2 else 0.06
        if b == "office_hours":
            return 0.9 if local.weekday() < 5 and 9 <= local.hour < 17 else 0.03
        if b == "statement_cycle":
            since = self._days_since_monthly(local, self.statement_day)
            return 0.9 if 1 <= since <= 12 else 0.08
        if b == "transient":
            if last_attempt is not None and (moment - last_attempt) < timedelta(hours=1):
                return 0.3
            return 0.82
        if b == "churning":
            return 0.04
        return 0.0 if episode == "hard" else 0.95

    def decline_code(self, moment: datetime, *, episode: str) -> str:
        b = self.behaviour
        r = _u(self.id, moment.isoformat(), "code")
        if episode == "hard":
            return ("expired_card", "lost_card", "stolen_card", "do_not_try_again")[int(r * 4)]
        if b in ("payday_monthly", "payday_weekly"):
            return "insufficient_funds"
        if b == "office_hours":
            return "do_not_honor" if r < 0.6 else "generic_decline"
        if b == "statement_cycle":
            return "card_velocity_exceeded" if r < 0.7 else "insufficient_funds"
        if b == "transient":
            return "processing_error" if r < 0.6 else "issuer_not_available"
        return "generic_decline" if r < 0.5 else "insufficient_funds"


def population(n: int, seed: int) -> list[Payer]:
    rng = random.Random(seed)
    payers = []
    for i in range(n):
        behaviour = rng.choices(BEHAVIOURS, WEIGHTS)[0]
        zone = rng.choice(ZONES)
        country = COUNTRY[zone]
        card_country = country
        if rng.random() < FOREIGN_CARD_SHARE:
            card_country = rng.choice([c for c in sorted(set(COUNTRY.values())) if c != country])
        if behaviour == "churning":
            growth = rng.uniform(-0.2, -0.08)
        elif rng.random() < 0.15:
            growth = rng.uniform(-0.12, -0.03)  # shrinking for reasons that have nothing to do with paying
        else:
            growth = rng.uniform(-0.02, 0.05)
        payers.append(
            Payer(
                id=f"payer-{seed}-{i:05d}",
                behaviour=behaviour,
                tz=ZoneInfo(zone),
                billing_day=rng.randint(1, 28),
                billing_hour_utc=rng.choice((0, 2, 5, 8, 11, 14, 17, 20, 23)),
                amount=round(rng.choice((49, 99, 199, 499, 720, 1500)) * rng.uniform(0.8, 1.3), 2),
                brand=rng.choice(BRANDS),
                funding=FUNDING[behaviour],
                payday=rng.choice((1, 15, 25, 0)),
                statement_day=rng.randint(1, 28),
                country=country,
                card_country=card_country,
                usage_level=rng.choice((20.0, 200.0, 2000.0, 20000.0)) * rng.uniform(0.5, 2),
                usage_growth=growth,
            )
        )
    return payers


def usage_events(payers: list[Payer], *, until: datetime, metric: str) -> list[dict]:
    """Weekly usage events of every payer from USAGE_START to ``until`` (api.md's event shape)."""
    events = []
    for payer in payers:
        moment = USAGE_START + timedelta(hours=int(_u(payer.id, "usage-hour") * 24 * 7))
        while moment < until:
            events.append(
                {
                    "idempotency_key": f"use-{payer.id}-{moment:%Y%m%d}",
                    "customer": payer.id,
                    "metric": metric,
                    "timestamp": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "quantity": str(round(payer.usage_at(moment))),
                }
            )
            moment += timedelta(days=7)
    return events


@dataclass
class Invoice:
    payer: Payer
    id: str
    first_at: datetime
    episode: str  # "hard" when the card is dead this month, else ""


def invoices(payers: list[Payer], *, start: datetime, months: int) -> list[Invoice]:
    out = []
    for payer in payers:
        for m in range(months):
            year, month = start.year + (start.month - 1 + m) // 12, (start.month - 1 + m) % 12 + 1
            first = datetime(year, month, payer.billing_day, payer.billing_hour_utc, 7, tzinfo=UTC)
            episode = ""
            if payer.behaviour == "hard_decline" and _u(payer.id, year, month, "hard") < 0.5:
                episode = "hard"
            out.append(Invoice(payer=payer, id=f"in-{payer.id}-{year}{month:02d}", first_at=first, episode=episode))
    return out


def outcome(invoice: Invoice, moment: datetime, last_attempt: datetime | None) -> tuple[bool, str]:
    p = invoice.payer.probability(moment, episode=invoice.episode, last_attempt=last_attempt)
    # One draw per invoice and hour: the same moment has the same outcome under every policy.
    succeeded = _u(invoice.id, moment.strftime("%Y%m%d%H")) < p
    return succeeded, "" if succeeded else invoice.payer.decline_code(moment, episode=invoice.episode)


def legacy_retry_times(invoice: Invoice, rng: random.Random) -> list[datetime]:
    """How the history's retries were made before this policy: half the invoices on the fixed day
    3 / day 7 schedule, half by a legacy "smart retries" scheme at varied times."""
    first = invoice.first_at
    if rng.random() < 0.5:
        return [first + timedelta(days=3), first + timedelta(days=7)]
    count = rng.randint(1, 4)
    hours = sorted(rng.sample(range(2, 14 * 24 - 1), count))
    return [first + timedelta(hours=h, minutes=rng.randint(0, 59)) for h in hours]
