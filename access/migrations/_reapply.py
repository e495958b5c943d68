"""Shared by the migrations that re-apply the roles after new models or permissions appear."""

from django.contrib.auth.management import create_permissions

from access.roles import apply_roles


def reapply_roles(apps, schema_editor):  # type: ignore[no-untyped-def]
    # Permissions are normally created after all migrations; create them now (the new models' and
    # Meta.permissions) so the groups can reference them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    apply_roles(apps, using=schema_editor.connection.alias)
