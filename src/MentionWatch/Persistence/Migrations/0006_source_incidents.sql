-- A source that silently stops is an incident: one row per incident (no successful poll for too long, or
-- nothing returned for far longer than the source's rhythm), opened once, closed when the source recovers.
-- watched_since gives a never-successful source a start for its silence.
alter table sources add column watched_since timestamptz null;

create table source_incidents (
    id         bigint generated always as identity primary key,
    source_id  text not null references sources (id),
    kind       text not null, -- 'silent' | 'quiet'
    opened_at  timestamptz not null,
    reason     text not null,
    closed_at  timestamptz null
);
create unique index uq_source_incidents_open on source_incidents (source_id, kind) where closed_at is null;
