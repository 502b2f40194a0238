-- A story: a post and its copies (shares and retweets of it, its author posting it again, the same words posted by
-- others as a campaign). A copy is stored, classified and searchable like any post, but it joins the story of the
-- post it copies instead of raising alerts of its own (see Stories/StoryRules): one alert per team per story.
-- copy_key: a digest of the post's normalised words, set when it is classified; story_id: the post whose story it
-- joined; copy_kind: share, repeat or copy; shared_external_id: the platform's id of the post it shares, when the
-- platform says so (an X retweet, whose text is cut short).
alter table mentions
    add column copy_key  text null,
    add column shared_external_id text null,
    add column story_id  bigint null references mentions (id) on delete set null,
    add column copy_kind text null;
create index ix_mentions_copy_key on mentions (copy_key, id) where copy_key is not null and story_id is null;
create index ix_mentions_story_id on mentions (story_id) where story_id is not null;
create index ix_mentions_shared on mentions (platform, shared_external_id) where shared_external_id is not null;
