"""Regroup the problems the detectors filed one per finding into one problem per cause.

See wicket/problems/regroup.py: nothing is deleted; merged problems keep their record and point at
the problem that absorbed their findings, events, measures and evidence."""

from django.db import migrations
from django.utils import timezone


def forwards(apps, schema_editor):
    from wicket.problems.regroup import regroup

    regroup(Problem=apps.get_model("problems", "Problem"), ProblemEvent=apps.get_model("problems", "ProblemEvent"),
            ProblemFinding=apps.get_model("problems", "ProblemFinding"),
            Evidence=apps.get_model("problems", "Evidence"),
            HistoricalProblem=apps.get_model("problems", "HistoricalProblem"),
            HistoricalProblemFinding=apps.get_model("problems", "HistoricalProblemFinding"), now=timezone.now())


class Migration(migrations.Migration):

    dependencies = [
        ("problems", "0006_problem_findings"),
    ]

    operations = [
        # Irreversible: splitting a cause back into one problem per finding would have to invent
        # which finding each merged event belonged to.
        migrations.RunPython(forwards),
    ]
