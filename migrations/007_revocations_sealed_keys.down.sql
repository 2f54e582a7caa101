DROP TABLE IF EXISTS revoked_access_tokens, session_revocations;
-- Sealed private keys are parked in private_jwk as {"sealed": ...} so nothing is lost; a
-- version before 007 cannot open them (it needs the plain key), 007 re-applied moves them back.
UPDATE signing_keys SET private_jwk = jsonb_build_object('sealed', private_key_sealed) WHERE private_key_sealed IS NOT NULL;
ALTER TABLE signing_keys DROP COLUMN private_key_sealed, ALTER COLUMN private_jwk SET NOT NULL;
