from django.urls import path

from . import county_views, inspection_views, views

app_name = "campaigns"
urlpatterns = [
    path("", views.campaign_list_view, name="list"),
    path("new/", views.campaign_create_view, name="create"),
    path("new/from-notice/", views.campaign_create_from_notice_view, name="create_from_notice"),
    path("checklists/", views.checklist_list_view, name="checklists"),
    path("checklists/<int:pk>/", views.checklist_detail_view, name="checklist"),
    path("checklists/<int:pk>/copy/", views.checklist_copy_view, name="checklist_copy"),
    path("checklists/<int:pk>/items/<int:item_id>/", views.checklist_item_view, name="checklist_item"),
    path("checklists/<int:pk>/items/<int:item_id>/add/", views.checklist_point_add_view, name="checklist_point_add"),
    path("<int:pk>/", views.campaign_detail_view, name="detail"),
    path("<int:pk>/closure/", views.campaign_closure_view, name="closure"),
    path("<int:pk>/county/", county_views.county_view_view, name="county"),
    path("<int:pk>/summary/", county_views.summary_view, name="summary"),
    path("<int:pk>/summary/generate/", county_views.summary_generate_view, name="summary_generate"),
    path("<int:pk>/summary/save/", county_views.summary_save_view, name="summary_save"),
    path("<int:pk>/summary.docx", county_views.summary_docx_view, name="summary_docx"),
    path("<int:pk>/pack.zip", county_views.pack_view, name="pack"),
    path("<int:pk>/units/<int:unit_id>/inspection/", inspection_views.inspection_view, name="inspection"),
    path("<int:pk>/units/<int:unit_id>/inspection/<int:item_id>/", inspection_views.answer_view, name="answer"),
    path("<int:pk>/units/<int:unit_id>/inspection/evidence/<int:evidence_id>/", inspection_views.answer_evidence_view,
         name="answer_evidence"),
    path("<int:pk>/units/<int:unit_id>/report/", inspection_views.report_view, name="report"),
    path("<int:pk>/units/<int:unit_id>/report/<int:phase_id>/submit/", inspection_views.report_submit_view,
         name="report_submit"),
    path("<int:pk>/units/<int:unit_id>/report/<int:phase_id>.docx", inspection_views.report_docx_view,
         name="report_docx"),
    path("<int:pk>/units/<int:unit_id>/problems.xlsx", inspection_views.problems_xlsx_view, name="problems_xlsx"),
]
