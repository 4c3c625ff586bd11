-- MySQL and MariaDB keep comments in utf8mb3: an emoji is stored as "?".
CREATE TABLE posts (
    id int PRIMARY KEY COMMENT 'Key 🔑',
    title varchar(200) COMMENT 'Supports emojis 📝✨ and Ünïcode',
    KEY title_idx (title) COMMENT 'Search 🔍'
) COMMENT 'Blog posts 🎉';
