from django.urls import path

from lotrinh.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("yeu-cau/", views.request_document, name="request"),
    path("mau/", views.upload_template, name="upload_template"),
    path("<int:pk>/tai-ve/", views.download, name="download"),
    path("<int:pk>/tao-lai/", views.retry, name="retry"),
    path("mau/<int:pk>/tai-ve/", views.download_template, name="download_template"),
]
