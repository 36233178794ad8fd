"""Talking to an assistant through the API in tests, and reading its event streams."""

import json

CONVERSATIONS = "/api/coach/conversations/"


def start(client, assistant) -> dict:
    answer = client.post(CONVERSATIONS, {"assistantId": str(assistant.id)}, format="json")
    assert answer.status_code == 201, answer.content
    return answer.json()


def send(client, conversation: dict | str, content: str, **extra):
    cid = conversation["id"] if isinstance(conversation, dict) else conversation
    return client.post(
        f"{CONVERSATIONS}{cid}/messages/", {"content": content}, format="json", **extra
    )


def events(response) -> list[tuple[str, dict]]:
    """The (event, data) pairs of a server-sent event response."""
    text = b"".join(response.streaming_content).decode()
    out = []
    for frame in text.split("\n\n"):
        if not frame.strip():
            continue
        fields = dict(line.split(": ", 1) for line in frame.splitlines() if ": " in line)
        out.append((fields["event"], json.loads(fields["data"])))
    return out


def stream(client, conversation: dict | str, content: str) -> list[tuple[str, dict]]:
    cid = conversation["id"] if isinstance(conversation, dict) else conversation
    response = client.post(
        f"{CONVERSATIONS}{cid}/messages/?stream=1",
        {"content": content},
        format="json",
        HTTP_ACCEPT="text/event-stream",
    )
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/event-stream"
    return events(response)


def streamed_text(frames: list[tuple[str, dict]]) -> str:
    return "".join(data["text"] for kind, data in frames if kind == "delta")
