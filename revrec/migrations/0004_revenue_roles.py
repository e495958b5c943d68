"""Re-apply the roles once the SSP table, modifications and period close exist: billing admins keep
the SSP table and choose modification treatments; CFOs and billing admins close months."""

from django.db import migrations

from access.migrations import _reapply


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0004_write_off_role"),
        ("ledger", "0003_closed_period"),
        ("revrec", "0003_obligations_ssp_modifications"),
    ]
    operations = [migrations.RunPython(_reapply.reapply_roles, migrations.RunPython.noop)]
