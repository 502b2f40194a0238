#!/usr/bin/env bash
# The README's run command: starts a throwaway PostgreSQL and RabbitMQ under .local/, then runs MentionWatch on the
# bundled sample of a fictional trust, with no API keys. Alerts appear on the console and in .local/alerts.jsonl.
# Ctrl-C stops MentionWatch and the servers it started.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
state="$root/.local/servers"
export PG_PORT=${PG_PORT:-55432} AMQP_PORT=${AMQP_PORT:-56720}

app=""
stop() {
  trap - EXIT INT TERM
  # Let MentionWatch finish its running jobs and close its connections before the servers go.
  if [ -n "$app" ] && kill -0 "$app" 2>/dev/null; then kill -TERM "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; fi
  deploy/scripts/local-servers.sh stop "$state" || true
}
trap stop EXIT
trap 'stop; exit 130' INT TERM

env_lines=$(deploy/scripts/local-servers.sh start "$state")
postgres=$(echo "$env_lines" | sed -n 's/^MENTIONWATCH_POSTGRES=//p')
rabbit=$(echo "$env_lines" | sed -n 's/^MENTIONWATCH_RABBITMQ=//p')

dotnet build src/MentionWatch -c Release -nologo -v q
rm -f "$root/.local/alerts.jsonl"
# A fresh cursor each run, so the sample replays from the start and its alerts show again.
psql "host=127.0.0.1 port=$PG_PORT user=postgres dbname=postgres" -qc "drop database if exists mentionwatch_sample" >/dev/null
psql "host=127.0.0.1 port=$PG_PORT user=postgres dbname=postgres" -qc "create database mentionwatch_sample" >/dev/null

export ConnectionStrings__Postgres="${postgres/Database=postgres/Database=mentionwatch_sample}"
export ConnectionStrings__RabbitMq="$rabbit"
export Trust__ProfilePath="$root/deploy/sample/trust.json"
export Sources__0__Id=sample-replay Sources__0__Platform=replay Sources__0__IntervalSeconds=10
export Sources__0__Settings__Path="$root/deploy/sample/mentions.jsonl"
export Alerts__Console__JsonlPath="$root/.local/alerts.jsonl"
# A demo: its alerts go to the console and .local/alerts.jsonl only (a real run refuses to start without channels).
export Alerts__DemoMode=true
# The demo is served over plain HTTP on this machine only; anywhere else MentionWatch wants https.
export Web__AllowPlainHttp=true
export Logging__LogLevel__Default=Warning Logging__LogLevel__MentionWatch=Information
export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://127.0.0.1:8080}
# The demo sends every alert at once, whatever the hour (a real trust holds routine ones for the office's digest).
for team in pals spa foi press comms oncall; do export "Routing__Teams__${team}__Delivery=Immediate"; done
mw="dotnet src/MentionWatch/bin/Release/net10.0/mentionwatch.dll"
$mw migrate >/dev/null
# A throwaway admin for the web pages of this demo database; the password is shown once, here.
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
echo "$password" | $mw users add --username admin --role admin --password-stdin >/dev/null
echo "MentionWatch web pages: ${ASPNETCORE_URLS%%;*}/  (user: admin, password: $password)"
$mw run &
app=$!
wait "$app"
