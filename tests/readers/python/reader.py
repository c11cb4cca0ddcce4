#!/usr/bin/env python3
"""Second readers for retention-guard's differential tests: how Python services read a request.

Serves with Werkzeug's own server (``werkzeug.serving.make_server``, threaded) a WSGI app that
reads every request three ways and answers, as JSON, ``{"readers": [werkzeug, python-multipart,
python-json]}``:

* ``werkzeug``: ``request.get_json(silent=True)`` (JSON content types only) and
  ``request.form`` / ``request.files``, as a Flask app sees them;
* ``python-multipart``: the form as ``python_multipart``'s own parser reads it straight from the
  raw Content-Type header and body (what Starlette and FastAPI build on);
* ``python-json``: ``json.loads`` of the raw body whatever its content type, as a FastAPI or
  Starlette app reading ``await request.json()`` does.

It listens on 127.0.0.1, port chosen by the OS, prints one line ``LISTENING <port>`` and serves
until killed, or until its standard input reaches end of file when that input is a pipe. See
../README.md for the protocol.
"""

import importlib.metadata
import json
import logging
import math
import os
import platform
import stat
import sys
import threading

import python_multipart
from python_multipart.multipart import parse_options_header as pm_parse_options_header
from werkzeug.exceptions import HTTPException
from werkzeug.formparser import FormDataParser
from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

MAX_BODY = 64 << 20
FIELDS = (
    "store",
    "model",
    "previous_response_id",
    "conversation",
    "background",
    "input",
    "session",
    "plugins",
    "models",
    # Hosted-feature fields (container, MCP, fallbacks, deferred results, live search, caches).
    "container",
    "mcp_servers",
    "fallbacks",
    "deferred",
    "search_parameters",
    "prompt_cache_retention",
    "web_search_options",
    # Gemini's native explicit cache, in both proto JSON spellings.
    "cachedContent",
    "cached_content",
)
# Nested hosted-feature fields, by their dotted path: each key exact, the last duplicate wins.
PATHS = (
    "extra_body.google.cached_content",
    "extra_body.google.cachedContent",
    "extra_body.google.tools",
    "extraBody.google.cached_content",
    "extraBody.google.cachedContent",
    "extraBody.google.tools",
    "google.cached_content",
    "google.cachedContent",
    "google.tools",
    "diagnostics.previous_message_id",
)
ITEM_FIELDS = ("type", "id", "encrypted_content")

WERKZEUG_VERSION = importlib.metadata.version("werkzeug")
MULTIPART_VERSION = getattr(python_multipart, "__version__", None) or importlib.metadata.version(
    "python-multipart"
)
PYTHON_JSON_VERSION = f"CPython {platform.python_version()} json {json.__version__}"

# Nothing of a request is logged: not the request lines (see QuietHandler), not python-multipart's
# warnings about stray bytes.
logging.disable(logging.CRITICAL)


class LoudFormDataParser(FormDataParser):
    """Werkzeug's form parser, but raising its ValueError instead of silently giving an empty
    form, so the error can be reported. Where it raises, a Flask app sees an empty form."""

    def __init__(self, *args, **kwargs):
        kwargs["silent"] = False
        super().__init__(*args, **kwargs)


class ReaderRequest(Request):
    form_data_parser_class = LoudFormDataParser
    max_content_length = MAX_BODY


def jsonable(value):
    """The value as the app holds it, made fit for a strict JSON answer: Python's json reads
    NaN, Infinity and -Infinity (and 1e400 as inf), which strict JSON can't carry; such a float is
    reported as {"$nonfinite": "NaN" | "Infinity" | "-Infinity"}."""
    if isinstance(value, float) and not math.isfinite(value):
        return {"$nonfinite": "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")}
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    return value


def tool_items(tools, out):
    """Appends the items of a `tools` list (None for an item that is not an object)."""
    if not isinstance(tools, list):
        return out
    out = out if out is not None else []
    for t in tools:
        if not isinstance(t, dict):
            out.append(None)
            continue
        o = {k: jsonable(t[k]) for k in ("type", "model", "allowed_callers") if k in t}
        if "environment" in t:
            env = t["environment"]
            o["environment_type"] = jsonable(env.get("type")) if isinstance(env, dict) else None
        out.append(o)
    return out


_ABSENT = object()


def at_path(doc, path):
    """The value at a dotted path, each key read exactly in an object; _ABSENT if none."""
    value = doc
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value:
            return _ABSENT
        value = value[key]
    return value


def json_result(doc=None, error=None):
    res = {"error": error, "fields": {}, "input_items": None, "tools": None, "paths": {}}
    if error is not None or not isinstance(doc, dict):
        return res
    for name in FIELDS:
        if name in doc:
            res["fields"][name] = jsonable(doc[name])
    for path in PATHS:
        value = at_path(doc, path)
        if value is not _ABSENT:
            res["paths"][path] = jsonable(value)
    res["tools"] = tool_items(doc.get("tools"), None)
    session = doc.get("session")
    if isinstance(session, dict):
        if "store" in session:
            res["session_store"] = jsonable(session["store"])
        res["tools"] = tool_items(session.get("tools"), res["tools"])
    provider = doc.get("provider")
    if isinstance(provider, dict):
        # OpenRouter's routing preferences: what the app reads of them.
        for k in ("zdr", "data_collection"):
            if k in provider:
                res["provider_" + k] = jsonable(provider[k])
    items = doc.get("input")
    if isinstance(items, list):
        res["input_items"] = [
            {k: jsonable(item[k]) for k in ITEM_FIELDS if k in item} if isinstance(item, dict) else None
            for item in items
        ]
    return res


