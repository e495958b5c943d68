"""Re-apply the roles once the dunning model and payment history exist: AR analysts view them
(the CFO and auditors see all of receivables already)."""

from django.db import migrations

from access.migrations import _reapply


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0004_write_off_role"),
        ("receivables", "0004_learned_dunning"),
    ]
    operations = [migrations.RunPython(_reapply.reapply_roles, migrations.RunPython.noop)]
