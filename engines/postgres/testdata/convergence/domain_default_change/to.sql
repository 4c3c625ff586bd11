CREATE DOMAIN label AS text DEFAULT 'unknown';
