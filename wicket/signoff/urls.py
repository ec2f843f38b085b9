from django.urls import path

from . import views

app_name = "signoff"
urlpatterns = [
    path("<int:pk>/", views.submission_detail_view, name="detail"),
    path("<int:pk>/sign/", views.submission_sign_view, name="sign"),
    path("<int:pk>/scan/", views.submission_scan_view, name="scan"),
    path("<int:pk>/scan/<int:scan_id>/", views.scan_download_view, name="scan_download"),
]
