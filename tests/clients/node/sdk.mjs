// openai-node against the retention-guard sidecar: the scenario the Rust test checks.
//
// Reads OPENAI_BASE_URL (the sidecar) and OPENAI_API_KEY from the environment, runs a chat call
// that asks for storage, a call the profile denies, and a streamed chat call, and prints one JSON
// object with what the SDK saw. Exits 3 when the SDK is not installed (the test reports a skip).
let OpenAI
try {
  OpenAI = (await import('openai')).default
} catch {
  console.error('openai-node is not installed')
  process.exit(3)
}
const VERSION = await import('openai/version').then((m) => m.VERSION, () => 'unknown')
const client = new OpenAI({ maxRetries: 0 })
const out = { sdk: `openai-node ${VERSION}` }

const chat = await client.chat.completions.create({
  model: 'gpt-4.1-mini', store: true, messages: [{ role: 'user', content: 'hi' }]
})
out.chat = chat.choices[0].message.content

try {
  await client.responses.create({ model: 'gpt-4.1-mini', input: 'hi', previous_response_id: 'resp_123' })
  out.denied = null
} catch (e) {
  out.denied = { status: e.status, code: e.code, class: e.constructor.name }
}

const stream = await client.chat.completions.create({
  model: 'gpt-4.1-mini', stream: true, messages: [{ role: 'user', content: 'hi' }]
})
let text = ''
for await (const c of stream) text += c.choices[0]?.delta?.content ?? ''
out.stream = text
console.log(JSON.stringify(out))
