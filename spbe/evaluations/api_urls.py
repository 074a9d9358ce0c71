"""REST API routes of this app, mounted under /api/ by spbe.api.urls."""

from django.urls import path

from spbe.evaluations import apis, apis_evidence

urlpatterns = [
    path("evidence-links/", apis_evidence.LinkCreateApi.as_view(), name="api-evidence-link-list"),
    path(
        "evidence-links/upload/",
        apis_evidence.LinkUploadApi.as_view(),
        name="api-evidence-link-upload",
    ),
    path(
        "evidence-links/<int:pk>/",
        apis_evidence.LinkDetailApi.as_view(),
        name="api-evidence-link-detail",
    ),
    path("cycles/", apis.CycleListApi.as_view(), name="api-cycle-list"),
    path("cycles/<int:pk>/", apis.CycleDetailApi.as_view(), name="api-cycle-detail"),
    path(
        "cycles/<int:pk>/transition/",
        apis.CycleTransitionApi.as_view(),
        name="api-cycle-transition",
    ),
    path("cycles/<int:pk>/finalise/", apis.CycleFinaliseApi.as_view(), name="api-cycle-finalise"),
    path("cycles/<int:pk>/reopen/", apis.CycleReopenApi.as_view(), name="api-cycle-reopen"),
    path("cycles/<int:pk>/scores/", apis.CycleScoresApi.as_view(), name="api-cycle-scores"),
    path(
        "cycles/<int:pk>/external-values/",
        apis.CycleExternalValuesApi.as_view(),
        name="api-cycle-external-values",
    ),
    path(
        "cycles/<int:pk>/stage-values/",
        apis.CycleStageValuesApi.as_view(),
        name="api-cycle-stage-values",
    ),
    path(
        "cycles/<int:pk>/assessments/",
        apis.CycleAssessmentsApi.as_view(),
        name="api-cycle-assessments",
    ),
    path(
        "cycles/<int:pk>/assessments/export/",
        apis.CycleAssessmentsExportApi.as_view(),
        name="api-cycle-assessments-export",
    ),
    path("assessments/<int:pk>/", apis.AssessmentDetailApi.as_view(), name="api-assessment"),
    path(
        "assessments/<int:pk>/submit/",
        apis.AssessmentSubmitApi.as_view(),
        name="api-assessment-submit",
    ),
    path(
        "assessments/<int:pk>/review/",
        apis.AssessmentReviewApi.as_view(),
        name="api-assessment-review",
    ),
    path(
        "assessments/<int:pk>/decide/",
        apis.AssessmentDecideApi.as_view(),
        name="api-assessment-decide",
    ),
    path(
        "assessments/<int:pk>/assign/",
        apis.AssessmentAssignApi.as_view(),
        name="api-assessment-assign",
    ),
    path(
        "assessments/<int:pk>/stage-values/",
        apis.AssessmentStageValueApi.as_view(),
        name="api-assessment-stage-value",
    ),
    path(
        "assessments/<int:pk>/comments/",
        apis.AssessmentCommentsApi.as_view(),
        name="api-assessment-comments",
    ),
    path("notifications/", apis.NotificationListApi.as_view(), name="api-notification-list"),
    path("notifications/read/", apis.NotificationReadApi.as_view(), name="api-notification-read"),
]
