-- Seed rows and data fixes in schema files are data: left out (warned).
CREATE TABLE settings (k varchar(20) PRIMARY KEY, v varchar(100), updated_at datetime);
INSERT INTO settings (k, v) VALUES ('theme', 'dark'), ('lang', 'en');
UPDATE settings SET v = 'light' WHERE k = 'theme';
REPLACE INTO settings (k, v) VALUES ('tz', 'UTC');
DELETE FROM settings WHERE k = 'lang';
