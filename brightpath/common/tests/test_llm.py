"""The language-model provider, through the real openai client against a local
fake endpoint (llm_fake.py): answers, streams, embeddings, and every failure
turned into one LLMUnavailable, with nothing of the prompt in the logs."""

import logging
import socket

import pytest
from django.core.exceptions import ImproperlyConfigured

from brightpath.common.llm import (
    ChatMessage,
    LLMUnavailable,
    OfflineProvider,
    OpenAICompatibleProvider,
    configured_provider,
)

from .llm_fake import fail, llm_server, llm_settings, malformed, reply, slow

__all__ = ["llm_server", "llm_settings"]  # fixtures, used by name

QUESTION = [
    ChatMessage("system", "You are a kind guide."),
    ChatMessage("user", "Why is the sky blue?"),
]


def test_no_endpoint_configured_means_no_provider(settings):
    settings.LLM_BASE_URL = ""
    assert configured_provider() is None


def test_an_endpoint_without_a_model_is_a_configuration_error(settings):
    settings.LLM_BASE_URL = "http://127.0.0.1:9/v1"
    settings.LLM_MODEL = ""
    with pytest.raises(ImproperlyConfigured):
        configured_provider()


def test_a_completion_carries_the_answer_and_what_it_cost(llm_settings):
    llm_settings.answer("Sunlight scatters in the air.")
    completion = configured_provider().complete(
        QUESTION, max_tokens=50, temperature=0.2, response_format={"type": "json_object"}
    )
    assert completion.text == "Sunlight scatters in the air."
    assert completion.provider == "openai"
    assert completion.model == "fake-model"
    assert completion.tokens_used > 0
    assert completion.latency_ms >= 0
    [sent] = llm_settings.chat_requests
    assert sent["model"] == "fake-model"
    assert sent["messages"] == [
        {"role": "system", "content": "You are a kind guide."},
        {"role": "user", "content": "Why is the sky blue?"},
    ]
    assert sent["max_tokens"] == 50 and sent["temperature"] == 0.2
    assert sent["response_format"] == {"type": "json_object"}


def test_a_request_without_response_format_does_not_send_one(llm_settings):
    configured_provider().complete(QUESTION, max_tokens=20)
    assert "response_format" not in llm_settings.chat_requests[0]


def test_the_answer_can_depend_on_the_request(llm_settings):
    llm_settings.answer(lambda request: request["messages"][-1]["content"].upper())
    assert configured_provider().complete(QUESTION, max_tokens=20).text == "WHY IS THE SKY BLUE?"


def test_a_stream_gives_the_answer_in_pieces(llm_settings):
    llm_settings.answer("Light bounces off tiny bits of air.")
    pieces = list(configured_provider().stream(QUESTION, max_tokens=50))
    assert len(pieces) > 1
    assert "".join(pieces) == "Light bounces off tiny bits of air."
    assert llm_settings.chat_requests[0]["stream"] is True


def test_embeddings_give_one_vector_per_text_in_order(llm_settings):
    provider = configured_provider()
    first = provider.embed(["stars", "oceans", "stars"])
    assert len(first) == 3 and all(len(v) == 8 for v in first)
    assert first[0] == first[2] != first[1]
    assert provider.embed(["oceans"]) == [first[1]]
    assert llm_settings.requests[0].body["model"] == "fake-embed"


def test_embeddings_without_an_embeddings_model_are_unavailable(llm_settings, settings):
    settings.LLM_EMBEDDINGS_MODEL = ""
    with pytest.raises(LLMUnavailable):
        configured_provider().embed(["stars"])
    assert llm_settings.requests == []


def test_no_api_key_configured_still_works_with_a_placeholder(llm_settings):
    assert configured_provider().complete(QUESTION, max_tokens=20).text
    assert llm_settings.requests[0].headers["authorization"] == "Bearer no-key-configured"


def test_a_configured_api_key_is_sent(llm_settings, settings):
    settings.LLM_API_KEY = "sk-test-123"
    configured_provider().complete(QUESTION, max_tokens=20)
    assert llm_settings.requests[0].headers["authorization"] == "Bearer sk-test-123"


def test_a_rate_limit_then_a_server_error_are_retried(llm_settings):
    llm_settings.then(fail(429), fail(500))
    assert configured_provider().complete(QUESTION, max_tokens=20).text
    assert len(llm_settings.requests) == 3


def test_errors_past_the_retries_are_unavailable(llm_settings):
    llm_settings.then(fail(500), fail(502), fail(503))
    with pytest.raises(LLMUnavailable) as failure:
        configured_provider().complete(QUESTION, max_tokens=20)
    assert failure.value.reason == "status 503"
    assert len(llm_settings.requests) == 3  # the first try and LLM_MAX_RETRIES=2


