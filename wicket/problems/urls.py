from django.urls import path

from . import views

app_name = "problems"
urlpatterns = [
    path("", views.problem_list_view, name="list"),
    path("new/", views.problem_create_view, name="create"),
    path("<int:pk>/", views.problem_detail_view, name="detail"),
    path("<int:pk>/transition/", views.problem_transition_view, name="transition"),
    path("<int:pk>/findings/<int:finding_id>/", views.problem_finding_view, name="finding"),
    path("<int:pk>/rectify/", views.problem_rectify_view, name="rectify"),
    path("<int:pk>/note/", views.problem_note_view, name="note"),
    path("<int:pk>/evidence/", views.evidence_upload_view, name="evidence"),
    path("<int:pk>/evidence/<int:evidence_id>/", views.evidence_download_view, name="evidence_download"),
]
