from django.db import migrations, models
from django.db.models import F


def settle_applied(apps, schema_editor):
    # Amendments applied before this migration billed their proration in the same transaction.
    Amendment = apps.get_model("contracts", "Amendment")
    Amendment.objects.filter(status="applied").update(proration_settled_at=F("applied_at"))


class Migration(migrations.Migration):
    dependencies = [("contracts", "0004_customer_tax_and_review")]

    operations = [
        migrations.AddField(
            model_name="amendment", name="line_versions", field=models.JSONField(blank=True, default=list)
        ),
        migrations.AddField(
            model_name="amendment", name="proration_settled_at", field=models.DateTimeField(blank=True, null=True)
        ),
        migrations.AddField(
            model_name="historicalamendment", name="line_versions", field=models.JSONField(blank=True, default=list)
        ),
        migrations.AddField(
            model_name="historicalamendment",
            name="proration_settled_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(settle_applied, migrations.RunPython.noop),
    ]
