"""Re-apply the roles once credit notes and refunds exist: AR analysts view credit notes and mark
refunds paid out; billing admins issue credit notes (invoicing.*); auditors and the CFO view both."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from access.roles import apply_roles


def reapply_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; create them now (the new models') so
    # the groups can reference them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    apply_roles(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0002_roles"),
        ("invoicing", "0004_tax_review_credit_notes_delivery"),
        ("receivables", "0002_refunds"),
    ]
    operations = [migrations.RunPython(reapply_roles, migrations.RunPython.noop)]
