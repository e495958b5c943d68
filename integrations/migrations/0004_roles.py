"""Give the roles their integrations permissions (access/roles.py): billing admins set up
connections and decide deals, AR analysts see where invoices came from and went."""

from django.db import migrations

from access.migrations import _reapply


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0004_write_off_role"),
        ("integrations", "0003_connection_options_more_providers"),
    ]
    operations = [migrations.RunPython(_reapply.reapply_roles, migrations.RunPython.noop)]
