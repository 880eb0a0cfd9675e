-- The last TOTP time step accepted for each account: a code, once used, cannot be replayed
-- (RFC 6238 §5.2), even within its 30-second window.
alter table users add column totp_last_step bigint;
