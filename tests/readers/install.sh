#!/usr/bin/env bash
# Installs what the second readers of the differential tests need, on a fresh Debian machine,
# as root. Idempotent and non-interactive; runnable from any directory. A step that fails prints
# a warning and the script goes on: the Rust tests skip a reader that is missing, with a message.
set -u

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
failed=0

warn() {
    echo "install.sh: WARNING: $*" >&2
    failed=$((failed + 1))
}
step() {
    echo "install.sh: $*"
}

export DEBIAN_FRONTEND=noninteractive

# --- Go reader: Debian's golang-go, standard library only -----------------------------------
if ! command -v go >/dev/null 2>&1; then
    step "installing golang-go from apt"
    if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo_cmd=sudo; else sudo_cmd=; fi
    if ! $sudo_cmd apt-get update -q; then
        warn "apt-get update failed; trying apt-get install anyway"
    fi
    if ! $sudo_cmd apt-get install -y -q --no-install-recommends golang-go; then
        warn "apt-get install golang-go failed: the Go reader will be missing"
    fi
fi
if command -v go >/dev/null 2>&1; then
    step "building the Go reader with $(go version)"
    # No dependencies: never download a module or a toolchain.
    if ! (cd "$here/go" && GOTOOLCHAIN=local GOPROXY=off GOFLAGS= GO111MODULE=on \
            go build -trimpath -o reader-go .); then
        warn "go build failed: the Go reader will be missing"
        rm -f "$here/go/reader-go"
    fi
else
    warn "go not found: the Go reader will be missing"
fi

# --- Python readers: werkzeug and python-multipart from PyPI ---------------------------------
if command -v python3 >/dev/null 2>&1; then
    step "installing the Python readers' requirements"
    if ! python3 -m pip install -q --disable-pip-version-check --no-input --root-user-action=ignore \
            -r "$here/python/requirements.txt"; then
        warn "pip install failed: the Python readers will be missing"
    fi
else
    warn "python3 not found: the Python readers will be missing"
fi

# --- Node reader: express and body-parser from npm, as locked ----------------------------------
if command -v npm >/dev/null 2>&1; then
    step "installing the Node reader's packages (npm ci)"
    if ! npm ci --prefix "$here/node" --no-audit --no-fund --loglevel=error; then
        warn "npm ci failed: the Node reader will be missing"
    fi
else
    warn "npm not found: the Node reader will be missing"
fi

if [ "$failed" -eq 0 ]; then
    step "all readers installed"
else
    step "$failed step(s) failed; see the warnings above"
fi
exit 0
