-- The triage web app: local accounts, API tokens, what people do with alerts (assignment, agreed action, closure,
-- PALS reference), notes on mentions, and the register of official accounts.
create table users (
    id                   bigint generated always as identity primary key,
    username             text not null,
    display_name         text not null,
    email                text null,
    roles                text[] not null,
    password_hash        text null, -- null: signs in only through the SSO proxy
    failed_sign_ins      integer not null default 0,
    locked_until         timestamptz null,
    disabled             boolean not null default false,
    created_at           timestamptz not null,
    last_sign_in_at      timestamptz null
);
create unique index uq_users_username on users (lower(username));
create unique index uq_users_email on users (lower(email)) where email is not null;

create table api_tokens (
    id           bigint generated always as identity primary key,
    user_id      bigint not null references users (id) on delete cascade,
    name         text not null,
    token_sha256 text not null unique,
    created_at   timestamptz not null,
    revoked_at   timestamptz null
);

alter table alerts add column if not exists assigned_to       text null;
alter table alerts add column if not exists action_agreed_by  text null;
alter table alerts add column if not exists action_agreed_at  timestamptz null;
alter table alerts add column if not exists closed_by         text null;
alter table alerts add column if not exists closed_at         timestamptz null;
alter table alerts add column if not exists pals_reference    text null;
create index if not exists ix_alerts_team_state on alerts (team, state, raised_at desc);

create table mention_notes (
    id         bigint generated always as identity primary key,
    mention_id bigint not null references mentions (id) on delete cascade,
    author     text not null,
    body       text not null,
    created_at timestamptz not null
);
create index ix_mention_notes_mention on mention_notes (mention_id);

create table official_accounts (
    id               bigint generated always as identity primary key,
    platform         text not null,
    handle           text not null,
    display_name     text null,
    owner            text not null,
    administrators   text[] not null default '{}',
    last_reviewed_on date null,
    created_at       timestamptz not null,
    retired_at       timestamptz null
);
create unique index uq_official_accounts_live on official_accounts (lower(platform), lower(handle)) where retired_at is null;
