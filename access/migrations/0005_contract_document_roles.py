"""Re-apply the roles once contract documents exist: billing admins upload and approve them
(``contracts.*``), the CFO and auditors see them."""

from django.db import migrations

from access.migrations import _reapply


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0004_write_off_role"),
        ("contracts", "0006_contract_documents"),
    ]
    operations = [migrations.RunPython(_reapply.reapply_roles, migrations.RunPython.noop)]
