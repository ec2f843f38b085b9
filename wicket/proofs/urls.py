from django.urls import path

from . import views

app_name = "proofs"
urlpatterns = [
    path("", views.overview_view, name="overview"),
    path("list/", views.proof_list_view, name="list"),
    path("list/export.xlsx", views.export_view, name="export"),
    path("items/", views.item_list_view, name="items"),
    path("items/<int:pk>/", views.item_view, name="item"),
    path("send/", views.send_view, name="send"),
    path("versions/", views.versions_view, name="versions"),
    path("versions/upload/", views.upload_view, name="upload"),
    path("versions/template.xlsx", views.template_view, name="template"),
    path("versions/<int:pk>/", views.version_view, name="version"),
    path("versions/<int:pk>/confirm/", views.version_confirm_view, name="version_confirm"),
    path("versions/<int:pk>/discard/", views.version_discard_view, name="version_discard"),
]
