from django.urls import path, re_path

from lotrinh.indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("tai-ve.xlsx", views.export_all, name="export_all"),
    path("muc-tieu/<int:pk>/", views.target_detail, name="target"),
    path("yeu-cau-so-lieu/", views.request_list, name="requests"),
    path("yeu-cau-so-lieu/<int:pk>/", views.request_detail, name="request"),
    path("<str:code>/", views.indicator_detail, name="indicator"),
    path("<str:code>/nhap-so-lieu/", views.enter_observation, name="enter"),
    path("<str:code>/yeu-cau-so-lieu/", views.request_new, name="request_new"),
    path(
        "<str:code>/so-lieu/<int:pk>/duyet/",
        views.review_observation,
        {"decision": "approve"},
        name="approve",
    ),
    path(
        "<str:code>/so-lieu/<int:pk>/tu-choi/",
        views.review_observation,
        {"decision": "reject"},
        name="reject",
    ),
    re_path(r"^(?P<code>[A-Z0-9_]+)/tai-ve\.(?P<fmt>csv|sdmx)$", views.export, name="export"),
]
