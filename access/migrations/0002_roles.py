from django.contrib.auth.management import create_permissions
from django.db import migrations

from access.roles import apply_roles


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; create them now so the groups can
    # reference them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    apply_roles(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contracts", "0001_initial"),
        ("metering", "0001_initial"),
        ("invoicing", "0001_initial"),
        ("receivables", "0001_initial"),
        ("revrec", "0001_initial"),
        ("ledger", "0002_chart_of_accounts"),
        ("audit", "0001_initial"),
        ("reporting", "0001_initial"),
    ]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
