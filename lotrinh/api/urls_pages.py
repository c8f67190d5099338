from django.urls import path

from lotrinh.api import views_pages

app_name = "api_tokens"
urlpatterns = [
    path("", views_pages.tokens, name="list"),
    path("cap/", views_pages.issue, name="issue"),
    path("<int:pk>/thu-hoi/", views_pages.revoke, name="revoke"),
]
