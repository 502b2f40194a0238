-- A story's update notice ("shared N more times", kind story_update) records how many copies the story had when it
-- was raised, so the next one counts only the copies since: at most one an hour per team, while the alert is not closed.
alter table alerts add column story_copies integer null;
