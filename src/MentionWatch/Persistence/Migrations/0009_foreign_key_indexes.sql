-- Indexes for lookups by foreign key that had none. Without the first, loading a mention to classify it looked for a
-- person's verdict by scanning every verdict (the unique index covers machine verdicts only): the cost grew with the
-- table, about 1 ms per 20,000 verdicts for every mention. The others serve retention's cascading deletes and the
-- pages that list an alert's deliveries or a digest's alerts.
create index ix_verdicts_mention on verdicts (mention_id, id);
create index ix_deliveries_alert on deliveries (alert_id);
create index ix_alerts_digest_alert on alerts (digest_alert_id) where digest_alert_id is not null;
