# The checklist, campaign and phase models moved here from the campaigns app. Their tables were made by
# campaigns' migrations and keep their names (db_table), so this migration changes the state only.

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('campaigns', '0002_self_inspection_summary_reminders'),
        ('orgs', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Checklist',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('version', models.CharField(max_length=40, unique=True, verbose_name='版本')),
                        ('name', models.CharField(max_length=200, verbose_name='名称')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('based_on', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='copies', to='checklist.checklist', verbose_name='复制自')),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': '排查清单',
                        'verbose_name_plural': '排查清单',
                        'db_table': 'campaigns_checklist',
                    },
                ),
                migrations.CreateModel(
                    name='Campaign',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='工作名称')),
                        ('doc_number', models.CharField(blank=True, max_length=60, verbose_name='文号')),
                        ('issuer', models.CharField(blank=True, max_length=100, verbose_name='发文机关')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('units', models.ManyToManyField(related_name='campaigns', to='orgs.unit', verbose_name='参与单位')),
                        ('checklist', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='checklist.checklist', verbose_name='排查清单')),
                    ],
                    options={
                        'verbose_name': '排查整改工作',
                        'verbose_name_plural': '排查整改工作',
                        'db_table': 'campaigns_campaign',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='ChecklistItem',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=10, verbose_name='编码')),
                        ('title', models.CharField(max_length=100, verbose_name='标题')),
                        ('text', models.TextField(blank=True, verbose_name='排查内容')),
                        ('order', models.PositiveIntegerField(default=0)),
                        ('checklist', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='checklist.checklist')),
                        ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='points', to='checklist.checklistitem')),
                    ],
                    options={
                        'db_table': 'campaigns_checklistitem',
                        'ordering': ['order'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalCampaign',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='工作名称')),
                        ('doc_number', models.CharField(blank=True, max_length=60, verbose_name='文号')),
                        ('issuer', models.CharField(blank=True, max_length=100, verbose_name='发文机关')),
                        ('created_at', models.DateTimeField(blank=True, editable=False)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('checklist', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='checklist.checklist', verbose_name='排查清单')),
                        ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical 排查整改工作',
                        'verbose_name_plural': 'historical 排查整改工作',
                        'db_table': 'campaigns_historicalcampaign',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalChecklist',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('version', models.CharField(db_index=True, max_length=40, verbose_name='版本')),
                        ('name', models.CharField(max_length=200, verbose_name='名称')),
                        ('created_at', models.DateTimeField(blank=True, editable=False)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('based_on', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='checklist.checklist', verbose_name='复制自')),
                        ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical 排查清单',
                        'verbose_name_plural': 'historical 排查清单',
                        'db_table': 'campaigns_historicalchecklist',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalChecklistItem',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('code', models.CharField(max_length=10, verbose_name='编码')),
                        ('title', models.CharField(max_length=100, verbose_name='标题')),
                        ('text', models.TextField(blank=True, verbose_name='排查内容')),
                        ('order', models.PositiveIntegerField(default=0)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('checklist', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='checklist.checklist')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('parent', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='checklist.checklistitem')),
                    ],
                    options={
                        'verbose_name': 'historical checklist item',
                        'verbose_name_plural': 'historical checklist items',
                        'db_table': 'campaigns_historicalchecklistitem',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalPhase',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('self_inspection', '自查自纠'), ('supervision', '集中督查'), ('consolidation', '巩固提升')], max_length=20, verbose_name='阶段')),
                        ('starts_on', models.DateField(verbose_name='开始日期')),
                        ('deadline', models.DateField(verbose_name='截止日期')),
                        ('order', models.PositiveSmallIntegerField(default=0)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('campaign', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='checklist.campaign')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical phase',
                        'verbose_name_plural': 'historical phases',
                        'db_table': 'campaigns_historicalphase',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Phase',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('self_inspection', '自查自纠'), ('supervision', '集中督查'), ('consolidation', '巩固提升')], max_length=20, verbose_name='阶段')),
                        ('starts_on', models.DateField(verbose_name='开始日期')),
                        ('deadline', models.DateField(verbose_name='截止日期')),
                        ('order', models.PositiveSmallIntegerField(default=0)),
                        ('campaign', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='phases', to='checklist.campaign')),
                    ],
                    options={
                        'db_table': 'campaigns_phase',
                        'ordering': ['order'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='checklistitem',
                    constraint=models.UniqueConstraint(fields=('checklist', 'code', 'parent'), name='checklist_item_unique_code'),
                ),
                migrations.AddConstraint(
                    model_name='phase',
                    constraint=models.UniqueConstraint(fields=('campaign', 'kind'), name='phase_unique_kind'),
                ),
                migrations.AddConstraint(
                    model_name='phase',
                    constraint=models.CheckConstraint(condition=models.Q(('deadline__gte', models.F('starts_on'))), name='phase_deadline_after_start'),
                ),
            ],
        ),
    ]
