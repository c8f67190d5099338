from django.urls import path

from lotrinh.reporting import views_cascade

app_name = "cascade"
urlpatterns = [
    path("", views_cascade.plans, name="plans"),
    path("nhap/", views_cascade.import_plan, name="import"),
    path("nhap/<int:pk>/", views_cascade.import_job, name="import_job"),
    path("nhap/<int:pk>/chay-lai/", views_cascade.import_retry, name="import_retry"),
    path("ke-hoach/<int:pk>/", views_cascade.plan, name="plan"),
    path("ke-hoach/<int:pk>/luu/", views_cascade.plan_save, name="plan_save"),
    path("ke-hoach/<int:pk>/nhac/<int:unit_pk>/", views_cascade.remind_unit, name="remind_unit"),
    path("bao-cao/<int:pk>/", views_cascade.report_rollup, name="rollup"),
    path("bao-cao/<int:pk>/dien-san/", views_cascade.report_prefill, name="prefill"),
]
