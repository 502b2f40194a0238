#!/usr/bin/env bash
# The README's test command: installs what the tests need, then runs every test. The integration tests' fixture
# starts a throwaway PostgreSQL and RabbitMQ itself (deploy/scripts/local-servers.sh) and stops them at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
deploy/scripts/local-servers.sh install "${TMPDIR:-/tmp}/mentionwatch-install"
# The browser tests drive Debian's Chromium through Playwright; browsers are never downloaded.
[ -x /usr/bin/chromium ] || { export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
dotnet build MentionWatch.sln -c Release -nologo -v q
dotnet test MentionWatch.sln -c Release --no-build -nologo
