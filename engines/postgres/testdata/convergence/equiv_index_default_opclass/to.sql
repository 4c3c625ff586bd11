CREATE TABLE articles (id bigint PRIMARY KEY, title varchar(200), labels text[], meta jsonb);
CREATE INDEX articles_title_idx ON articles (title);
CREATE INDEX articles_id_title_idx ON articles (id DESC, title);
CREATE INDEX articles_labels_idx ON articles USING gin (labels);
CREATE INDEX articles_meta_idx ON articles USING gin (meta);
