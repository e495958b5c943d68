"""Re-apply the roles once every app's permissions exist: each domain re-applied them when its own
models arrived, but the migrations of apps developed side by side run in any order, so the last word
is a migration that comes after all of them."""

from django.db import migrations

from access.migrations import _reapply


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0007_api_key_scope"),
        ("audit", "0002_tamper_evident_chain"),
        ("contracts", "0006_contract_documents"),
        ("integrations", "0007_connection_gl_content"),
        ("invoicing", "0006_billing_run_chunks"),
        ("ledger", "0004_processing_fees_account"),
        ("metering", "0005_no_db_fk_constraints_on_customer_usage"),
        ("receivables", "0005_dunning_roles"),
        ("reporting", "0004_close_packs"),
        ("revrec", "0004_revenue_roles"),
    ]
    operations = [migrations.RunPython(_reapply.reapply_roles, migrations.RunPython.noop)]
