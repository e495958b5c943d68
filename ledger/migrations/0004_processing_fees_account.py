"""The payment processing fees account (Stripe's fees, posted by the Stripe reconciliation)."""

from django.db import migrations


def create_account(apps, schema_editor):
    Account = apps.get_model("ledger", "Account")
    Account.objects.get_or_create(code="6200", defaults={"name": "Payment processing fees", "type": "expense"})


class Migration(migrations.Migration):
    dependencies = [("ledger", "0003_closed_period")]
    operations = [migrations.RunPython(create_account, migrations.RunPython.noop)]
