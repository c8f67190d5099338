from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from lotrinh.core.views import favicon, healthz

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("lotrinh.portal.urls")),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
    path("tai-khoan/", include("lotrinh.accounts.urls")),
    path("co-quan/", include("lotrinh.agencies.urls")),
    path("chuong-trinh/", include("lotrinh.programmes.urls")),
    path("chi-tieu/", include("lotrinh.indicators.urls")),
    path("bao-cao/", include("lotrinh.reporting.urls")),
    path("phan-cap/", include("lotrinh.reporting.urls_cascade")),
    path("van-ban-bao-cao/", include("lotrinh.documents.urls")),
    path("nhap-van-ban/", include("lotrinh.importer.urls")),
    path("tong-quan/", include("lotrinh.dashboard.urls")),
    path("api/v1/", include("lotrinh.api.urls")),
    path("tai-khoan/khoa-api/", include("lotrinh.api.urls_pages")),
    path("chu-ky-so/", include("lotrinh.signing.urls")),
    path("nhat-ky/", include("lotrinh.core.urls")),
]
# An unknown /api/… address answers JSON, in the API's error shape (lotrinh/api/errors.py).
handler404 = "lotrinh.api.errors.not_found_page"
handler400 = "lotrinh.api.errors.bad_request_page"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
