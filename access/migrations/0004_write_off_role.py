"""Re-apply the roles once invoices can be written off: AR analysts hold
``invoicing.mark_uncollectible``."""

from django.db import migrations

from access.migrations import _reapply


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0003_credit_note_roles"),
        ("invoicing", "0005_invoice_write_off"),
    ]
    operations = [migrations.RunPython(_reapply.reapply_roles, migrations.RunPython.noop)]
