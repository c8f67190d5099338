from django.urls import path

from lotrinh.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("", views.home, name="home"),
    path("giam-sat/", views.reading_page, name="reading"),
    path("co-quan/<slug:code>/", views.agency_page, name="agency"),
    path("co-quan/<slug:code>/lich.ics", views.agency_ics, name="agency_ics"),
    path("lich/", views.calendar, name="calendar"),
    path("lich/<str:token>/<slug:code>.ics", views.calendar_feed, name="calendar_feed"),
]
