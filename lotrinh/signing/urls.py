from django.urls import path

from lotrinh.signing import views

app_name = "signing"
urlpatterns = [
    path("kiem-tra/", views.verify_upload, name="verify"),
    path("<int:pk>/tai-ve/", views.download, name="download"),
]
