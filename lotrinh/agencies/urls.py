from django.urls import path

from lotrinh.agencies import views, views_units

app_name = "agencies"
urlpatterns = [
    path("", views.agency_list, name="list"),
    path("<slug:code>/", views.agency_detail, name="detail"),
    path("<slug:code>/don-vi/", views_units.units_page, name="units"),
    path(
        "<slug:code>/don-vi/tai-ve.csv",
        views_units.units_download,
        {"fmt": "csv"},
        name="units_csv",
    ),
    path(
        "<slug:code>/don-vi/tai-ve.xlsx",
        views_units.units_download,
        {"fmt": "xlsx"},
        name="units_xlsx",
    ),
    path("<slug:code>/don-vi/luu/", views_units.units_save, name="units_save"),
]
