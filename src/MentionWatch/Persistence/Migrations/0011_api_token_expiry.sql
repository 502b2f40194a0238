-- API tokens expire and show when they were last used (issue 19). Tokens issued before this migration expire 90 days
-- after it, so nothing issued without a limit lives on.
alter table api_tokens add column expires_at   timestamptz null;
alter table api_tokens add column last_used_at timestamptz null;
update api_tokens set expires_at = now() + interval '90 days' where expires_at is null;
alter table api_tokens alter column expires_at set not null;
