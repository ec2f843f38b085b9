from django.urls import path

from . import views

app_name = "guides"
urlpatterns = [
    path("", views.overview_view, name="overview"),
    path("list/", views.guide_list_view, name="list"),
    path("recheck/", views.recheck_view, name="recheck"),
    path("units/<int:unit_id>/", views.unit_view, name="unit"),
    path("units/<int:unit_id>/send/", views.unit_send_view, name="unit_send"),
    path("<int:pk>/", views.guide_view, name="guide"),
    path("imports/", views.imports_view, name="imports"),
    path("imports/upload/", views.upload_view, name="upload"),
    path("imports/template.xlsx", views.template_view, name="template"),
    path("imports/<int:pk>/", views.import_view, name="import"),
    path("imports/<int:pk>/confirm/", views.import_confirm_view, name="import_confirm"),
    path("imports/<int:pk>/discard/", views.import_discard_view, name="import_discard"),
    path("imports/<int:pk>/send/", views.import_send_view, name="import_send"),
]
