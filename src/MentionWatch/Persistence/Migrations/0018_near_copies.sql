-- Near copies: a post's word bands (Stories/WordBands, MinHash over word pairs), so a copy with a few words changed
-- finds the post it copies by one indexed overlap (copy_bands && @bands) before its words are compared. Only posts
-- heading a story are looked up.
alter table mentions add column copy_bands bigint[] null;
create index ix_mentions_copy_bands on mentions using gin (copy_bands) where copy_bands is not null and story_id is null;
