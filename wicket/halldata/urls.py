from django.urls import path

from . import api, dashboards, views

app_name = "halldata"
urlpatterns = [
    path("", dashboards.overview_view, name="overview"),
    path("mine/", dashboards.mine_view, name="mine"),
    path("county/<str:kind>/", dashboards.county_view, name="county"),
    path("county/<str:kind>/export/<str:name>.xlsx", dashboards.county_export_view, name="county_export"),
    path("halls/<int:hall_id>/", dashboards.hall_view, name="hall"),
    path("halls/<int:hall_id>/export/<str:name>.xlsx", dashboards.hall_export_view, name="hall_export"),
    path("units/<int:unit_id>/", dashboards.unit_view, name="unit"),
    path("units/<int:unit_id>/<str:kind>/export/<str:name>.xlsx", dashboards.unit_export_view, name="unit_export"),
    path("uploads/", views.uploads_view, name="uploads"),
    path("uploads/new/", views.upload_view, name="upload_new"),
    path("uploads/<int:pk>/", views.upload_detail_view, name="upload"),
    path("uploads/<int:pk>/confirm/", views.upload_confirm_view, name="upload_confirm"),
    path("uploads/<int:pk>/discard/", views.upload_discard_view, name="upload_discard"),
    path("reanalyse/", views.reanalyse_view, name="reanalyse"),
    path("tokens/", views.tokens_view, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke_view, name="token_revoke"),
    path("api/v1/", api.urls()),
]
