-- A limit several sources share (a Meta token, Page or Instagram account, or app; a YouTube API key) that a
-- platform said was reached, and until when: every source naming the scope waits until then, across restarts and
-- instances. Keys name tokens by a digest, never by their text.
create table throttle_scopes (
    scope       text primary key,
    until       timestamptz not null,
    reason      text not null,
    source_id   text not null,
    recorded_at timestamptz not null
);
