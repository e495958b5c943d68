"""The vocabulary of pricing language the extractor reads: party labels, time zones, and the
patterns naming each kind of charge (one-time, milestone, prepaid, seats, usage, tiers, minimums),
with the helpers that turn a unit into a line code and a metric."""

from __future__ import annotations

import re

USAGE_MODELS = {"per_unit", "graduated", "volume", "package", "percentage"}
RECURRING_MODELS = USAGE_MODELS | {"flat", "per_seat"}

CUSTOMER_LABELS = (
    r"customer(?: legal)?(?: name)?|client(?: name)?|bill(?:ed)?[- ]to|invoice(?:d)?[- ]to|sold to|buyer|subscriber|"
    r"licensee|lessee|hirer|account(?: name)?|company name|customer entity|ordering entity|organisation|"
    r"organization|purchaser|"
    r"kunde|auftraggeber|besteller|cliente|contratante|acheteur|opdrachtgever|klant|afnemer|"
    r"client name|name of customer|end user|business name|organi[sz]ation name|legal name|"
    r"ordering (?:activity|agency|office|department)|advertiser|site host|tomador|r[ée]sident|ordered by|purchased by"
)
PROVIDER_ROLES = (
    r"provider|vendor|supplier|licensor|lessor|company|seller|contractor|consultant|we|us|service provider|"
    r"proveedor|fornitore|fornecedor|contratada|auftragnehmer|anbieter|lieferant|prestataire|fournisseur|"
    r"leverancier|opdrachtnemer"
)
# A reseller agreement bills the partner: '... and BrightPath Partners Ltd ("Partner")'.
CUSTOMER_ROLES = (
    r"customer|client|licensee|lessee|hirer|partner|reseller|distributor|subscriber|buyer|purchaser|merchant|you"
)
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
TIMEZONES = {
    "eastern": "America/New_York",
    "et": "America/New_York",
    "est": "America/New_York",
    "edt": "America/New_York",
    "central": "America/Chicago",
    "ct": "America/Chicago",
    "cst": "America/Chicago",
    "mountain": "America/Denver",
    "mt": "America/Denver",
    "pacific": "America/Los_Angeles",
    "pt": "America/Los_Angeles",
    "pst": "America/Los_Angeles",
    "pdt": "America/Los_Angeles",
    "uk": "Europe/London",
    "london": "Europe/London",
    "gmt": "Europe/London",
    "bst": "Europe/London",
    "cet": "Europe/Berlin",
    "cest": "Europe/Berlin",
    "central european": "Europe/Berlin",
    "berlin": "Europe/Berlin",
    "paris": "Europe/Paris",
    "amsterdam": "Europe/Amsterdam",
    "utc": "UTC",
    "sydney": "Australia/Sydney",
    "aest": "Australia/Sydney",
    "tokyo": "Asia/Tokyo",
    "jst": "Asia/Tokyo",
    "japan": "Asia/Tokyo",
    "korea": "Asia/Seoul",
    "kst": "Asia/Seoul",
    "hong kong": "Asia/Hong_Kong",
    "hkt": "Asia/Hong_Kong",
    "china": "Asia/Shanghai",
    "new zealand": "Pacific/Auckland",
    "nzst": "Pacific/Auckland",
    "singapore": "Asia/Singapore",
    "sgt": "Asia/Singapore",
    "india": "Asia/Kolkata",
    "ist": "Asia/Kolkata",
    "zurich": "Europe/Zurich",
    "toronto": "America/Toronto",
    "vancouver": "America/Vancouver",
    "chicago": "America/Chicago",
    "denver": "America/Denver",
    "new york": "America/New_York",
    "los angeles": "America/Los_Angeles",
    "san francisco": "America/Los_Angeles",
    "melbourne": "Australia/Melbourne",
    "auckland": "Pacific/Auckland",
    "stockholm": "Europe/Stockholm",
    "oslo": "Europe/Oslo",
    "vienna": "Europe/Vienna",
    "madrid": "Europe/Madrid",
    "dublin": "Europe/Dublin",
}
TZ_REGIONS = {"eastern", "central", "mountain", "pacific", "central european"}
SKIP_RE = re.compile(
    r"\blate (?:payment )?(?:fee|charge)|\binterest\b|\boverdue\b|\bliabilit|\bindemn|\binsurance\b|\btravel\b|"
    r"out-of-pocket|\bincrease\b|\buplift\b|\bescalat|\bcpi\b|\bvat\b|\bsales tax|\bwithholding|\bpenalt|"
    r"\bnot included\b|\bexclusive of (?:all )?taxes|\brefund|\bcredit card surcharge|\bstandard rate|\blist price|"
    r"\bwaived\b",
    re.I,
)
# "an early termination fee of $250 applies if ...": owed only if the contract ends early
TERMINATION_FEE_RE = re.compile(r"\b(?:early )?(?:termination|cancellation|exit) (?:fee|charge|penalty)\b", re.I)
# Another party's price or one already paid: "our current provider charges $0.0095", "your prior
# accountant billed $1,900", "the setup fee paid under the original agreement is not charged again".
OTHER_PRICE_RE = re.compile(
    r"\b(?:current|existing|previous|prior|former|old|incumbent|other) (?:provider|vendor|supplier|carrier|"
    r"accountant|agency|platform|system|solution)s?\b|\bcompetitors?\b|\bnot (?:be )?(?:charged|invoiced|billed) "
    r"again\b|\bpaid under the (?:original|previous|prior|existing)\b|\balready (?:been )?paid\b|"
    # an amendment's "existing platform fee ... is not affected by this amendment and continues to be invoiced
    # under the Order Form": billed under the other document, not a charge of this one
    r"\bnot (?:affected|changed|amended) by this\b|\bunaffected by this\b|\bcontinues? to be (?:invoiced|billed|"
    r"charged) under\b|"
    # "The archive service (£2,000 per month) ends on 30 June and is not renewed": dropped by the change
    r"\b(?:is|are|will be|shall be)\s+(?:not renewed|removed|discontinued|withdrawn|decommissioned)\b|"
    r"\bwill not (?:be )?renew",
    re.I,
)
TOTAL_RE = re.compile(
    r"\b(?:grand )?total\b|\bsubtotal\b|\bcontract value\b|\btcv\b|\bacv\b|\btotal contract|\baggregate fees|"
    # "Annual Recurring Revenue (ARR)", "MRR": a quote's summary of the fees above
    r"\barr\b|\bmrr\b|\brecurring revenue\b|"
    r"\bestimated\b|\bapproximately\b|\bfor example\b|\be\.g\.|\billustrat|\bsum of\b|\bwould be\b|"
    # "By way of example only, Net Revenue of EUR 40,000 gives a royalty of EUR 3,200": a worked example
    r"\bby way of (?:an? )?example\b|\b(?:as an?|worked|numerical|example)\s+(?:example|calculation)\b|"
    r"\bfor instance\b|^\W*(?:example|beispiel|exemple|ejemplo)\b\s*[:\d(.-]",
    re.I,
)
ONE_TIME_RE = re.compile(
    r"\bone[- ]time\b|\bone[- ]off\b|\bset-?\s?up\b|\bonboarding\b|\bimplementation fee\b|\bactivation\b|"
    r"\bnon-?recurring\b|\binstallation\b|\bintegration fee\b|\bmigration fee\b|\binitiation\b|\bupfront fee\b|"
    r"\bkick-?off fee\b|\btraining fee\b|\beinmalig|\bfrais d'installation|\bsingle payment\b|"
    # "once", but not "invoiced once a year" (a cadence)
    r"\bonce\b(?!\s+(?:a|per|every|each)\s+(?:year|month|quarter|week|day)\b)|"
    r"\bimplementation services\b|\bprofessional services \(fixed fee\)|\bmigration services\b|"
    # "Taxa de implantação (pagamento único)", "Périodicité: Unique", "eenmalige kosten", "mise en service"
    r"\b(?:pagamento|taxa|cobran[cç]a|pago|cuota) [úu]nic[oa]\b|\beenmalig|\bponctuel|\bmise en service\b|"
    r"(?<![\w-])unique\b(?!\s+(?:visitor|user|device|identifier|id|profile|contact|customer|session)s?\b)|"
    r"\bimplanta[cç][aã]o\b|\bimplantaci[oó]n\b|\binbetriebnahme\b|\bbereitstellungs?(?:gebühr|entgelt)|"
    # Swedish, Danish, Norwegian: "engångsavgift", "engangsbeløb", "etableringsavgift", "opstartsgebyr"
    r"\beng[åa]ngs|\béngangs|\betablerings(?:avgift|gebyr)|\bopp?starts?(?:avgift|gebyr)|\buppstart",
    re.I,
)
MILESTONE_RE = re.compile(
    r"\bmilestone|\bupon (?:completion|acceptance|delivery|go-?live|launch|sign|execution|approval)|"
    r"\bon (?:completion|acceptance|delivery|go-?live)|\bat (?:completion|acceptance|go-?live|sign)|"
    # "£12,800 (40%) on approval of the designs", "on signature of this SOW", "on launch of the website"
    r"\b(?:up)?on (?:signature|signing|approval|launch|execution|commissioning|installation|handover)\b|"
    r"\bdeliverable|\bphase\b|\bpayment schedule|\bsign-?off\b|\bgo-?live\b|\bkick-?off\b|\bacceptance\b",
    re.I,
)
PREPAID_RE = re.compile(
    r"\bpre-?paid (?:usage |api |service )?(?:credits?|balance|funds|units|tokens|minutes|hours|drawdown)|\bprepaymen"
    r"t\b|\bcredit (?:pool|balance|bundle|pack|wallet|block)|\bdraw(?:n|s|ing)?-?\s?down|"
    r"\busage credits?\b|\bcredits?\b.*\b(?:purchase|buy|bought)|\b(?:purchase|buy|bought)s?\b.*\bcredits?\b|"
    # (a decimal point inside the span, "credit: NZ$5,000.00 prepaid", does not end it)
    r"\bcommitted credits?\b|\bcredit allotment|\bpre-?pa(?:y|ys|ying)\b(?:[^.]|\.\d){0,40}\bcredits?\b|"
    r"\bcredits?\b(?:[^.]|\.\d){0,30}\bpre-?paid\b|\bpre-?paid\b(?:[^.]|\.\d){0,30}\bcredits?"
    r"\b|"
    # "a prepaid block of 500 hours", "Prepaid support hours: 100 hours", "Credit pack: 1,000,000 tokens"
    r"\bpre-?paid (?:[a-z-]+ ){0,2}(?:hours|tokens|block|bundle|pack|bank)\b|\b(?:token|hour) (?:pack|bundle|bank)\b|"
    r"\b(?:hours|tokens)\s*\(pre-?paid\)|"
    # "a bank of 200 support hours for £24,000 (prepaid), drawn down at £120 per hour"
    r"\b(?:bank|block|bundle|pack) of [\d,.]+ (?:[a-z-]+ )?(?:hours|tokens|credits)\b"
    r"(?=(?:[^.]|\.\d){0,60}\b(?:pre-?paid|up-?front|draw(?:n|s)? down|drawdown)\b)"
    r"(?!(?:[^.]|\.\d){0,60}\b(?:per month|monthly|each month)\b)",
    re.I,
)
# "estimated usage of 10,000 calls invoiced monthly in advance, trued up in arrears": usage billed ahead on
# an estimate (with "in advance", the only way usage is billed in advance)
ESTIMATED_USAGE_RE = re.compile(
    r"\b(?:estimated|forecast(?:ed)?|projected|anticipated|expected|budgeted|planned)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:usage|volumes?|consumption|quantit(?:y|ies)|calls|messages|transactions|units|requests|events)\b|"
    r"\b(?:on|based on|on the basis of|according to)\s+(?:the\s+|an?\s+)?(?:estimated|forecast|projected|expected|"
    r"estimate|anticipated)\b|\btrue[sd]?[- ]?up\b|\breconcil(?:ed|iation)\b",
    re.I,
)
PERCENT_BASE_RE = re.compile(
    r"\bof (?:the |each |all |every |gross |total |net |any )*(?:[a-z-]+ ){0,3}?(?:transaction|payment|gross|gmv|volu"
    r"me|processed|"
    r"sales|revenue|order|amount|charge|value|spend|payout|booking|merchandise|invoice|premium|settle|"
    r"funds|tpv|billings|disburse|collected|basket|ticket|donation|gift|contribution|pledge|turnover|receipts|"
    r"takings|proceeds)|\btake rate\b|"
    r"\bcommission\b|\bprocessing fee\b|"
    r"\bper (?:successful )?(?:transaction|payment|charge|order|booking)\b|\bmdr\b|\bof gmv\b|\brevenue share\b|"
    # "2.4% + 25p", "1.9 % plus EUR 0.20": a rate plus a fixed fee is a fee on each transaction
    r"\d\s?%\s*(?:\+|plus)\s*(?:[$€£¥]|[A-Z]{3}\s?)?\d",
    re.I,
)
SEAT_RE = re.compile(
    r"\bper (?:named |authori[sz]ed |licensed |full |standard |admin |power |internal )?(?:seat|user|licen[cs]e|"
    r"agent|member|editor|employee|head|operator|developer|learner|admin|subscriber seat)s?\b|\bseats?\b|"
    r"\blicen[cs]es\b|\b(?:named|authori[sz]ed|licensed) users\b|\buser licen[cs]es?\b|\bper-seat\b|\bper-user\b|"
    r"\bper (?:workstation|device|endpoint|vehicle|location|site|store|bed|doctor|provider)\b(?!-)|"
    r"\b(?:por|per) (?:usuario|usuário|licencia|licença|puesto|utilisateur|nutzer|benutzer|anwender|gebruiker|"
    r"lizenz|arbeitsplatz|licentie|werkplek)\b|"
    r"\bper utente\b|\bpro (?:nutzer|benutzer|anwender|lizenz|arb"
    r"eitsplatz)\b|\bpar (?:utilisateur|licence|poste)\b|\bper (?:gebruiker|licentie|werkplek)\b",
    re.I,
)
NOT_SEAT_RE = re.compile(
    r"\bactive users?\b|\bmau\b|\bmonthly active|\bbased on (?:the )?(?:number of )?(?:active|actual|measured)|"
    # "invoiced in arrears based on the month's count": the things are counted each period, not bought
    r"\b(?:based on|according to) (?:the |each )?(?:month|quarter|period|billing period)['’]?s "
    r"(?:count|number|total)\b|"
    r"\bactive (?:vehicles|devices|units|endpoints|assets|sensors)\b|"
    # "Overage | Each member above 40,000 | $0.15 per member": usage beyond an allowance, not a seat price
    r"\boverages?\b|\b(?:each|every|per) [a-z-]+ (?:above|over|beyond|in excess of|exceeding) (?:the first )?\d[\d,.]*|"
    # "per employee, per pay run": a count of events for each person, not a seat
    r"\bper (?:employee|user|seat|member|head|worker|person|patient)s?,?\s+per\s+(?!(?:calendar\s+)?(?:month|year|"
    r"quarter|annum|week|day|billing|billed|per|mo|yr|qtr|annual|period|term)s?\b)[a-z]{3,}",
    re.I,
)
PRICE_WORDS_RE = re.compile(
    r"\b(?:fee|price|rate|charge|cost|amount|overage|tariff|pricing|consideration|remuneration)s?\b|"
    r"\b(?:preis|preise|gebühr|gebühren|entgelt|vergütung|prix|tarif|redevance|frais|precio|preço|valor|taxa|"
    r"mensalidade|prezzo|canone|prijs|tarief|vergoeding|kosten)\b",
    re.I,
)
BARE_AMOUNT_RE = re.compile(
    r"(?:(?<=: )|(?<=\bat )|(?<=\bof )|(?<=\bis ))"
    # "Monthly fee: 4 500" (thousands grouped by spaces, Nordic and French style)
    r"(?P<n>\d{1,3}(?:[,.]\d{3})*(?:[.,]\d+)?|\d{1,3}(?: \d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?=\s*(?:per\b|/|each\b|a (?:month|year)\b|monthly\b|annually\b|$|[,;.](?:\s|$)|\s\())"
)
FLAT_RE = re.compile(
    r"\bfee\b|\bsubscription\b|\blicen[cs]e\b|\bplatform\b|\bretainer\b|\bsupport\b|\bmaintenance\b|\bhosting\b|"
    r"\baccess\b|\bbase\b|\bplan\b|\bservice charge\b|\bmanaged service|\bpackage\b|\bbundle\b|\bedition\b|"
    r"\btier\b|\bgrundgebühr|\bpauschale|\babonnement\b|\bfixed\b|\bcharge\b|\bprice\b|\bcuota\b|\btarifa\b|"
    r"\bsuscripci[oó]n\b|\bcanone\b|\bmensalidade\b|\bassinatura\b|\blicen[cç]a\b|\banuidade\b|\bgebühr\b|"
    r"\bentgelt\b|\bgrundpreis\b|\bforfait\b|\bredevance\b|\bvergoeding\b|\babonnementskosten\b|\bcharges?\b|"
    r"\bdues\b|\btariff\b",
    re.I,
)
USAGE_WORD_RE = re.compile(
    r"\busage\b|\bper (?:api |successful |outbound |inbound )?(?:call|request|message|sms|email|gb|tb|mb|minute|"
    r"hour|event|transaction|record|document|page|query|lookup|verification|check|unit|token|credit|scan|"
    r"report|ticket|shipment|label|delivery|ride|mile|km|kwh|invocation|execution|build|impression|click|lead|"
    r"contact|profile|device|sensor|asset|host|node|vcpu|cpu|core|instance|job|task|render|call|stream|view)s?\b",
    re.I,
)
MINIMUM_RE = re.compile(
    # "5 kW committed power", "committed information rate": a capacity, not a money commitment
    r"\bminimum\b|\bcommit(?:ment|ted|s)?\b(?!\s+(?:[\d.,]+\s?(?:kw|kva|mw|mbps|gbps|amps?)\b|power|capacity|"
    r"bandwidth|throughput|information rate|data rate))|\bat least\b|\bno less than\b|\bnot less than\b|"
    # "a monthly floor of $500", "Floor: $500"; not "Shop-floor app", "2nd floor", "floor plan"
    r"\b(?:a|the|price|revenue|spend(?:ing)?|monthly|annual|yearly|quarterly|fee|usage|billing)\s+floor\b|"
    r"\bfloor\s*(?::|of\b|price\b|amount\b|fee\b|applies\b)|"
    r"\bmin\.?\s+(?:monthly|annual|spend|fee|charge)|\bmindestumsatz|\bminimum spend|\btake[- ]or[- ]pay\b|"
    r"\bmindestabnahme|\bmindestentgelt|\bmindestbetrag|\bmínimo\b|\bminimo\b|\bminimaal\b|\bminimale\b|"
    r"\bguaranteed (?:spend|revenue|fee)",
    re.I,
)
PER_EVENT_RE = re.compile(
    r"\b(?:per|each|any|a|every|any single|a single|per single)\s+(?:single\s+)?(?:successful\s+)?(?:card\s+)?"
    r"(?:transaction|payment|event|charge|order|booking|txn|donation|gift|contribution|ticket|sale|pledge)s?\b",
    re.I,
)
INCLUDED_RE = re.compile(
    r"\b(?:includ(?:es|ed|ing)|free|allowance|at no (?:additional )?charge|no charge|bundled|covered|covers|"
    r"complimentary|entitlement|allotment|allocation|inclusive|inclus|incluse|inklusive|inkl\.|enthalten|"
    r"freikontingent|incluid[oa]s?|incluíd[oa]s?|inclusos?|franquia|inbegrepen|inclusief|compris)\b",
    re.I,
)
VOLUME_RE = re.compile(
    r"\bvolume\b|\ball (?:units|calls|usage|messages|requests|events|transactions)\b.*\b(?:at|priced|charged)|"
    r"\bentire (?:volume|usage|quantity)|\bevery unit\b|\bwhole volume\b|\btotal (?:volume|quantity) (?:determines|se"
    r"ts)|"
    r"\bsingle rate\b|\bnot graduated\b|\bapplies to all\b|"
    # "the rate of the band reached in a month applies to every shipment in that month"
    r"\b(?:band|tier|bracket|level)s? (?:reached|achieved|attained)\b[^.]{0,60}\bappl(?:y|ies) to (?:every|each|all)\b|"
    # "that band's price applies to every seat in the month", "the tier's rate is charged on all of them"
    r"\b(?:band|tier|bracket|level)(?:'s|’s|s')? (?:unit )?(?:price|rate|fee)\b[^.]{0,20}?\b(?:appl(?:y|ies)|is "
    r"(?:charged|applied|billed)) (?:to|on|for) (?:every|each|all)\b|"
    # "all emails verified in a month are priced at the rate of the band the month's total falls in"
    r"\ball (?:\w+ ){1,3}(?:in|during|for) (?:a|the|each) (?:month|period|billing period|quarter|year)\b[^.]*\b(?:pri"
    r"ced|charged|billed|rated) at\b|\b(?:band|tier|bracket)\b[^.]{0,40}\btotal\b[^.]{0,30}\bfalls?\b",
    re.I,
)
GRADUATED_RE = re.compile(
    r"\bgraduated\b|\bincremental\b|\bmarginal\b|\beach tier\b|\bstep(?:ped)?\b|\bprogressive\b|\bstaffel|"
    r"\bwithin (?:each|that|the) (?:tier|band)|\bonly the units\b|\bnext\b",
    re.I,
)
CUMULATIVE_RE = re.compile(
    r"\bcumulative\b|\bover the (?:contract |subscription )?term\b|\bsince the start of the term", re.I
)
RANGE_WORDS = (
    r"first|next|up to|upto|over|above|more than|greater than|beyond|in excess of|exceeding|thereafter|"
    r"additional|remaining|and above|and over|and up|\+|≤|<=|<|>|from|to|through|between|under|below|less than"
)
UNIT_AFTER_PER = re.compile(
    r"\b(?:per|each|every|a|/)\s*(?:successful |additional |billable )?(?P<unit>[^\W\d_](?:[^\W_]|-)*(?:\s[^\W\d_](?"
    r":[^\W\d_]|-)*)?)",
)

STOP_UNITS = {
    "month",
    "year",
    "quarter",
    "week",
    "day",
    "annum",
    "the",
    "calendar",
    "billing",
    "contract",
    "period",
    "each",
    "unit",
    "monthly",
    "annually",
}


def slug(text: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    return text[:64] or "line"


# "per SMS billed monthly", "per message sent": how the unit is billed or used, not its name
_BILLING_VERBS = {"billed", "invoiced", "charged", "payable", "paid", "due", "sent", "received", "made", "used"}


def metric_code(unit: str) -> str:
    words = [w for w in re.findall(r"[a-z0-9]+", unit.lower()) if w not in STOP_UNITS]
    while len(words) > 1 and words[-1] in _BILLING_VERBS:
        words.pop()
    if not words:
        return "units"
    last = words[-1]
    if not last.endswith("s") and last not in ("sms", "data", "storage", "compute", "bandwidth", "traffic"):
        words[-1] = last + ("es" if last.endswith(("ch", "sh", "x")) else "s")
    return slug("_".join(words[-3:]))
