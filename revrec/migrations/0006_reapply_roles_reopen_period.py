"""Re-apply the roles once the allocation postings (viewed by finance) and the CFO's permission to
reopen a closed month exist."""

from django.db import migrations

from access.migrations import _reapply


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0008_reapply_roles"),
        ("ledger", "0005_reopen_period_permission"),
        ("revrec", "0005_allocation_postings"),
    ]
    operations = [migrations.RunPython(_reapply.reapply_roles, migrations.RunPython.noop)]
