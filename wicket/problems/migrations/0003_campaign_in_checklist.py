# Problem.campaign points at the Campaign model in its new app (same table): state only.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('checklist', '0001_initial'),
        ('problems', '0002_event_data'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name='historicalproblem',
                    name='campaign',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='checklist.campaign', verbose_name='排查整改工作'),
                ),
                migrations.AlterField(
                    model_name='problem',
                    name='campaign',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='problems', to='checklist.campaign', verbose_name='排查整改工作'),
                ),
            ],
        ),
    ]
