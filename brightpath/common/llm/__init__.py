"""The platform's language-model providers (Spark's guide now, Coach later).

    provider = configured_provider() or OfflineProvider(my_rules)
    provider.complete([ChatMessage("user", "...")], max_tokens=200)

Settings: LLM_BASE_URL (unset: no endpoint, products answer offline),
LLM_MODEL, LLM_API_KEY, LLM_TIMEOUT_SECONDS, LLM_MAX_RETRIES,
LLM_EMBEDDINGS_MODEL. Tests use the local fake in common/tests/llm_fake.py.
"""

from .base import ChatMessage, ChatProvider, Completion, LLMUnavailable
from .offline import OfflineProvider
from .openai_compatible import OpenAICompatibleProvider, configured_provider

__all__ = [
    "ChatMessage",
    "ChatProvider",
    "Completion",
    "LLMUnavailable",
    "OfflineProvider",
    "OpenAICompatibleProvider",
    "configured_provider",
]
