-- First created by migration 1764374401100-policy-notify.
CREATE OR REPLACE FUNCTION notify_policy_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('policy_changed', '*');
  RETURN NULL;
END $$;
