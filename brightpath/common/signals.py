"""Carry the request id from the web request into the Celery task it enqueues."""

from celery.signals import before_task_publish, task_postrun, task_prerun

from .logging import request_id_var


@before_task_publish.connect
def _attach_request_id(headers: dict | None = None, **_: object) -> None:
    if headers is not None and request_id_var.get():
        headers.setdefault("request_id", request_id_var.get())


@task_prerun.connect
def _restore_request_id(task=None, **_: object) -> None:
    request_id = getattr(task.request, "request_id", None) if task else None
    task._request_id_token = request_id_var.set(request_id or "")


@task_postrun.connect
def _clear_request_id(task=None, **_: object) -> None:
    token = getattr(task, "_request_id_token", None)
    if token is not None:
        request_id_var.reset(token)
        task._request_id_token = None
