-- A delivery is claimed for a lease before its send and marked sent after it, with no transaction held across the
-- send (issue 20). claim_token names the attempt holding the claim, so the same process can take its own claim over
-- at once (its database write failed after the send); lease_until is when another process may take it over. A
-- claim taken over while still 'sending' is in doubt: the channel is asked whether the delivery went before it is
-- sent again. Rows claimed before this migration have no lease and can be taken over at once.
alter table deliveries add column claim_token uuid        null;
alter table deliveries add column lease_until timestamptz null;
