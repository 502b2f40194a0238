-- Alert timing: office hours and digests, channel fallback, acknowledgement targets, escalation and spikes.
-- delivery_plan is decided once, on the alert's first delivery ('now', 'digest' or 'both'), so a redelivered
-- message never changes its mind; digest_at is when a held alert is due in its team's digest, and digest_alert_id
-- the digest (itself an alert of kind 'digest') that carried it: set in the same transaction that creates the
-- digest, so an alert is in exactly one digest.
alter table alerts add column delivery_plan    text        null;
alter table alerts add column digest_at        timestamptz null;
alter table alerts add column digest_alert_id  bigint      null references alerts (id);
alter table alerts add column due_at           timestamptz null;
alter table alerts add column sla_breached_at  timestamptz null;
alter table alerts add column escalation_level integer     not null default 0;
create index ix_alerts_awaiting_digest on alerts (team, digest_at) where digest_at is not null and digest_alert_id is null;
create index ix_alerts_unacknowledged on alerts (raised_at) where acknowledged_at is null;

-- One row per spike of mentions in one scope ('all' or 'label:complaint'); at most one open spike per scope.
create table spikes (
    id         bigint generated always as identity primary key,
    scope      text             not null,
    started_at timestamptz      not null,
    ended_at   timestamptz      null,
    last_hour  integer          not null,
    baseline   double precision not null
);
create unique index uq_spikes_open on spikes (scope) where ended_at is null;
