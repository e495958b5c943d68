"""The back office's roles, as Django groups. Kept as data so the migration and tests share it."""

from __future__ import annotations

VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"
ALL = (VIEW, ADD, CHANGE, DELETE)

BILLING_ADMIN = "Billing admin"
AR_ANALYST = "AR analyst"
CFO = "CFO"
AUDITOR = "Auditor"

# integrations' models by who may do what with them (issue 11)
INTEGRATION_SETUP = ("connection", "crmproductmapping", "crmfieldmapping", "glaccountmapping")
INTEGRATION_DECISIONS = ("crmdeal", "syncitem")  # approve / reject deals, retry items (admin actions)
INTEGRATION_LOG = ("syncrun", "glaccount", "crmcustomerlink", "glentrylink")

FINANCE_APPS = ("contracts", "metering", "invoicing", "receivables", "revrec", "ledger", "audit", "access")


def role_permissions() -> dict[str, dict[str, tuple[str, ...]]]:
    """{role: {"app.model" or "app.*": actions}}; extra codenames under "perms"."""
    return {
        BILLING_ADMIN: {
            "contracts.*": ALL,
            "metering.meter": (VIEW, ADD, CHANGE),
            "metering.usageevent": (VIEW,),
            "invoicing.*": (VIEW, ADD, CHANGE),
            "receivables.*": (VIEW,),
            "revrec.*": (VIEW,),
            "ledger.*": (VIEW,),
            # Revenue: the SSP table, the treatment of contract modifications, closing a month.
            "revrec.standalonesellingprice": (VIEW, ADD, CHANGE),
            "revrec.revenuemodification": (VIEW, CHANGE),
            "revrec.performanceobligation": (VIEW, CHANGE),
            "ledger.closedperiod": (VIEW, ADD),
            "ledger.perms": ("close_period",),
            # Salesforce / QuickBooks / Xero / NetSuite connections, CRM deals, the sync log.
            **{f"integrations.{m}": ALL for m in INTEGRATION_SETUP},
            **{f"integrations.{m}": (VIEW, CHANGE) for m in INTEGRATION_DECISIONS},
            **{f"integrations.{m}": (VIEW,) for m in INTEGRATION_LOG},
        },
        AR_ANALYST: {
            "contracts.*": (VIEW,),
            "invoicing.invoice": (VIEW,),
            "invoicing.invoiceline": (VIEW,),
            "receivables.payment": (VIEW, ADD),
            "receivables.paymentallocation": (VIEW, ADD),
            "receivables.paymentattempt": (VIEW,),
            "receivables.dunningcase": (VIEW, CHANGE),
            "receivables.collectionnote": (VIEW, ADD, CHANGE),
            # Credit notes are issued by billing admins; AR sees them and pays refunds out.
            "invoicing.creditnote": (VIEW,),
            "invoicing.creditnoteline": (VIEW,),
            "receivables.refund": (VIEW, CHANGE),
            # Writing an open invoice off as bad debt, when collection has failed.
            "invoicing.perms": ("mark_uncollectible",),
            # The AR dashboard (the CFO dashboard is the CFO's and the auditors').
            "reporting.perms": ("view_ar_dashboard",),
            # The AR dashboard's review thresholds are the analysts' to tune.
            "reporting.reviewthreshold": (VIEW, ADD, CHANGE),
            # Stripe reconciliation: findings are owned and worked by AR and finance.
            "reporting.reconciliationfinding": (VIEW, CHANGE),
            "reporting.stripebalancetransaction": (VIEW,),
            "reporting.stripepayout": (VIEW,),
            # Where an invoice came from (the CRM deal) and where it went (GL ids).
            **{f"integrations.{m}": (VIEW,) for m in ("crmdeal", "syncitem", "syncrun", "connection")},
            # The learned dunning policy: AR sees the model versions and the history it learns from.
            "receivables.dunningmodel": (VIEW,),
            "receivables.paymenthistoryrecord": (VIEW,),
        },
        CFO: {
            **{
                f"{app}.*": (VIEW,) for app in ("contracts", "metering", "invoicing", "receivables", "revrec", "ledger")
            },
            "reporting.perms": ("view_dashboard", "view_ar_dashboard"),
            # The reporting currency's dated rates are finance's to keep.
            "reporting.exchangerate": (VIEW, ADD, CHANGE),
            "reporting.reviewthreshold": (VIEW,),
            "reporting.closepack": (VIEW, ADD),
            "reporting.reconciliationfinding": (VIEW, CHANGE),
            "reporting.stripebalancetransaction": (VIEW,),
            "reporting.stripepayout": (VIEW,),
            # Closing a month (revrec/ledger); reopening one is the CFO's alone.
            "ledger.closedperiod": (VIEW, ADD),
            "ledger.perms": ("close_period", "reopen_period"),
            **{f"integrations.{m}": (VIEW,) for m in (*INTEGRATION_SETUP, *INTEGRATION_DECISIONS, *INTEGRATION_LOG)},
        },
        AUDITOR: {
            **{f"{app}.*": (VIEW,) for app in FINANCE_APPS},
            "reporting.perms": ("view_dashboard", "view_ar_dashboard"),
            "reporting.*": (VIEW,),
            **{f"integrations.{m}": (VIEW,) for m in (*INTEGRATION_SETUP, *INTEGRATION_DECISIONS, *INTEGRATION_LOG)},
        },
    }


def apply_roles(apps, *, using: str = "default") -> None:  # type: ignore[no-untyped-def]
    """Create or update the groups with exactly these permissions (idempotent)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, grants in role_permissions().items():
        group, _ = Group.objects.using(using).get_or_create(name=role)
        wanted = []
        for target, actions in grants.items():
            app_label, model = target.split(".")
            qs = Permission.objects.using(using).filter(content_type__app_label=app_label)
            if model == "perms":
                wanted += list(qs.filter(codename__in=actions))
                continue
            for action in actions:
                if model == "*":
                    wanted += list(qs.filter(codename__startswith=f"{action}_"))
                else:
                    wanted += list(qs.filter(codename=f"{action}_{model}"))
        group.permissions.set(wanted)
