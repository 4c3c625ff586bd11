-- Written as a history: DROP INDEX ... ON of keys that CREATE TABLE made,
-- applied in file order with the ALTERs (the key goes before its column).
CREATE TABLE users (
    id int NOT NULL,
    email varchar(100),
    is_active tinyint(1),
    nick varchar(20),
    PRIMARY KEY (id),
    KEY idx_email_active (email, is_active),
    UNIQUE KEY uk_nick (nick),
    KEY idx_email (email)
);
DROP INDEX idx_email_active ON users;
ALTER TABLE users DROP COLUMN is_active;
DROP INDEX uk_nick ON users;
CREATE TABLE gone (id int PRIMARY KEY, k int, KEY k (k));
DROP INDEX k ON gone;
DROP TABLE gone;
ALTER TABLE users ADD COLUMN is_active tinyint(1);
