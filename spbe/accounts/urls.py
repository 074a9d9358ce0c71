from django.contrib.auth import views as auth_views
from django.urls import path

from spbe.accounts import views

urlpatterns = [
    path(
        "masuk/",
        auth_views.LoginView.as_view(template_name="accounts/login.html"),
        name="login",
    ),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("profil/", views.profile, name="profile"),
    path("profil/kata-sandi/", views.password_change, name="password_change"),
    path("profil/token/", views.token_create, name="token_create"),
    path("profil/token/<int:pk>/cabut/", views.token_revoke, name="token_revoke"),
]
