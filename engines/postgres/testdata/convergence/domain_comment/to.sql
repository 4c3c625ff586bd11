CREATE DOMAIN label AS text;
COMMENT ON DOMAIN label IS 'short text';
