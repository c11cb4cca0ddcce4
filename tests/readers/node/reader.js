#!/usr/bin/env node
// reader.js: a second reader for retention-guard's differential tests.
//
// Reads every request the way an Express app with `bodyParser.json()` (defaults) does and answers
// with what it read, as JSON: {"readers": [ {"reader": "express", ...} ]}. body-parser's json
// parser only reads `application/json` (as type-is matches it), decodes the body with the
// charset parameter through iconv-lite (any charset whose name starts with `utf-`), accepts
// only an object or array at the top (strict), inflates gzip/deflate/br, and stops at 100kb.
//
// It listens on 127.0.0.1, port chosen by the OS, prints one line `LISTENING <port>` and serves
// until killed, or until its standard input reaches end of file when that input is a pipe.
// See ../README.md for the protocol.
'use strict'

const fs = require('node:fs')
const express = require('express')
const bodyParser = require('body-parser')

const EXPRESS_VERSION = require('express/package.json').version
const BODY_PARSER_VERSION = require('body-parser/package.json').version
const VERSION = `express ${EXPRESS_VERSION} / body-parser ${BODY_PARSER_VERSION}`

const FIELDS = [
  'store', 'model', 'previous_response_id', 'conversation', 'background', 'input', 'session', 'plugins', 'models',
  // Hosted-feature fields (container, MCP, fallbacks, deferred results, live search, caches).
  'container', 'mcp_servers', 'fallbacks', 'deferred', 'search_parameters', 'prompt_cache_retention', 'web_search_options',
  // Gemini's native explicit cache, in both proto JSON spellings.
  'cachedContent', 'cached_content'
]
// Nested hosted-feature fields, by their dotted path: each key exact, the last duplicate wins.
const PATHS = [
  'extra_body.google.cached_content', 'extra_body.google.cachedContent', 'extra_body.google.tools',
  'extraBody.google.cached_content', 'extraBody.google.cachedContent', 'extraBody.google.tools',
  'google.cached_content', 'google.cachedContent', 'google.tools',
  'diagnostics.previous_message_id'
]
const ITEM_FIELDS = ['type', 'id', 'encrypted_content']

const has = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key)
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v)

// The value as the app holds it, re-serialised: JSON.stringify gives null for what JSON can't
// carry (1e400 parses to Infinity).
function jsonable (v) {
  const s = JSON.stringify(v)
  return s === undefined ? null : JSON.parse(s)
}

// Appends the items of a `tools` array (null for an item that is not an object).
function toolItems (tools, out) {
  if (!Array.isArray(tools)) return out
  out = out ?? []
  for (const t of tools) {
    if (!isObject(t)) {
      out.push(null)
      continue
    }
    const o = {}
    for (const k of ['type', 'model', 'allowed_callers']) if (has(t, k)) o[k] = jsonable(t[k])
    if (has(t, 'environment')) {
      const env = t.environment
      o.environment_type = isObject(env) && has(env, 'type') ? jsonable(env.type) : null
    }
    out.push(o)
  }
  return out
}

// The value at a dotted path, each key read exactly (own properties) in an object; `found`
// false if there is none.
function atPath (doc, path) {
  let value = doc
  for (const key of path.split('.')) {
    if (!isObject(value) || !has(value, key)) return { found: false }
    value = value[key]
  }
  return { found: true, value }
}

function jsonResult (doc, error) {
  const res = { error: error ?? null, fields: {}, input_items: null, tools: null, paths: {} }
  if (error != null || !isObject(doc)) return res
  for (const name of FIELDS) {
    if (has(doc, name)) res.fields[name] = jsonable(doc[name])
  }
  for (const path of PATHS) {
    const at = atPath(doc, path)
    if (at.found) res.paths[path] = jsonable(at.value)
  }
  res.tools = toolItems(doc.tools, null)
  if (isObject(doc.session)) {
    if (has(doc.session, 'store')) res.session_store = jsonable(doc.session.store)
    res.tools = toolItems(doc.session.tools, res.tools)
  }
  if (isObject(doc.provider)) {
    // OpenRouter's routing preferences: what the app reads of them.
    for (const k of ['zdr', 'data_collection']) {
      if (has(doc.provider, k)) res['provider_' + k] = jsonable(doc.provider[k])
    }
  }
  if (has(doc, 'input') && Array.isArray(doc.input)) {
    res.input_items = doc.input.map((item) => {
      if (!isObject(item)) return null
      const out = {}
      for (const k of ITEM_FIELDS) if (has(item, k)) out[k] = jsonable(item[k])
      return out
    })
  }
  return res
}

function report (req, res, err) {
  const q = req.originalUrl.indexOf('?')
  const result = {
    reader: 'express',
    version: VERSION,
    method: req.method,
    path: req.path,
    raw_path: q >= 0 ? req.originalUrl.slice(0, q) : req.originalUrl,
    host: req.headers.host ?? null,
    json: null,
    form: null
  }
  if (err) {
    const status = err.status || err.statusCode
    const type = err.type ? ` (${err.type})` : ''
    result.json = jsonResult(null, `${status ? status + ' ' : ''}${err.message}${type}`)
  } else if (req.body !== undefined) {
    // body-parser sets req.body only when it read the body as JSON.
    result.json = jsonResult(req.body, null)
  }
  res.status(200).type('application/json').send(JSON.stringify({ readers: [result] }))
}

const app = express()
app.disable('x-powered-by')
app.disable('etag')
app.use(bodyParser.json())
app.use((req, res) => report(req, res, null))
// eslint-disable-next-line no-unused-vars
app.use((err, req, res, next) => {
  try {
    report(req, res, err)
  } catch (e) {
    res.status(200).type('application/json').send(JSON.stringify({ readers: [], error: String(e) }))
  }
})

function watchStdin () {
  if (process.env.READER_IGNORE_STDIN) return
  let st
  try {
    st = fs.fstatSync(0)
  } catch {
    return
  }
  if (!st.isFIFO() && !st.isSocket()) return
  process.stdin.on('end', () => process.exit(0))
  process.stdin.on('error', () => process.exit(0))
  process.stdin.resume()
}

const server = app.listen(0, '127.0.0.1', () => {
  watchStdin()
  process.stdout.write(`LISTENING ${server.address().port}\n`)
})
server.on('error', (e) => {
  process.stderr.write(`reader.js: ${e.message}\n`)
  process.exit(1)
})
// Requests up to 64 MiB: no timeouts that would cut a slow test short.
server.requestTimeout = 0
server.headersTimeout = 60000
