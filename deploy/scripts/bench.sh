#!/usr/bin/env bash
# Measures MentionWatch on real servers and prints a table (classifier, ingest, end to end, latency, memory), each
# throughput beside the same run's raw PostgreSQL and RabbitMQ ceilings and as a share of them.
# Starts a throwaway PostgreSQL 15 and RabbitMQ with local-servers.sh and stops them afterwards, unless
# ConnectionStrings__Postgres and ConnectionStrings__RabbitMq are already set. Arguments go to tests/MentionWatch.Bench
# (--mentions N, --rate R, --seconds S, --trust FILE, --sample FILE, --classifier-only).
#
#   deploy/scripts/bench.sh
#   deploy/scripts/bench.sh --mentions 50000 --rate 200 --seconds 60
set -euo pipefail
cd "$(dirname "$0")/../.."

dotnet build tests/MentionWatch.Bench -c Release -nologo -v q >/dev/null

if [[ " $* " != *" --classifier-only "* ]] && { [ -z "${ConnectionStrings__Postgres:-}" ] || [ -z "${ConnectionStrings__RabbitMq:-}" ]; }; then
  state="${TMPDIR:-/tmp}/mw-bench-$$"
  trap 'deploy/scripts/local-servers.sh stop "$state"; rm -rf "$state"' EXIT
  while IFS='=' read -r key value; do
    case $key in
      MENTIONWATCH_POSTGRES) export ConnectionStrings__Postgres=$value ;;
      MENTIONWATCH_RABBITMQ) export ConnectionStrings__RabbitMq=$value ;;
    esac
  done < <(PG_PORT=${PG_PORT:-55442} AMQP_PORT=${AMQP_PORT:-56730} deploy/scripts/local-servers.sh start "$state")
fi

echo "bench on $(nproc) cores, $(dotnet --version) SDK, $(date -u +%Y-%m-%dT%H:%MZ)"
dotnet tests/MentionWatch.Bench/bin/Release/net10.0/mentionwatch-bench.dll "$@"
