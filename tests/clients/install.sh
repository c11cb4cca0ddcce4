#!/usr/bin/env bash
# Installs the real SDKs that tests/sidecar.rs drives against the sidecar: openai-python from
# PyPI and openai-node from npm, pinned. Idempotent and non-interactive; runnable from any
# directory. A step that fails prints a warning: the Rust test then skips that SDK with a message,
# except in CI (SIDECAR_REQUIRE_CLIENTS=1), where a missing SDK fails it.
set -u

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
failed=0
warn() {
    echo "install.sh: WARNING: $*" >&2
    failed=$((failed + 1))
}

if command -v python3 >/dev/null 2>&1; then
    echo "install.sh: installing openai-python ($(cat "$here/python/requirements.txt"))"
    python3 -m pip install -q --disable-pip-version-check --no-input --root-user-action=ignore \
        -r "$here/python/requirements.txt" || warn "pip install failed: openai-python will be missing"
else
    warn "python3 not found: openai-python will be missing"
fi

if command -v npm >/dev/null 2>&1; then
    echo "install.sh: installing openai-node (npm ci)"
    npm ci --prefix "$here/node" --no-audit --no-fund --loglevel=error \
        || warn "npm ci failed: openai-node will be missing"
else
    warn "npm not found: openai-node will be missing"
fi

if [ "$failed" -eq 0 ]; then
    echo "install.sh: both SDKs installed"
fi
exit 0