def empty_form(error=None):
    return {"error": error, "model": [], "model_files": [], "fields": []}


def describe(exc):
    if isinstance(exc, HTTPException):
        return f"{exc.code} {exc.name}: {exc.description}"
    return f"{type(exc).__name__}: {exc}"


def read_werkzeug(request, base):
    res = dict(base, reader="werkzeug", version=WERKZEUG_VERSION, json=None, form=None)
    if request.is_json:
        try:
            # get_json(silent=True) would give None here; silent=False tells why.
            doc = request.get_json(silent=False)
            res["json"] = json_result(doc)
        except Exception as exc:  # noqa: BLE001 - every failure is reported
            res["json"] = json_result(error=describe(exc))
    if request.mimetype == "multipart/form-data":
        try:
            form, files = request.form, request.files
            res["form"] = {
                "error": None,
                "model": list(form.getlist("model")),
                "model_files": [f.filename for f in files.getlist("model")],
                "fields": list(form.keys()),
            }
            for f in files.values():
                f.close()
        except Exception as exc:  # noqa: BLE001
            res["form"] = empty_form(describe(exc))
    return res


def read_python_multipart(request, raw, base):
    res = dict(base, reader="python-multipart", version=MULTIPART_VERSION, json=None, form=None)
    content_type = request.headers.get("Content-Type")
    media_type, _ = pm_parse_options_header(content_type)
    if media_type != b"multipart/form-data":
        return res
    form = empty_form()
    files = []

    def on_field(field):
        name = (field.field_name or b"").decode("utf-8", "replace")
        value = (field.value or b"").decode("utf-8", "replace")
        if name not in form["fields"]:  # each name once, in order of first appearance
            form["fields"].append(name)
        if name == "model":
            form["model"].append(value)

    def on_file(file):
        files.append(file)
        if (file.field_name or b"").decode("utf-8", "replace") == "model":
            form["model_files"].append((file.file_name or b"").decode("utf-8", "replace"))

    try:
        parser = python_multipart.create_form_parser(
            {"Content-Type": content_type}, on_field, on_file, config={"MAX_MEMORY_FILE_SIZE": MAX_BODY}
        )
        parser.write(raw)
        parser.finalize()
    except Exception as exc:  # noqa: BLE001
        form["error"] = describe(exc)
    finally:
        for f in files:
            try:
                f.close()
            except Exception:  # noqa: BLE001
                pass
    res["form"] = form
    return res


def read_python_json(raw, base):
    res = dict(base, reader="python-json", version=PYTHON_JSON_VERSION, json=None, form=None)
    try:
        # Starlette's Request.json(): json.loads(await self.body()), bytes in, whatever the
        # content type (json.loads detects UTF-8, -16 or -32 from the bytes and skips a UTF-8 BOM).
        res["json"] = json_result(json.loads(raw))
    except Exception as exc:  # noqa: BLE001
        res["json"] = json_result(error=describe(exc))
    return res


def raw_path_of(environ):
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    if raw is None:
        return None
    return raw.split("?", 1)[0]


def app(environ, start_response):
    readers = []
    try:
        request = ReaderRequest(environ)
        base = {
            "method": request.method,
            "path": request.path,
            "raw_path": raw_path_of(environ),
            "host": request.host,
        }
        try:
            raw = request.get_data(cache=True)
            raw_error = None
        except Exception as exc:  # noqa: BLE001 - e.g. 413 past max_content_length
            raw, raw_error = b"", describe(exc)
        if raw_error is not None:
            for name, version in (
                ("werkzeug", WERKZEUG_VERSION),
                ("python-multipart", MULTIPART_VERSION),
                ("python-json", PYTHON_JSON_VERSION),
            ):
                readers.append(dict(base, reader=name, version=version, json=json_result(error=raw_error), form=None))
        else:
            readers.append(read_werkzeug(request, base))
            readers.append(read_python_multipart(request, raw, base))
            readers.append(read_python_json(raw, base))
        body = json.dumps({"readers": readers}, allow_nan=False).encode()
    except Exception as exc:  # noqa: BLE001 - never crash, never a non-JSON answer
        body = json.dumps({"readers": readers, "error": describe(exc)}, default=str).encode()
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]


class QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):
        pass

    def log(self, *args, **kwargs):
        pass


def watch_stdin():
    """Exit when standard input, if it is a pipe or a socket, reaches end of file."""
    if os.environ.get("READER_IGNORE_STDIN"):
        return
    try:
        mode = os.fstat(sys.stdin.fileno()).st_mode
    except (OSError, ValueError, AttributeError):
        return
    if not (stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)):
        return

    def wait():
        try:
            while os.read(sys.stdin.fileno(), 65536):
                pass
        except OSError:
            pass
        os._exit(0)

    threading.Thread(target=wait, daemon=True).start()


def main():
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    watch_stdin()
    sys.stdout.write(f"LISTENING {server.server_port}\n")
    sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
