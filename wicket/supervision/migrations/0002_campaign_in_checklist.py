# The campaign foreign keys point at the Campaign model in its new app (same table): state only.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('checklist', '0001_initial'),
        ('supervision', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name='assessmentscheme',
                    name='campaign',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='assessment', to='checklist.campaign'),
                ),
                migrations.AlterField(
                    model_name='circular',
                    name='campaign',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='circulars', to='checklist.campaign', verbose_name='排查整改工作'),
                ),
                migrations.AlterField(
                    model_name='historicalassessmentscheme',
                    name='campaign',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='checklist.campaign'),
                ),
                migrations.AlterField(
                    model_name='historicalcircular',
                    name='campaign',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='checklist.campaign', verbose_name='排查整改工作'),
                ),
                migrations.AlterField(
                    model_name='historicalsupervisiontask',
                    name='campaign',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='checklist.campaign', verbose_name='排查整改工作'),
                ),
                migrations.AlterField(
                    model_name='supervisiontask',
                    name='campaign',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='supervision_tasks', to='checklist.campaign', verbose_name='排查整改工作'),
                ),
            ],
        ),
    ]
