"""REST API routes of this app, mounted under /api/ by spbe.api.urls."""

from django.urls import path

from spbe.evaluations.apis import (
    assessments,
    comments,
    cycles,
    evidence_links,
    notifications,
    reviews,
    scores,
    stage_values,
)

urlpatterns = [
    path("evidence-links/", evidence_links.LinkCreateApi.as_view(), name="api-evidence-link-list"),
    path(
        "evidence-links/upload/",
        evidence_links.LinkUploadApi.as_view(),
        name="api-evidence-link-upload",
    ),
    path(
        "evidence-links/<int:pk>/",
        evidence_links.LinkDetailApi.as_view(),
        name="api-evidence-link-detail",
    ),
    path("cycles/", cycles.CycleListApi.as_view(), name="api-cycle-list"),
    path("cycles/<int:pk>/", cycles.CycleDetailApi.as_view(), name="api-cycle-detail"),
    path(
        "cycles/<int:pk>/transition/",
        cycles.CycleTransitionApi.as_view(),
        name="api-cycle-transition",
    ),
    path("cycles/<int:pk>/finalise/", cycles.CycleFinaliseApi.as_view(), name="api-cycle-finalise"),
    path("cycles/<int:pk>/reopen/", cycles.CycleReopenApi.as_view(), name="api-cycle-reopen"),
    path("cycles/<int:pk>/scores/", scores.CycleScoresApi.as_view(), name="api-cycle-scores"),
    path(
        "cycles/<int:pk>/external-values/",
        scores.CycleExternalValuesApi.as_view(),
        name="api-cycle-external-values",
    ),
    path(
        "cycles/<int:pk>/stage-values/",
        stage_values.CycleStageValuesApi.as_view(),
        name="api-cycle-stage-values",
    ),
    path(
        "cycles/<int:pk>/assessments/",
        assessments.CycleAssessmentsApi.as_view(),
        name="api-cycle-assessments",
    ),
    path(
        "cycles/<int:pk>/assessments/export/",
        assessments.CycleAssessmentsExportApi.as_view(),
        name="api-cycle-assessments-export",
    ),
    path("assessments/<int:pk>/", assessments.AssessmentDetailApi.as_view(), name="api-assessment"),
    path(
        "assessments/<int:pk>/submit/",
        assessments.AssessmentSubmitApi.as_view(),
        name="api-assessment-submit",
    ),
    path(
        "assessments/<int:pk>/review/",
        reviews.AssessmentReviewApi.as_view(),
        name="api-assessment-review",
    ),
    path(
        "assessments/<int:pk>/decide/",
        reviews.AssessmentDecideApi.as_view(),
        name="api-assessment-decide",
    ),
    path(
        "assessments/<int:pk>/assign/",
        assessments.AssessmentAssignApi.as_view(),
        name="api-assessment-assign",
    ),
    path(
        "assessments/<int:pk>/stage-values/",
        stage_values.AssessmentStageValueApi.as_view(),
        name="api-assessment-stage-value",
    ),
    path(
        "assessments/<int:pk>/comments/",
        comments.AssessmentCommentsApi.as_view(),
        name="api-assessment-comments",
    ),
    path(
        "notifications/", notifications.NotificationListApi.as_view(), name="api-notification-list"
    ),
    path(
        "notifications/read/",
        notifications.NotificationReadApi.as_view(),
        name="api-notification-read",
    ),
]
