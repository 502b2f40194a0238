-- Indexes for lookups that had none. Without the first, loading a mention to classify it looked for a
-- person's verdict by scanning every verdict (the unique index covers machine verdicts only): the cost grew with the
-- table, about 1 ms per 20,000 verdicts for every mention. The others serve retention's cascading deletes and the
-- pages that list an alert's deliveries or a digest's alerts.
create index if not exists ix_verdicts_mention on verdicts (mention_id, id);
create index if not exists ix_deliveries_alert on deliveries (alert_id);
create index if not exists ix_alerts_digest_alert on alerts (digest_alert_id) where digest_alert_id is not null;
-- Not indexed on purpose: alerts by delivery_plan, which the sweep reads once a sweep interval. With such an index,
-- setting delivery_plan on an alert's first delivery can no longer be a heap-only update: measured with `bench`, that
-- statement went from 0.15 to 0.25 ms, the largest single cost per alert, for a scan saved twice a minute.
