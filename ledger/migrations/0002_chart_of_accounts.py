from django.db import migrations

from ledger.chart import STANDARD_ACCOUNTS


def create_accounts(apps, schema_editor):
    Account = apps.get_model("ledger", "Account")
    for code, name, type_ in STANDARD_ACCOUNTS:
        Account.objects.get_or_create(code=code, defaults={"name": name, "type": type_})


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_initial")]
    operations = [migrations.RunPython(create_accounts, migrations.RunPython.noop)]
