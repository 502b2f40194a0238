-- Alerts that are not about one mention: an FOI reminder, a source that went silent, a spike, an escalation.
-- They travel the same path as mention alerts (deliveries, acknowledgement, audit), keyed by a subject that
-- makes each one unique per team, so a job that raises it again on every run raises it once.
alter table alerts alter column mention_id drop not null;
alter table alerts add column kind     text   not null default 'mention';
alter table alerts add column subject  text   null;
alter table alerts add column headline text   null;
alter table alerts add column details  text[] not null default '{}';
alter table alerts add column link     text   null;
alter table alerts add constraint ck_alerts_about_something check (mention_id is not null or subject is not null);
create unique index uq_alerts_subject_team on alerts (subject, team) where subject is not null;
