-- Indexes for lookups that had none. Without the first, loading a mention to classify it looked for a
-- person's verdict by scanning every verdict (the unique index covers machine verdicts only): the cost grew with the
-- table, about 1 ms per 20,000 verdicts for every mention. The others serve retention's cascading deletes and the
-- pages that list an alert's deliveries or a digest's alerts.
create index if not exists ix_verdicts_mention on verdicts (mention_id, id);
create index if not exists ix_deliveries_alert on deliveries (alert_id);
create index if not exists ix_alerts_digest_alert on alerts (digest_alert_id) where digest_alert_id is not null;
-- The sweep looks for alerts no delivery consumer has taken up, every sweep interval.
create index if not exists ix_alerts_unplanned on alerts (raised_at) where delivery_plan is null;
