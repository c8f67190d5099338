from django.urls import path

from lotrinh.core import views_activity

app_name = "core"
urlpatterns = [
    path("", views_activity.activity_log, name="activity"),
    path("xlsx/", views_activity.activity_xlsx, name="activity_xlsx"),
]
