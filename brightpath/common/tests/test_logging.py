import io
import json
import logging

import pytest

from brightpath.common.logging import request_id_var

pytestmark = pytest.mark.django_db


def test_every_response_carries_a_request_id(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert len(first) == 32 and first != second


def test_a_sane_incoming_request_id_is_kept_and_a_hostile_one_replaced(client):
    assert client.get("/healthz", HTTP_X_REQUEST_ID="lb-abc.123")["X-Request-ID"] == "lb-abc.123"
    hostile = client.get("/healthz", HTTP_X_REQUEST_ID='x"\n{"level":"forged"}')
    assert hostile["X-Request-ID"] != 'x"\n{"level":"forged"}'


def test_log_lines_are_json_objects_with_the_request_id():
    handler = logging.getLogger().handlers[0]
    token = request_id_var.set("req-77")
    try:
        record = logging.LogRecord(
            "brightpath.x", logging.INFO, __file__, 1, "hello %s", ("you",), None
        )
        for log_filter in handler.filters:
            log_filter.filter(record)
        line = handler.format(record)
    finally:
        request_id_var.reset(token)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "hello you"
    assert entry["request_id"] == "req-77"
    assert entry["level"] == "INFO"
    assert entry["timestamp"]


def test_request_logs_carry_the_request_id(client):
    configured = logging.getLogger().handlers[0]
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(configured.formatter)
    for log_filter in configured.filters:
        handler.addFilter(log_filter)
    logging.getLogger("django.request").addHandler(handler)
    try:
        client.get("/api/nowhere/", HTTP_X_REQUEST_ID="trace-404")
    finally:
        logging.getLogger("django.request").removeHandler(handler)
    entry = json.loads(stream.getvalue().splitlines()[0])
    assert entry["message"] == "Not Found: /api/nowhere/"
    assert entry["request_id"] == "trace-404"
