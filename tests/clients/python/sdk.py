"""openai-python against the retention-guard sidecar: the scenario the Rust test checks.

Reads OPENAI_BASE_URL (the sidecar) and OPENAI_API_KEY from the environment, runs a chat call
that asks for storage, a call the profile denies, and a streamed chat call, and prints one JSON
object with what the SDK saw. Exits 3 when the SDK is not installed (the test reports a skip).
"""
import json
import sys

try:
    import openai
except ImportError:
    print("openai-python is not installed", file=sys.stderr)
    sys.exit(3)

client = openai.OpenAI(max_retries=0)
out = {"sdk": "openai-python " + openai.__version__}

chat = client.chat.completions.create(
    model="gpt-4.1-mini", store=True, messages=[{"role": "user", "content": "hi"}]
)
out["chat"] = chat.choices[0].message.content

try:
    client.responses.create(
        model="gpt-4.1-mini", input="hi", previous_response_id="resp_123"
    )
    out["denied"] = None
except openai.APIStatusError as e:
    out["denied"] = {"status": e.status_code, "code": e.code, "class": type(e).__name__}

stream = client.chat.completions.create(
    model="gpt-4.1-mini", stream=True, messages=[{"role": "user", "content": "hi"}]
)
out["stream"] = "".join(
    (c.choices[0].delta.content or "") for c in stream if c.choices
)
print(json.dumps(out))
