-- One row per poll of a source: which instance polled it, from when to when, and what it stored. It is the
-- evidence that a source is never polled by two instances at once (their intervals never overlap), and the
-- history an operator reads when a source falls behind.
create table poll_runs (
    id          bigint generated always as identity primary key,
    source_id   text not null,
    instance    text not null,
    started_at  timestamptz not null,
    finished_at timestamptz not null,
    stored      integer not null
);
create index ix_poll_runs_source_started on poll_runs (source_id, started_at);
