from django.urls import path, re_path

from lotrinh.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("cong-khai/", views.overview, name="overview"),
    path("cong-khai/nhiem-vu/", views.task_list, name="tasks"),
    path("cong-khai/nhiem-vu/<int:pk>/", views.task_detail, name="task"),
    path("cong-khai/tien-do/<slug:view>/", views.progress, name="progress"),
    path("cong-khai/van-ban/", views.documents, name="documents"),
    path("cong-khai/van-ban/<int:pk>/tai-ve/", views.document_download, name="document_download"),
    path("cong-khai/du-lieu/", views.open_data, name="data"),
    re_path(
        r"^cong-khai/du-lieu/(?P<name>[-a-z]+)\.(?P<fmt>csv|json|xlsx|sdmx\.csv)$",
        views.download,
        name="download",
    ),
    path("cong-khai/cap-nhat.atom", views.feed, name="feed"),
    path("cong-khai/quan-ly/", views.manage, name="manage"),
    path("cong-khai/quan-ly/cong-bo/", views.publish, name="publish"),
    path("cong-khai/quan-ly/<int:pk>/rut-lai/", views.withdraw, name="withdraw"),
]
