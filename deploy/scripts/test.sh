#!/usr/bin/env bash
# The README's test command: installs what the tests need, then runs every test. The integration tests' fixture
# starts a throwaway PostgreSQL and RabbitMQ itself (deploy/scripts/local-servers.sh) and stops them at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
deploy/scripts/local-servers.sh install "${TMPDIR:-/tmp}/mentionwatch-install"
# The browser tests drive Debian's Chromium through Playwright; browsers are never downloaded.
[ -x /usr/bin/chromium ] || { export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

# Everything a test writes to the temporary folder (scratch servers, replay and alert files) goes into one folder of
# this run's, removed at the end: after a failure or a crashed test host too, scratch servers included.
run_tmp=$(mktemp -d "${TMPDIR:-/tmp}/mw-run-XXXXXX")
chmod 755 "$run_tmp" # the scratch PostgreSQL runs as the postgres user
cleanup() {
  for dir in "$run_tmp"/mw-test-*/; do
    [ -f "$dir/ports.env" ] && deploy/scripts/local-servers.sh stop "$dir" >/dev/null 2>&1 || true
  done
  # Some 100,000 files of test databases: deleted in the background rather than on the run's clock.
  setsid rm -rf "$run_tmp" >/dev/null 2>&1 </dev/null &
}
trap cleanup EXIT
export TMPDIR=$run_tmp

dotnet build MentionWatch.sln -c Release -nologo -v q
# A test that hangs fails with its name after 10 minutes instead of holding CI to its own limit.
dotnet test MentionWatch.sln -c Release --no-build -nologo --blame-hang-timeout 10m
