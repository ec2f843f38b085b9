from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from wicket.home import views as home_views

urlpatterns = [
    path("", home_views.home, name="home"),
    path("healthz", home_views.healthz, name="healthz"),
    path("accounts/login/", login_not_required(auth_views.LoginView.as_view()), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("campaigns/", include("wicket.campaigns.urls")),
    path("problems/", include("wicket.problems.urls")),
    path("submissions/", include("wicket.signoff.urls")),
    path("registry/", include("wicket.registry.urls")),
    path("supervision/", include("wicket.supervision.urls")),
    path("public/", include("wicket.public.urls")),
    path("guides/", include("wicket.guides.urls")),
    path("halldata/", include("wicket.halldata.urls")),
    path("proofs/", include("wicket.proofs.urls")),
    path("ticketing/", include("wicket.ticketing.urls")),
    path("orgs/", include("wicket.orgs.urls")),
    path("calendar/", include("wicket.workcal.urls")),
    path("jobs/", include("wicket.core.jobs.urls")),
]
