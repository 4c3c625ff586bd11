CREATE DOMAIN label AS text DEFAULT 'none';
