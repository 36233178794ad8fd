"""A stand-in for an OpenAI-compatible endpoint, for tests: a real HTTP server
on 127.0.0.1 (an ephemeral port) that answers `POST /v1/chat/completions`
(whole, or streamed as server-sent events ending with `data: [DONE]`) and
`POST /v1/embeddings`, so the real `openai` client does the talking.

Script it per test:

    llm_server.answer("Hello!")                 # every chat answer from now on
    llm_server.answer({"reply": "..."})         # a dict is sent as JSON text
    llm_server.answer(lambda request: "...")    # from the request body (a dict)
    llm_server.then(fail(429), fail(500))       # the next requests, in order,
    llm_server.then(slow(5), malformed())       # before the standing answer

and read what it received: `llm_server.requests` (every request),
`llm_server.chat_requests` (the chat ones' JSON bodies).

Fixtures: `llm_server` (a fresh server per test) and `llm_settings` (the
LLM_* settings pointed at it: model "fake-model", no API key, a 2-second
timeout, 2 retries, embeddings model "fake-embed"). Import both into a test
module, as with google_fake.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import struct
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

DEFAULT_ANSWER = "Hello from the fake model."
EMBEDDING_DIMENSIONS = 8

Answer = str | dict | Callable[[dict], "str | dict"]


@dataclass(frozen=True)
class Behaviour:
    """What the server does with one request: wait `delay` seconds, then answer
    with `status`; `body` (bytes) replaces the normal answer, `content`
    replaces the standing answer's text."""

    status: int = 200
    delay: float = 0.0
    body: bytes | None = None
    content_type: str = "application/json"
    content: Answer | None = None
    headers: dict[str, str] = field(default_factory=dict)


def fail(status: int = 500, *, retry_after_ms: int | None = 1) -> Behaviour:
    """An error status in OpenAI's error shape. `retry_after_ms` (sent as the
    `retry-after-ms` header the client honours) keeps retries quick in tests;
    None leaves the client to its own backoff."""
    body = json.dumps(
        {"error": {"message": f"fake error {status}", "type": "server_error", "code": None}}
    ).encode()
    headers = {} if retry_after_ms is None else {"retry-after-ms": str(retry_after_ms)}
    return Behaviour(status=status, body=body, headers=headers)


def slow(seconds: float, content: Answer | None = None) -> Behaviour:
    """Answer only after `seconds` (longer than the client's timeout: a timeout)."""
    return Behaviour(delay=seconds, content=content)


def malformed(body: bytes = b'{"choices": [{"message": ', **kwargs) -> Behaviour:
    """A 200 whose body is not the JSON the client expects (default: cut short)."""
    return Behaviour(body=body, **kwargs)


def reply(content: Answer) -> Behaviour:
    """One ordinary answer with this content."""
    return Behaviour(content=content)


@dataclass(frozen=True)
class Received:
    method: str
    path: str
    headers: dict[str, str]  # names in lower case
    body: dict | None  # the JSON body, or None when it was not JSON


def _text(answer: Answer, request: dict) -> str:
    value = answer(request) if callable(answer) else answer
    return value if isinstance(value, str) else json.dumps(value)


def _pieces(text: str) -> list[str]:
    """Word-sized deltas, as a model streams them."""
    pieces, start = [], 0
    for index, char in enumerate(text):
        if char == " " and index + 1 < len(text) and text[index + 1] != " ":
            pieces.append(text[start : index + 1])
            start = index + 1
    pieces.append(text[start:])
    return [p for p in pieces if p]


def fake_embedding(text: str) -> list[float]:
    """A stable vector for a text: the same text, the same vector."""
    digest = hashlib.sha256(text.encode()).digest()
    return [round(b / 255, 4) for b in digest[:EMBEDDING_DIMENSIONS]]


