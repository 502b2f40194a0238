-- MentionWatch schema, version 1. Applied once by Migrator under an advisory lock; never edit after release:
-- add a new numbered file instead.
create table sources (
    id                   text primary key,
    platform             text not null,
    cursor               text null,
    last_poll_at         timestamptz null,
    last_success_at      timestamptz null,
    last_error           text null,
    last_error_at        timestamptz null,
    backoff_until        timestamptz null,
    next_poll_at         timestamptz null,
    items_last_poll      integer not null default 0,
    consecutive_failures integer not null default 0
);

create table mentions (
    id                  bigint generated always as identity primary key,
    source_id           text not null references sources (id),
    platform            text not null,
    external_id         text not null,
    author_handle       text null,
    author_display_name text null,
    author_description  text null,
    author_created_at   timestamptz null,
    author_verified     boolean not null default false,
    text                text not null,
    url                 text null,
    lang                text null,
    in_reply_to         text null,
    posted_at           timestamptz not null,
    first_seen_at       timestamptz not null,
    raw_payload         jsonb not null,
    raw_sha256          text not null,
    published_at        timestamptz null,
    legal_hold          boolean not null default false,
    constraint uq_mentions_platform_external_id unique (platform, external_id)
);
create index ix_mentions_unpublished on mentions (first_seen_at) where published_at is null;
create index ix_mentions_posted_at on mentions (posted_at);
create index ix_mentions_author on mentions (platform, author_handle);

create table verdicts (
    id                 bigint generated always as identity primary key,
    mention_id         bigint not null references mentions (id) on delete cascade,
    classifier_version text not null,
    labels             text[] not null,
    urgent             boolean not null,
    reasons            text[] not null,
    decided_by         text null, -- null: the classifier; otherwise the person who reclassified by hand
    created_at         timestamptz not null
);
create unique index uq_verdicts_machine on verdicts (mention_id, classifier_version) where decided_by is null;

create table alerts (
    id                bigint generated always as identity primary key,
    mention_id        bigint not null references mentions (id) on delete cascade,
    team              text not null,
    labels            text[] not null,
    urgent            boolean not null,
    raised_at         timestamptz not null,
    state             text not null default 'open',
    hold_public_reply boolean not null default true,
    acknowledged_by   text null,
    acknowledged_at   timestamptz null,
    constraint uq_alerts_mention_team unique (mention_id, team)
);

create table deliveries (
    id              bigint generated always as identity primary key,
    alert_id        bigint not null references alerts (id) on delete cascade,
    channel         text not null,
    idempotency_key text not null unique,
    status          text not null,
    attempts        integer not null default 0,
    last_error      text null,
    created_at      timestamptz not null,
    delivered_at    timestamptz null
);

create table quarantine (
    id             bigint generated always as identity primary key,
    source_id      text not null,
    reason         text not null,
    payload        text not null,
    payload_length integer not null,
    payload_sha256 text not null,
    received_at    timestamptz not null
);

create table audit_log (
    id          bigint generated always as identity primary key,
    at          timestamptz not null,
    actor       text not null,
    action      text not null,
    entity_type text not null,
    entity_id   text null,
    detail      text null
);
