"""Re-apply the roles once credit notes and refunds exist: AR analysts view credit notes and mark
refunds paid out; billing admins issue credit notes (invoicing.*); auditors and the CFO view both."""

from django.db import migrations

from access.migrations import _reapply


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0002_roles"),
        ("invoicing", "0004_tax_review_credit_notes_delivery"),
        ("receivables", "0002_refunds"),
    ]
    operations = [migrations.RunPython(_reapply.reapply_roles, migrations.RunPython.noop)]
