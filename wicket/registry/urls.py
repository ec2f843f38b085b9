from django.urls import path

from . import views

app_name = "registry"
urlpatterns = [
    path("", views.registry_home_view, name="home"),
    path("units/<int:unit_id>/", views.unit_view, name="unit"),
    path("units/<int:unit_id>/halls/new/", views.hall_new_view, name="hall_new"),
    path("units/<int:unit_id>/template.xlsx", views.template_view, name="template"),
    path("units/<int:unit_id>/upload/", views.upload_view, name="upload"),
    path("halls/<int:pk>/", views.hall_view, name="hall"),
    path("halls/<int:pk>/delete/", views.hall_delete_view, name="hall_delete"),
    path("imports/<int:pk>/", views.preview_view, name="preview"),
    path("imports/<int:pk>/confirm/", views.preview_confirm_view, name="preview_confirm"),
    path("imports/<int:pk>/discard/", views.preview_discard_view, name="preview_discard"),
    path("reports/<int:pk>/zero/", views.zero_view, name="zero"),
    path("reports/<int:pk>/submit/", views.submit_view, name="submit"),
    path("reports/<int:pk>/extend/", views.extend_view, name="extend"),
    path("rounds/", views.board_view, name="board"),
    path("rounds/new/", views.round_new_view, name="round_new"),
    path("rounds/<int:pk>/", views.board_view, name="round"),
    path("rounds/<int:pk>/export.xlsx", views.export_view, name="export"),
    path("rounds/<int:pk>/close/", views.round_close_view, name="round_close"),
    path("intake/", views.intake_view, name="intake"),
]
