from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("names/", views.names_view, name="names"),
    path("names/<int:pk>/remove/", views.alias_remove_view, name="alias_remove"),
]
