#!/bin/bash
# Run once by the postgres image when its data volume is new (docker-entrypoint-initdb.d), as the superuser:
# the schema's owner, used only to migrate, and the service's own role, which each migration grants what it needs to
# work with rows (never to change the schema; on audit_log only to read and add). Passwords from deploy/.env.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="$MENTIONWATCH_OWNER_PASSWORD" -v service_password="$MENTIONWATCH_DB_PASSWORD" <<'SQL'
create role mentionwatch_owner login password :'owner_password';
create role mentionwatch login password :'service_password';
create database mentionwatch owner mentionwatch_owner;
SQL
