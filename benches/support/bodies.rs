//! The request bodies both benchmarks send.

/// A typical chat request of about 2 KiB: a system prompt, a few turns, tools, `store: true`.
pub fn chat_2kib() -> Vec<u8> {
    let turn =
        "Summarise the attached quarterly report in three bullet points, keeping figures exact. ";
    let body = serde_json::json!({
        "model": "gpt-4.1-mini",
        "store": true,
        "temperature": 0.2,
        "messages": [
            {"role": "system", "content": turn.repeat(4)},
            {"role": "user", "content": turn.repeat(6)},
            {"role": "assistant", "content": turn.repeat(4)},
            {"role": "user", "content": turn.repeat(4)},
        ],
        "tools": [{"type": "function", "function": {"name": "lookup", "parameters": {"type": "object", "properties": {"q": {"type": "string"}}}}}],
    });
    let bytes = serde_json::to_vec(&body).unwrap();
    assert!((1800..2600).contains(&bytes.len()), "{} bytes", bytes.len());
    bytes
}
