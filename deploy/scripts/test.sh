#!/usr/bin/env bash
# The README's test command: installs what the tests need, then runs every test.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build MentionWatch.sln -c Release -nologo -v q
dotnet test MentionWatch.sln -c Release --no-build -nologo
