from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("<int:pk>/", views.job_view, name="job"),
    path("<int:pk>/retry/", views.job_retry_view, name="retry"),
]
