"""The loopback test server itself, driven by the real openai client."""

from __future__ import annotations

import openai
import pytest

from tests.support.openai_server import ScriptedOpenAIServer, text


def _client(server: ScriptedOpenAIServer) -> openai.OpenAI:
    return openai.OpenAI(base_url=server.base_url, api_key="sk-test", max_retries=0, timeout=5)


def _ask(server: ScriptedOpenAIServer, question: str) -> str | None:
    completion = _client(server).chat.completions.create(
        model="scripted-model", messages=[{"role": "user", "content": question}]
    )
    return completion.choices[0].message.content


def test_lists_its_models():
    with ScriptedOpenAIServer(models=["gpt-test", "gpt-test-mini"]) as server:
        models = _client(server).models.list()

    assert [model.id for model in models.data] == ["gpt-test", "gpt-test-mini"]


def test_a_script_function_answers_from_the_conversation():
    def echo(body):
        return text(f"you said: {body['messages'][-1]['content']}")

    with ScriptedOpenAIServer(echo) as server:
        assert _ask(server, "hello") == "you said: hello"
        assert _ask(server, "bye") == "you said: bye"


def test_the_default_reply_serves_once_the_queue_is_empty():
    with ScriptedOpenAIServer([text("first")], default=text("again")) as server:
        answers = [_ask(server, "?") for _ in range(3)]

    assert answers == ["first", "again", "again"]


def test_an_exhausted_script_fails_at_once_without_sdk_retries():
    with ScriptedOpenAIServer() as server:
        client = openai.OpenAI(base_url=server.base_url, api_key="sk-test", max_retries=3)
        with pytest.raises(openai.InternalServerError, match="script exhausted"):
            client.chat.completions.create(model="m", messages=[{"role": "user", "content": "?"}])

        assert len(server.requests) == 1


def test_a_script_function_may_not_be_pushed_to():
    with ScriptedOpenAIServer(lambda body: text("ok")) as server, pytest.raises(TypeError):
        server.push(text("more"))
