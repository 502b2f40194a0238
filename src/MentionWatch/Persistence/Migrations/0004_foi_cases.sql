-- FOI cases: one per FOI request, with its statutory clock (FOIA s.10). A case opened from a post is unique per
-- mention, so a redelivered classify message never opens a second. The case outlives the post: retention may
-- delete the mention, the FOI record stays (mention_id becomes null).
create table foi_cases (
    id                         bigint generated always as identity primary key,
    mention_id                 bigint null references mentions (id) on delete set null,
    received_at                timestamptz not null,
    received_on                date not null,   -- Europe/London date of received_at
    clock_started_on           date not null,   -- received_on, or the clarification's receipt date
    due_date                   date not null,
    original_due_date          date not null,
    state                      text not null default 'open'
        check (state in ('open', 'acknowledged', 'clarification_requested', 'extended', 'responded', 'closed', 'withdrawn')),
    requester                  text null,
    summary                    text null,
    clarification_requested_at timestamptz null,
    extension_working_days     integer null check (extension_working_days between 1 and 20),
    extension_reason           text null,
    responded_at               timestamptz null,
    responded_on               date null,
    responded_on_time          boolean null,
    working_days_to_respond    integer null,
    opened_by                  text not null,
    opened_at                  timestamptz not null,
    updated_at                 timestamptz not null,
    constraint ck_foi_cases_extension_reason check (extension_working_days is null or extension_reason is not null)
);
create unique index uq_foi_cases_mention on foi_cases (mention_id) where mention_id is not null;
create index ix_foi_cases_received_on on foi_cases (received_on);
create index ix_foi_cases_running on foi_cases (due_date) where state in ('open', 'acknowledged', 'extended', 'clarification_requested');

-- The history of each case (who, when, what, why); every row also has its audit_log entry.
create table foi_case_events (
    id          bigint generated always as identity primary key,
    case_id     bigint not null references foi_cases (id) on delete cascade,
    at          timestamptz not null,
    occurred_at timestamptz not null,
    actor       text not null,
    action      text not null,
    from_state  text null,
    to_state    text not null,
    due_date    date not null,
    reason      text null
);
create index ix_foi_case_events_case on foi_case_events (case_id, id);
