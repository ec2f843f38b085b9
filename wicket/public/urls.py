from django.urls import path

from . import views

app_name = "public"
urlpatterns = [
    path("report/", views.report_view, name="report"),
    path("track/", views.track_view, name="track"),
    path("progress/", views.progress_view, name="progress"),
    path("reports/", views.triage_list_view, name="triage_list"),
    path("reports/phone/", views.phone_report_view, name="phone_report"),
    path("reports/<int:pk>/", views.triage_detail_view, name="triage_detail"),
    path("reports/<int:pk>/assign/", views.triage_assign_view, name="triage_assign"),
    path("reports/<int:pk>/merge/", views.triage_merge_view, name="triage_merge"),
    path("reports/<int:pk>/close/", views.triage_close_view, name="triage_close"),
    path("reports/<int:pk>/photo/", views.report_photo_view, name="report_photo"),
]