def test_a_client_error_is_not_retried(llm_settings):
    llm_settings.then(fail(400))
    with pytest.raises(LLMUnavailable) as failure:
        configured_provider().complete(QUESTION, max_tokens=20)
    assert failure.value.reason == "status 400"
    assert len(llm_settings.requests) == 1


def test_a_slow_endpoint_times_out(llm_settings, settings):
    settings.LLM_TIMEOUT_SECONDS = 0.3
    settings.LLM_MAX_RETRIES = 0
    llm_settings.then(slow(5))
    with pytest.raises(LLMUnavailable) as failure:
        configured_provider().complete(QUESTION, max_tokens=20)
    assert failure.value.reason == "timeout"


def test_a_timeout_is_retried(llm_settings, settings):
    settings.LLM_TIMEOUT_SECONDS = 0.3
    llm_settings.then(slow(5), reply("Here now."))
    assert configured_provider().complete(QUESTION, max_tokens=20).text == "Here now."
    assert len(llm_settings.requests) == 2


def test_a_refused_connection_is_unavailable(settings):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again on leaving: nothing listens there
    provider = OpenAICompatibleProvider(
        base_url=f"http://127.0.0.1:{port}/v1", model="m", timeout=1, max_retries=0
    )
    with pytest.raises(LLMUnavailable) as failure:
        provider.complete(QUESTION, max_tokens=20)
    assert failure.value.reason == "connection failed"


@pytest.mark.parametrize(
    "behaviour",
    [
        malformed(),  # JSON cut short
        malformed(b"<html>Bad gateway</html>", content_type="text/html"),
        malformed(b'{"choices": []}'),
        malformed(b'{"id": "x"}'),
        malformed(b'{"choices": [{"index": 0, "message": {"role": "assistant"}}]}'),
        reply("   "),  # nothing said
    ],
    ids=["cut-short", "html", "no-choices", "no-fields", "no-content", "blank"],
)
def test_a_malformed_answer_is_unavailable(llm_settings, behaviour):
    llm_settings.then(behaviour)
    with pytest.raises(LLMUnavailable) as failure:
        configured_provider().complete(QUESTION, max_tokens=20)
    assert failure.value.reason == "malformed answer"


@pytest.mark.parametrize(
    "behaviour",
    [
        malformed(b"data: {oops\n\n", content_type="text/event-stream"),
        malformed(b'{"id": "x"}'),
        fail(500),
    ],
    ids=["bad-event", "not-a-stream", "error"],
)
def test_a_failed_stream_is_unavailable(llm_settings, settings, behaviour):
    settings.LLM_MAX_RETRIES = 0
    llm_settings.then(behaviour)
    with pytest.raises(LLMUnavailable):
        list(configured_provider().stream(QUESTION, max_tokens=20))


def test_malformed_embeddings_are_unavailable(llm_settings):
    llm_settings.then(malformed(b'{"object": "list", "data": []}'))
    with pytest.raises(LLMUnavailable):
        configured_provider().embed(["stars"])


def test_failures_are_logged_without_the_prompt_or_the_answer(llm_settings, settings, caplog):
    secret = "my-secret-words-4412"
    settings.LLM_MAX_RETRIES = 1
    question = [ChatMessage("user", f"Tell me about {secret}")]
    llm_settings.answer(f"An answer repeating {secret}")
    llm_settings.then(
        malformed(f'{{"error": "cannot read {secret}"'.encode()),
        fail(400),
        fail(500),
        fail(500),
    )
    caplog.set_level(logging.DEBUG)
    provider = configured_provider()
    for _ in range(3):
        with pytest.raises(LLMUnavailable) as failure:
            provider.complete(question, max_tokens=20)
        assert secret not in str(failure.value)
        assert failure.value.__cause__ is None
    assert secret in provider.complete(question, max_tokens=20).text
    assert "".join(provider.stream(question, max_tokens=20)).endswith(secret)
    warnings = [r for r in caplog.records if r.name.startswith("brightpath.common.llm")]
    assert [r.llm_reason for r in warnings] == ["malformed answer", "status 400", "status 500"]
    for record in caplog.records:
        assert secret not in record.getMessage()
        assert secret not in repr(record.__dict__)


def test_the_offline_provider_answers_through_the_same_interface():
    provider = OfflineProvider(lambda messages: f"You said: {messages[-1].content}")
    completion = provider.complete(QUESTION, max_tokens=20)
    assert completion.text == "You said: Why is the sky blue?"
    assert completion.provider == "offline"
    pieces = list(provider.stream(QUESTION, max_tokens=20))
    assert pieces[:2] == ["You ", "said: "]
    assert "".join(pieces) == completion.text
    with pytest.raises(LLMUnavailable):
        provider.embed(["stars"])
