# The evidence model extends wicket.core.evidence.EvidenceFile: the same path for new files, no column
# changes (upload_to is not in the database), so the state changes only.

import wicket.core.evidence
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('problems', '0003_campaign_in_checklist'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name='evidence',
                    name='file',
                    field=models.FileField(max_length=300, upload_to=wicket.core.evidence.evidence_upload_to),
                ),
            ],
        ),
    ]
