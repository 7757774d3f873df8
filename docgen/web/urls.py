"""URLs of the workspace. Case ids appear in paths; identity numbers and names never do."""

from __future__ import annotations

from django.urls import path, register_converter

from docgen.web.accounts import views as accounts
from docgen.web.workspace import assemble, docket_views, views
from docgen.web.workspace import mailroom_views as desk


class CaseIdConverter:
    """A case id as the team writes it (accents and spaces too), quoted in the address; never a slash, never
    ``.`` or ``..`` (the workspace refuses such ids when a case is saved: ``cases.addressable``)."""

    regex = r"[^/]+"

    def to_python(self, value: str) -> str:
        if value in (".", ".."):
            raise ValueError(value)
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(CaseIdConverter, "case")

urlpatterns = [
    path("login/", accounts.login_view, name="login"),
    path("logout/", accounts.logout_view, name="logout"),
    path("users/", accounts.users_view, name="users"),
    path("audit/", accounts.audit_view, name="audit"),
    path("", views.case_list, name="case-list"),
    path("cases/new/", views.case_new, name="case-new"),
    path("cases/<case:case_id>/", views.case_detail, name="case-detail"),
    path("cases/<case:case_id>/reveal/", views.case_reveal, name="case-reveal"),
    path("cases/<case:case_id>/todo/", views.case_todo, name="case-todo"),
    path("cases/<case:case_id>/forms/", views.case_forms, name="case-forms"),
    path("cases/<case:case_id>/letters/", views.case_letters, name="case-letters"),
    path("cases/<case:case_id>/packets/", views.case_packets, name="case-packets"),
    path("cases/<case:case_id>/packets/assemble/", assemble.case_assemble, name="case-assemble"),
    path("templates/upload/", views.template_upload, name="template-upload"),
    path("batch/", views.batch_view, name="batch"),
    path("upload-too-large/", views.upload_too_large, name="upload-too-large"),
    path("jobs/<uuid:job_id>/", views.job_detail, name="job-detail"),
    path("jobs/<uuid:job_id>/status/", views.job_status, name="job-status"),
    path("jobs/<uuid:job_id>/files/<str:name>", views.job_file, name="job-file"),
    path("jobs/<uuid:job_id>/pages/<str:name>/<int:page>.png", views.job_page, name="job-page"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/export/<slug:name>.<str:fmt>", views.export, name="export"),
    path("deadlines/<int:deadline_id>/done/", views.deadline_done, name="deadline-done"),
    path("mailroom/aliases/", docket_views.aliases_view, name="aliases"),
    path("calendar/", docket_views.calendar_view, name="calendar"),
    path("calendar/<str:token>.ics", docket_views.calendar_feed, name="calendar-feed"),
    path("jobs/<uuid:job_id>/filed/", docket_views.packet_filed, name="packet-filed"),
    # the mailroom review desk: review ids in paths, never names or numbers read from a notice
    path("mailroom/", desk.review_queue, name="review-queue"),
    path("mailroom/upload/", desk.review_upload, name="review-upload"),
    path("mailroom/<int:review_id>/", desk.review_item, name="review-item"),
    path("mailroom/<int:review_id>/pages/<int:page>.png", desk.review_page, name="review-page"),
    path("mailroom/<int:review_id>/correct/", desk.review_correct, name="review-correct"),
    path("mailroom/<int:review_id>/assign/", desk.review_assign, name="review-assign"),
    path("mailroom/<int:review_id>/not-a-notice/", desk.review_not_a_notice, name="review-not-a-notice"),
    path("mailroom/<int:review_id>/dismiss/", desk.review_dismiss, name="review-dismiss"),
    path("mailroom/notices/<int:notice_id>/unfile/", desk.notice_unfile, name="notice-unfile"),
]

handler403 = "docgen.web.accounts.views.forbidden"
handler404 = "docgen.web.accounts.views.not_found"
