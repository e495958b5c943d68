from django.db import models


class AccountType(models.TextChoices):
    ASSET = "asset", "Asset"
    LIABILITY = "liability", "Liability"
    EQUITY = "equity", "Equity"
    REVENUE = "revenue", "Revenue"
    EXPENSE = "expense", "Expense"


class AccountCode(models.TextChoices):
    """The accounts the billing flows post to (the chart may hold more)."""

    CASH = "1000", "Cash"
    ACCOUNTS_RECEIVABLE = "1100", "Accounts receivable"
    UNBILLED_RECEIVABLE = "1150", "Unbilled receivable (contract asset)"
    DEFERRED_REVENUE = "2100", "Deferred revenue"
    SALES_TAX_PAYABLE = "2200", "Sales tax payable"
    REVENUE = "4000", "Revenue"
    BAD_DEBT = "6100", "Bad debt expense"
    PROCESSING_FEES = "6200", "Payment processing fees"
