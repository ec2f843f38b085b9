# The checklist, campaign and phase models now live in the checklist app (same tables): campaigns' own
# models point there, and its state forgets them. No table is touched.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('problems', '0003_campaign_in_checklist'),
        ('supervision', '0002_campaign_in_checklist'),
        ('campaigns', '0002_self_inspection_summary_reminders'),
        ('checklist', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name='campaign',
                    name='checklist',
                ),
                migrations.RemoveField(
                    model_name='campaign',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='campaign',
                    name='units',
                ),
                migrations.RemoveField(
                    model_name='historicalphase',
                    name='campaign',
                ),
                migrations.AlterField(
                    model_name='selfinspection',
                    name='campaign',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='inspections', to='checklist.campaign'),
                ),
                migrations.AlterField(
                    model_name='campaignsummary',
                    name='campaign',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='summary', to='checklist.campaign'),
                ),
                migrations.AlterField(
                    model_name='historicalselfinspection',
                    name='campaign',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='checklist.campaign'),
                ),
                migrations.AlterField(
                    model_name='historicalcampaignsummary',
                    name='campaign',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='checklist.campaign'),
                ),
                migrations.RemoveField(
                    model_name='checklist',
                    name='based_on',
                ),
                migrations.RemoveField(
                    model_name='checklist',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='historicalcampaign',
                    name='checklist',
                ),
                migrations.RemoveField(
                    model_name='historicalchecklist',
                    name='based_on',
                ),
                migrations.RemoveField(
                    model_name='historicalchecklistitem',
                    name='checklist',
                ),
                migrations.RemoveConstraint(
                    model_name='checklistitem',
                    name='checklist_item_unique_code',
                ),
                migrations.AlterField(
                    model_name='historicalanswer',
                    name='item',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='checklist.checklistitem', verbose_name='排查要点'),
                ),
                migrations.AlterField(
                    model_name='answer',
                    name='item',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='answers', to='checklist.checklistitem', verbose_name='排查要点'),
                ),
                migrations.RemoveField(
                    model_name='historicalchecklistitem',
                    name='parent',
                ),
                migrations.RemoveField(
                    model_name='historicalcampaign',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='historicalcampaign',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalchecklist',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='historicalchecklist',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalchecklistitem',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalphase',
                    name='history_user',
                ),
                migrations.RemoveConstraint(
                    model_name='phase',
                    name='phase_unique_kind',
                ),
                migrations.RemoveConstraint(
                    model_name='phase',
                    name='phase_deadline_after_start',
                ),
                migrations.RemoveField(
                    model_name='checklistitem',
                    name='checklist',
                ),
                migrations.RemoveField(
                    model_name='checklistitem',
                    name='parent',
                ),
                migrations.DeleteModel(
                    name='HistoricalCampaign',
                ),
                migrations.DeleteModel(
                    name='HistoricalChecklist',
                ),
                migrations.DeleteModel(
                    name='HistoricalChecklistItem',
                ),
                migrations.DeleteModel(
                    name='HistoricalPhase',
                ),
                migrations.RemoveField(
                    model_name='phase',
                    name='campaign',
                ),
                migrations.DeleteModel(
                    name='Checklist',
                ),
                migrations.DeleteModel(
                    name='ChecklistItem',
                ),
                migrations.DeleteModel(
                    name='Campaign',
                ),
                migrations.DeleteModel(
                    name='Phase',
                ),
            ],
        ),
    ]
