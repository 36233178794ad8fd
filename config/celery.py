"""The Celery application: JSON messages, time limits, retries, beat.

Settings come from Django's (CELERY_* names). Start a worker with `make worker`
and the scheduler with `make beat`; without a broker, tasks run eagerly inline.
"""

import os

from celery import Celery, Task

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


class BrightPathTask(Task):
    """Base for every task: transient failures retry with exponential backoff."""

    # Network and SMTP failures are OSErrors; domain errors are not retried.
    autoretry_for = (OSError,)
    retry_backoff = 2
    retry_backoff_max = 600
    retry_jitter = True
    max_retries = 5


app = Celery("brightpath", task_cls=BrightPathTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
