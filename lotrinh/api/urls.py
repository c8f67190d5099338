from csp.decorators import csp_update
from django.urls import URLPattern, URLResolver, include, path
from django.views.decorators.cache import cache_page
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import SimpleRouter

from lotrinh.api import views, views_sdmx

app_name = "api"

router = SimpleRouter()
router.register("programmes", views.ProgrammeViewSet, basename="programme")
router.register("clauses", views.ClauseViewSet, basename="clause")
router.register("task-groups", views.TaskGroupViewSet, basename="taskgroup")
router.register("tasks", views.TaskViewSet, basename="task")
router.register("assignments", views.AssignmentViewSet, basename="assignment")
router.register("agencies", views.AgencyViewSet, basename="agency")
router.register("successions", views.SuccessionViewSet, basename="succession")
router.register("regimes", views.RegimeViewSet, basename="regime")
router.register("periods", views.PeriodViewSet, basename="period")
router.register("plans", views.PlanViewSet, basename="plan")
router.register("plan-tasks", views.PlanTaskViewSet, basename="plantask")
router.register("reports", views.ReportViewSet, basename="report")
router.register("entries", views.EntryViewSet, basename="entry")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("observations", views.ObservationViewSet, basename="observation")
router.register("documents", views.DocumentViewSet, basename="document")

urlpatterns: list[URLPattern | URLResolver] = [
    # The schema changes only with a deployment: kept five minutes in the cache (it varies
    # by Accept and the language, and `?format=json` is its own address).
    path("schema/", cache_page(300)(SpectacularAPIView.as_view()), name="schema"),
    # Swagger UI with its script at its own address and its page style in a stylesheet
    # (templates/api/swagger_ui.html): nothing inline for the Content-Security-Policy.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="api/swagger_ui.html"
        ),
        name="docs",
    ),
    # Redoc (templates/api/redoc.html): no fonts from the network, no search worker. Its
    # bundle writes its styles into <style> elements at run time (styled-components), which
    # a policy without 'unsafe-inline' styles breaks ("Something went wrong"): this one page,
    # which shows no user content, allows inline styles; scripts stay our files only.
    path(
        "redoc/",
        csp_update({"style-src": ["'unsafe-inline'"]})(
            SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html")
        ),
        name="redoc",
    ),
    path("compliance/", views.ComplianceView.as_view(), name="compliance"),
    path("targets/", views.TargetStatusView.as_view(), name="targets"),
    path("sdmx/structure/", views_sdmx.StructureView.as_view(), name="sdmx_structure"),
    path("sdmx/data/", views_sdmx.DataView.as_view(), name="sdmx_data"),
    path("", include(router.urls)),
]
