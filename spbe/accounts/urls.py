from django.contrib.auth import views as auth_views
from django.urls import path

from spbe.accounts import views

urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("lupa-kata-sandi/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "lupa-kata-sandi/terkirim/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "lupa-kata-sandi/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "lupa-kata-sandi/selesai/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("profil/", views.profile, name="profile"),
    path("profil/kata-sandi/", views.password_change, name="password_change"),
    path("profil/email/", views.email_preference, name="email_preference"),
    path("profil/token/", views.token_create, name="token_create"),
    path("profil/token/<int:pk>/cabut/", views.token_revoke, name="token_revoke"),
]
