from django.db import migrations

ACCOUNTS = [
    ("1000", "Cash", "asset"),
    ("1100", "Accounts receivable", "asset"),
    ("1150", "Unbilled receivable (contract asset)", "asset"),
    ("2100", "Deferred revenue", "liability"),
    ("2200", "Sales tax payable", "liability"),
    ("4000", "Revenue", "revenue"),
    ("6100", "Bad debt expense", "expense"),
]


def create_accounts(apps, schema_editor):
    Account = apps.get_model("ledger", "Account")
    for code, name, type_ in ACCOUNTS:
        Account.objects.get_or_create(code=code, defaults={"name": name, "type": type_})


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_initial")]
    operations = [migrations.RunPython(create_accounts, migrations.RunPython.noop)]
