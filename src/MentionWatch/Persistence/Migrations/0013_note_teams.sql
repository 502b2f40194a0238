-- A note is read by the teams that could see the alerts on its mention when it was written, not by every team
-- (issue 19). Notes written before this migration go to every team with an alert on their mention.
alter table mention_notes add column teams text[] not null default '{}';
update mention_notes n set teams = coalesce((select array_agg(distinct a.team) from alerts a where a.mention_id = n.mention_id), '{}');
