from django.urls import path, re_path

from lotrinh.programmes import views

app_name = "programmes"
urlpatterns = [
    path("<slug:slug>/", views.overview, name="overview"),
    path("<slug:slug>/nhiem-vu/", views.task_list, name="tasks"),
    path("<slug:slug>/lo-trinh/", views.timeline, name="timeline"),
    path("<slug:slug>/nhiem-vu/<str:anchor>/", views.task_detail, name="task"),
    path("<slug:slug>/van-ban/", views.document, name="document"),
    path("<slug:slug>/phien-ban/", views.versions, name="versions"),
    re_path(r"^(?P<slug>[-\w]+)/xuat\.(?P<fmt>json|xlsx)$", views.export, name="export"),
]