class FakeLLM:
    def __init__(self):
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._queue: deque[Behaviour] = deque()
        self._answer: Answer = DEFAULT_ANSWER
        self.requests: list[Received] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        host, port = self._server.server_address[:2]
        self.url = f"http://{host}:{port}/v1"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    # --- scripting ---------------------------------------------------------
    def answer(self, content: Answer) -> None:
        """The standing chat answer: a string, a dict (sent as JSON text), or a
        function of the request's JSON body returning either."""
        with self._lock:
            self._answer = content

    def then(self, *behaviours: Behaviour) -> None:
        """Behaviours for the next requests (chat or embeddings), one each, in order."""
        with self._lock:
            self._queue.extend(behaviours)

    @property
    def chat_requests(self) -> list[dict]:
        return [r.body for r in self.requests if r.path.endswith("/chat/completions")]

    # --- lifecycle ---------------------------------------------------------
    def start(self) -> FakeLLM:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()  # wakes a handler sleeping in a `slow` behaviour
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    # --- serving -----------------------------------------------------------
    def _next(self, received: Received) -> tuple[Behaviour, Answer]:
        with self._lock:
            self.requests.append(received)
            behaviour = self._queue.popleft() if self._queue else Behaviour()
            return behaviour, behaviour.content if behaviour.content is not None else self._answer

    def _handler_class(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = None
                headers = {name.lower(): value for name, value in self.headers.items()}
                received = Received("POST", self.path, headers, body)
                behaviour, answer = fake._next(received)
                if behaviour.delay and fake._stop.wait(behaviour.delay):
                    return
                # A client that gave up (a timeout) is no longer listening.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self._respond(behaviour, answer, body if isinstance(body, dict) else {})

            def _respond(self, behaviour: Behaviour, answer: Answer, request: dict):
                if behaviour.body is not None:
                    return self._send(
                        behaviour.status, behaviour.body, behaviour.content_type, behaviour
                    )
                if self.path.rstrip("/").endswith("/chat/completions"):
                    text = _text(answer, request)
                    if request.get("stream"):
                        return self._stream(text, request, behaviour)
                    return self._send(200, self._completion(text, request), None, behaviour)
                if self.path.rstrip("/").endswith("/embeddings"):
                    return self._send(200, self._embeddings(request), None, behaviour)
                return self._send(404, b'{"error": {"message": "not found"}}', None, behaviour)

            def _send(self, status, body: bytes, content_type, behaviour: Behaviour):
                self.send_response(status)
                self.send_header("Content-Type", content_type or "application/json")
                self.send_header("Content-Length", str(len(body)))
                for name, value in behaviour.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def _completion(self, text: str, request: dict) -> bytes:
                prompt = sum(len(str(m.get("content", "")).split()) for m in request["messages"])
                completion = len(text.split())
                return json.dumps(
                    {
                        "id": f"chatcmpl-fake-{len(fake.requests)}",
                        "object": "chat.completion",
                        "created": int(time.time()),
                        "model": request.get("model", "fake-model"),
                        "choices": [
                            {
                                "index": 0,
                                "message": {"role": "assistant", "content": text},
                                "finish_reason": "stop",
                            }
                        ],
                        "usage": {
                            "prompt_tokens": prompt,
                            "completion_tokens": completion,
                            "total_tokens": prompt + completion,
                        },
                    }
                ).encode()

            def _stream(self, text: str, request: dict, behaviour: Behaviour):
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                for name, value in behaviour.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                base = {
                    "id": f"chatcmpl-fake-{len(fake.requests)}",
                    "object": "chat.completion.chunk",
                    "created": int(time.time()),
                    "model": request.get("model", "fake-model"),
                }
                deltas = [{"role": "assistant", "content": ""}]
                deltas += [{"content": piece} for piece in _pieces(text)]
                for delta in deltas:
                    choice = {"index": 0, "delta": delta, "finish_reason": None}
                    self._event({**base, "choices": [choice]})
                self._event(
                    {**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
                )
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

            def _event(self, data: dict):
                self.wfile.write(b"data: " + json.dumps(data).encode() + b"\n\n")
                self.wfile.flush()

            def _embeddings(self, request: dict) -> bytes:
                texts = request.get("input", [])
                texts = [texts] if isinstance(texts, str) else texts
                as_base64 = request.get("encoding_format") == "base64"
                data = []
                for index, text in enumerate(texts):
                    vector = fake_embedding(str(text))
                    if as_base64:
                        packed = struct.pack(f"<{len(vector)}f", *vector)
                        embedding = base64.b64encode(packed).decode()
                    else:
                        embedding = vector
                    data.append({"object": "embedding", "index": index, "embedding": embedding})
                tokens = sum(len(str(t).split()) for t in texts)
                return json.dumps(
                    {
                        "object": "list",
                        "data": data,
                        "model": request.get("model", "fake-embed"),
                        "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
                    }
                ).encode()

            def log_message(self, *args):
                pass

        return Handler


@pytest.fixture
def llm_server():
    """A fake OpenAI-compatible endpoint on 127.0.0.1, fresh for each test."""
    fake = FakeLLM().start()
    yield fake
    fake.stop()


@pytest.fixture
def llm_settings(settings, llm_server):
    """The LLM_* settings pointed at `llm_server`; returns the server."""
    settings.LLM_BASE_URL = llm_server.url
    settings.LLM_MODEL = "fake-model"
    settings.LLM_API_KEY = ""
    settings.LLM_TIMEOUT_SECONDS = 2.0
    settings.LLM_MAX_RETRIES = 2
    settings.LLM_EMBEDDINGS_MODEL = "fake-embed"
    return llm_server
