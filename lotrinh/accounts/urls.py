from django.contrib.auth import views as auth_views
from django.urls import path

from lotrinh.accounts import views
from lotrinh.core.concurrency import Write, writes

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", writes(Write.OWN)(auth_views.LoginView.as_view()), name="login"),
    path("dang-xuat/", writes(Write.OWN)(auth_views.LogoutView.as_view()), name="logout"),
    # Passwords: a forgotten one by e-mail, a change for whoever is signed in.
    path(
        "quen-mat-khau/",
        writes(Write.OWN)(views.PasswordResetView.as_view()),
        name="password_reset",
    ),
    path(
        "quen-mat-khau/da-gui/", views.PasswordResetDoneView.as_view(), name="password_reset_done"
    ),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        writes(Write.OWN)(views.PasswordResetConfirmView.as_view()),
        name="password_reset_confirm",
    ),
    path(
        "dat-lai-mat-khau/xong/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "doi-mat-khau/",
        writes(Write.OWN)(views.PasswordChangeView.as_view()),
        name="password_change",
    ),
    path("doi-mat-khau/xong/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    # Invitations and an agency's people.
    path(
        "loi-moi/<uidb64>/<token>/",
        writes(Write.OWN)(views.InvitationView.as_view()),
        name="invitation",
    ),
    path("nguoi-dung/", views.user_list, name="users"),
    path("nguoi-dung/moi/", views.invite, name="invite"),
    path("nguoi-dung/<int:pk>/", views.user_detail, name="user"),
]
