-- Wrong passwords are counted per account and client (the address that sent them), so that someone guessing at an
-- account locks out only their own address, never its owner: anyone could otherwise lock the admin out with five
-- wrong passwords. users.failed_sign_ins now counts the account's failures from every client together, up to a
-- higher ceiling (Web:MaxFailedSignInsPerAccount), for a guess spread over many addresses.
-- A row holds a client address (personal data): it is deleted when the client signs in, when the account is unlocked,
-- and once it is older than the lockout period and no longer locks anything.
create table sign_in_failures (
    user_id        bigint not null references users (id) on delete cascade,
    client         text not null,
    failures       integer not null,
    last_failed_at timestamptz not null,
    locked_until   timestamptz null,
    primary key (user_id, client)
);
create index ix_sign_in_failures_last_failed_at on sign_in_failures (last_failed_at);
