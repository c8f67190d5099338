from django.urls import path

from lotrinh.importer import views

app_name = "importer"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("nhan-dang/<int:pk>/", views.job_page, name="job"),
    path("nhan-dang/<int:pk>/chay-lai/", views.retry, name="retry"),
    path("<int:pk>/", views.review_page, name="review"),
    path("<int:pk>/sua/", views.correct, name="correct"),
    path("<int:pk>/cong-bo/", views.publish, name="publish"),
    path("<int:pk>/cong-bo/xac-nhan/", views.confirm_publish, name="confirm_publish"),
]
