from django.urls import path

from . import views

app_name = "workcal"
urlpatterns = [
    path("", views.calendar_view, name="calendar"),
    path("days/", views.day_save_view, name="day_save"),
    path("days/<str:day>/remove/", views.day_remove_view, name="day_remove"),
    path("years/<int:year>/confirm/", views.year_confirm_view, name="year_confirm"),
    path("years/<int:year>/unconfirm/", views.year_unconfirm_view, name="year_unconfirm"),
    path("import/", views.import_view, name="import_upload"),
    path("import/<int:pk>/", views.import_detail_view, name="import"),
    path("import/<int:pk>/confirm/", views.import_confirm_view, name="import_confirm"),
    path("import/<int:pk>/discard/", views.import_discard_view, name="import_discard"),
]
