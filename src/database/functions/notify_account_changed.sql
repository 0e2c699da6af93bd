-- First created by migration 1764374400603-account-notify.
CREATE OR REPLACE FUNCTION notify_account_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('account_changed', CASE WHEN TG_LEVEL = 'STATEMENT' THEN '*' ELSE OLD.id::text END);
  RETURN NULL;
END $$;
