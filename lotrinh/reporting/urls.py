from django.urls import path

from lotrinh.reporting import (
    views,
    views_compliance,
    views_notifications,
    views_plans,
    views_regimes,
    views_report,
)

app_name = "reporting"
urlpatterns = [
    path("", views.my_reports, name="my_reports"),
    path("bat-dau/", views.start_report, name="start"),
    path("thong-bao/", views_notifications.notifications, name="notifications"),
    path(
        "thong-bao/da-doc/", views_notifications.mark_notifications_read, name="notifications_read"
    ),
    path("thong-bao/<int:pk>/mo/", views_notifications.open_notification, name="notification_open"),
    path("ke-hoach/", views_plans.plan_page, name="plan"),
    path("ke-hoach/luu/", views_plans.plan_save, name="plan_save"),
    path("ke-hoach/<slug:code>/", views_plans.plan_page, name="plan_of"),
    path("de-xuat/", views_plans.amendment_list, name="amendments"),
    path("de-xuat/gui/", views_plans.amendment_propose, name="amendment_propose"),
    path("de-xuat/<int:pk>/", views_plans.amendment_decide, name="amendment_decide"),
    path("tinh-hinh/", views_compliance.compliance_page, name="compliance"),
    path("tinh-hinh.xlsx", views_compliance.compliance_xlsx, name="compliance_xlsx"),
    path("tinh-hinh.json", views_compliance.compliance_json, name="compliance_json"),
    path("nhac/<int:agency_pk>/<int:period_pk>/", views_compliance.send_reminder, name="remind"),
    path("nhac-tat-ca/", views_compliance.remind_all, name="remind_all"),
    path("che-do/<int:pk>/lich/", views_regimes.regime_schedule, name="regime_schedule"),
    path("che-do/<int:pk>/tinh-hinh/", views_regimes.regime_compliance, name="regime_compliance"),
    path("che-do/<int:pk>/nhac/", views_regimes.regime_remind, name="regime_remind"),
    path("che-do/<int:pk>/nhac-tat-ca/", views_regimes.regime_remind_all, name="regime_remind_all"),
    path(
        "che-do/<int:pk>/tinh-hinh.xlsx",
        views_regimes.regime_compliance_xlsx,
        name="regime_compliance_xlsx",
    ),
    path("<int:pk>/", views_report.report_detail, name="report"),
    path("<int:pk>/ban-tiep-nhan/", views_report.accepted_copy_page, name="accepted_copy"),
    path("<int:pk>/muc/<int:entry_pk>/", views_report.save_entry, name="save_entry"),
    path(
        "<int:pk>/phoi-hop/<int:contribution_pk>/",
        views_report.save_contribution,
        name="save_contribution",
    ),
    path("<int:pk>/danh-gia/", views_report.save_sections, name="save_sections"),
    path("<int:pk>/luu-tat-ca/", views_report.save_all, name="save_all"),
    path(
        "<int:pk>/ban-luu/<int:snapshot_pk>/minh-chung/<int:index>/",
        views_report.snapshot_evidence,
        name="snapshot_evidence",
    ),
    path("<int:pk>/xac-nhan/<slug:action>/", views_report.confirm_action, name="confirm"),
    path("<int:pk>/y-kien/", views.add_comment, name="comment"),
    path("nhiem-vu/<int:task_pk>/y-kien/", views.add_task_comment, name="task_comment"),
    path("<int:pk>/minh-chung/<int:entry_pk>/", views.evidence_download, name="evidence"),
    path("<int:pk>/bieu-mau.xlsx", views.download_form, name="download_form"),
    path("<int:pk>/tai-len/", views.upload_form, name="upload_form"),
    path("<int:pk>/tai-len/<int:upload_pk>/", views.upload_page, name="upload_page"),
    path("<int:pk>/<slug:action>/", views_report.report_action, name="action"),
]
