from django.urls import path

from .views import caller, public, staff

app_name = "ticketing"
urlpatterns = [
    path("", staff.halls_view, name="halls"),
    path("halls/<int:hall_id>/enable/", staff.enable_view, name="enable"),
    path("halls/<int:hall_id>/", staff.hall_view, name="hall"),
    path("halls/<int:hall_id>/live/", staff.live_view, name="live"),
    path("halls/<int:hall_id>/setup/", staff.setup_view, name="setup"),
    path("halls/<int:hall_id>/queues/new/", staff.queue_view, name="queue_new"),
    path("halls/<int:hall_id>/queues/<int:pk>/", staff.queue_view, name="queue_edit"),
    path("halls/<int:hall_id>/windows/new/", staff.window_view, name="window_new"),
    path("halls/<int:hall_id>/windows/<int:number>/edit/", staff.window_view, name="window_edit"),
    path("halls/<int:hall_id>/devices/", staff.devices_view, name="devices"),
    path("halls/<int:hall_id>/devices/<int:pk>/revoke/", staff.device_revoke_view, name="device_revoke"),
    path("halls/<int:hall_id>/agents/", staff.agents_view, name="agents"),
    path("halls/<int:hall_id>/agents/<int:pk>/deactivate/", staff.agent_deactivate_view, name="agent_deactivate"),
    path("halls/<int:hall_id>/priority/", staff.priority_view, name="priority"),
    path("halls/<int:hall_id>/tickets/<int:pk>/", staff.ticket_view, name="ticket"),
    path("halls/<int:hall_id>/windows/<int:number>/", caller.caller_view, name="caller"),
    path("halls/<int:hall_id>/windows/<int:number>/act/", caller.caller_act_view, name="caller_act"),
    path("halls/<int:hall_id>/windows/<int:number>/transfer/", caller.caller_transfer_view, name="caller_transfer"),
    path("halls/<int:hall_id>/windows/<int:number>/waiting/", caller.caller_waiting_view, name="caller_waiting"),
    # No login: bound by a device link's token, a ticket's or a booking's code.
    path("k/<str:token>/", public.kiosk_view, name="kiosk"),
    path("k/<str:token>/take/", public.kiosk_take_view, name="kiosk_take"),
    path("k/<str:token>/checkin/", public.kiosk_checkin_view, name="kiosk_checkin"),
    path("k/<str:token>/t/<str:code>/", public.kiosk_ticket_view, name="kiosk_ticket"),
    path("d/<str:token>/", public.display_view, name="display"),
    path("d/<str:token>/board/", public.display_board_view, name="display_board"),
    path("t/<str:code>/", public.status_view, name="status"),
    path("t/<str:code>/panel/", public.status_panel_view, name="status_panel"),
    path("t/<str:code>/cancel/", public.status_cancel_view, name="status_cancel"),
    path("b/<str:token>/", public.booking_view, name="booking"),
    path("b/<str:token>/a/<str:code>/", public.booking_done_view, name="booking_done"),
]
