"""Re-apply the roles once the reporting dashboards have their permissions: AR analysts and the CFO
see the AR dashboard, the CFO edits exchange rates, AR analysts edit review thresholds, both
work the Stripe reconciliation's findings, the CFO asks for close packs."""

from django.db import migrations

from access.migrations import _reapply


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0005_contract_document_roles"),
        ("reporting", "0004_close_packs"),
    ]
    operations = [migrations.RunPython(_reapply.reapply_roles, migrations.RunPython.noop)]
