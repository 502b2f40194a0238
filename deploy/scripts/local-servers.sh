#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL 15 and RabbitMQ for local runs and integration tests, from Debian's
# packages, in a data folder of our own. No Docker engine is needed.
#
#   local-servers.sh start DIR     prints MENTIONWATCH_POSTGRES=... and MENTIONWATCH_RABBITMQ=... lines
#   local-servers.sh stop DIR
#   local-servers.sh install DIR   only installs rabbitmq-server from Debian when it is missing
#   local-servers.sh stop-postgres|start-postgres|stop-rabbitmq|start-rabbitmq DIR
#                                  stops (PostgreSQL: immediate, like a crash) or restarts one server of a pair
#                                  started before in DIR, on the same ports and data; fault tests use these
#   local-servers.sh queues DIR    lists the RabbitMQ queues with their ready and unacknowledged messages and consumers
#
# Ports come from PG_PORT (default 55432), AMQP_PORT (default 56720) and DIST_PORT (AMQP_PORT - 1000; RabbitMQ needs it below 55535).
set -euo pipefail

cmd=${1:?usage: local-servers.sh start|stop|install DIR}
dir=$(mkdir -p "${2:?usage: local-servers.sh start|stop|install DIR}" && cd "$2" && pwd)
# A pair started before in DIR keeps its ports, so one server can be stopped and started again where it was.
# shellcheck disable=SC1091
if [ "$cmd" != start ] && [ -f "$dir/ports.env" ]; then . "$dir/ports.env"; fi
pg_port=${PG_PORT:-55432}
amqp_port=${AMQP_PORT:-56720}
dist_port=${DIST_PORT:-$((amqp_port - 1000))}
pg_bin=/usr/lib/postgresql/15/bin
rabbit_bin=/usr/lib/rabbitmq/bin

log() { echo "local-servers: $*" >&2; }

as_postgres() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}

wait_for_port() {
  local port=$1 name=$2 tries=${3:-300} pidfile=${4:-}
  for _ in $(seq "$tries"); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    if [ -n "$pidfile" ] && ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then break; fi
    sleep 0.1
  done
  log "$name did not open port $port; see $dir/*.log"
  return 1
}

ensure_rabbitmq_installed() {
  [ -x "$rabbit_bin/rabbitmq-server" ] && return 0
  if [ "$(id -u)" != 0 ]; then log "RabbitMQ is not installed and we are not root: apt-get install rabbitmq-server"; exit 1; fi
  log "installing rabbitmq-server from Debian (about 15 s)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq rabbitmq-server >/dev/null
  # The package starts a system instance where it can; ours runs separately on its own ports.
  service rabbitmq-server stop >/dev/null 2>&1 || true
}

start_postgres() {
  [ -x "$pg_bin/initdb" ] || { log "PostgreSQL 15 is not installed: apt-get install postgresql-15"; exit 1; }
  if [ ! -f "$dir/pg/PG_VERSION" ]; then
    mkdir -p "$dir/pg" "$dir/pgsock"
    [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$dir/pg" "$dir/pgsock"
    as_postgres "$pg_bin/initdb -D '$dir/pg' -A trust -U postgres -E UTF8 --no-locale" >"$dir/initdb.log" 2>&1
  fi
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"/pg "$dir/pgsock" && touch "$dir/postgres.log" && chown postgres "$dir/postgres.log"
  # fsync=off spares the disk, but commits stay synchronous: an acknowledged commit is in the WAL, so a crash of
  # PostgreSQL alone (stop-postgres) loses none, as in production. The fault tests rely on this.
  as_postgres "$pg_bin/pg_ctl -D '$dir/pg' -l '$dir/postgres.log' -w -o \"-p $pg_port -k '$dir/pgsock' -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=300\" start" >/dev/null
  wait_for_port "$pg_port" PostgreSQL
}

start_rabbitmq() {
  ensure_rabbitmq_installed
  mkdir -p "$dir/rabbit/mnesia" "$dir/rabbit/log"
  : >"$dir/rabbit/enabled_plugins"
  (
    export RABBITMQ_NODENAME="mw$amqp_port@localhost" RABBITMQ_NODE_PORT=$amqp_port RABBITMQ_DIST_PORT=$dist_port \
      RABBITMQ_MNESIA_BASE="$dir/rabbit/mnesia" RABBITMQ_LOG_BASE="$dir/rabbit/log" \
      RABBITMQ_ENABLED_PLUGINS_FILE="$dir/rabbit/enabled_plugins" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
      RABBITMQ_CONFIG_FILE="$dir/rabbit/rabbitmq" HOME="$dir/rabbit"
    # Allow the default guest user over loopback only (the default), and keep disk alarms out of small sandboxes.
    printf 'disk_free_limit.absolute = 50MB\n' >"$dir/rabbit/rabbitmq.conf"
    setsid nohup "$rabbit_bin/rabbitmq-server" >"$dir/rabbit/server.out" 2>&1 </dev/null &
    echo $! >"$dir/rabbit/pid"
  )
  wait_for_port "$amqp_port" RabbitMQ 600 "$dir/rabbit/pid"
}

stop_postgres() {
  if [ -f "$dir/pg/postmaster.pid" ]; then
    as_postgres "$pg_bin/pg_ctl -D '$dir/pg' -m ${1:-fast} -w stop" >/dev/null 2>&1 || true
  fi
}

stop_rabbitmq() {
  if [ -f "$dir/rabbit/pid" ]; then
    local pid; pid=$(cat "$dir/rabbit/pid")
    # The server runs in its own session: end the whole group (the Erlang VM and its helpers).
    kill -TERM -- "-$pid" 2>/dev/null || true
    # A clean shutdown (queues and message store closed) restarts cleanly; only a hung one is killed, after 60 s.
    for _ in $(seq 600); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
    rm -f "$dir/rabbit/pid"
  fi
}

list_queues() {
  RABBITMQ_NODENAME="mw$amqp_port@localhost" HOME="$dir/rabbit" "$rabbit_bin/rabbitmqctl" -q list_queues name messages_ready messages_unacknowledged consumers 2>&1 || true
}

stop_all() {
  stop_postgres fast
  stop_rabbitmq
}

case "$cmd" in
  start)
    printf 'PG_PORT=%s\nAMQP_PORT=%s\nDIST_PORT=%s\n' "$pg_port" "$amqp_port" "$dist_port" >"$dir/ports.env"
    start_postgres
    start_rabbitmq
    echo "MENTIONWATCH_POSTGRES=Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
    echo "MENTIONWATCH_RABBITMQ=amqp://guest:guest@127.0.0.1:$amqp_port/"
    ;;
  stop) stop_all ;;
  stop-postgres) stop_postgres immediate ;;
  start-postgres) start_postgres ;;
  stop-rabbitmq) stop_rabbitmq ;;
  start-rabbitmq) start_rabbitmq ;;
  install) ensure_rabbitmq_installed ;;
  queues) list_queues ;;
  *) echo "usage: local-servers.sh start|stop|install DIR" >&2; exit 2 ;;
esac
