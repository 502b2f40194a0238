-- The audit log is append-only in the database itself, not only by convention: an update, delete or truncate of
-- audit_log is refused for every role, the schema owner's included. (The runtime role, when MentionWatch runs with
-- one of its own, is also granted only select and insert on it: see Migrator.)
create function audit_log_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_log_no_change before update or delete on audit_log for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_append_only();
