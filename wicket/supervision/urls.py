from django.urls import path

from .views import circulars, escalation, scoring, tasks, verification

app_name = "supervision"
urlpatterns = [
    path("tasks/", tasks.task_list_view, name="tasks"),
    path("tasks/new/", tasks.task_create_view, name="task_new"),
    path("tasks/<int:pk>/", tasks.task_detail_view, name="task"),
    path("tasks/<int:pk>/finding/", tasks.finding_create_view, name="finding_new"),
    path("tasks/<int:pk>/call/", tasks.phone_call_create_view, name="call_new"),
    path("tasks/<int:pk>/finish/", tasks.task_finish_view, name="task_finish"),
    path("verify/", verification.verify_queue_view, name="verify"),
    path("verify/<int:pk>/decide/", verification.verify_decide_view, name="verify_decide"),
    path("verify/<int:pk>/revisit/", verification.verify_revisit_view, name="verify_revisit"),
    path("escalations/", escalation.escalation_list_view, name="escalations"),
    path("escalations/run/", escalation.escalation_run_view, name="escalation_run"),
    path("escalations/raise/<int:pk>/", escalation.escalation_raise_view, name="escalation_raise"),
    path("escalations/<int:pk>/", escalation.escalation_detail_view, name="escalation"),
    path("escalations/<int:pk>/acknowledge/", escalation.escalation_acknowledge_view, name="escalation_ack"),
    path("circulars/", circulars.circular_list_view, name="circulars"),
    path("circulars/new/", circulars.circular_create_view, name="circular_new"),
    path("circulars/<int:pk>/", circulars.circular_detail_view, name="circular"),
    path("circulars/<int:pk>/issue/", circulars.circular_issue_view, name="circular_issue"),
    path("circulars/<int:pk>/docx/", circulars.circular_docx_view, name="circular_docx"),
    path("assessment/", scoring.ranking_view, name="ranking"),
    path("assessment/export/", scoring.ranking_export_view, name="ranking_export"),
    path("assessment/rules/", scoring.scheme_view, name="scheme"),
]
