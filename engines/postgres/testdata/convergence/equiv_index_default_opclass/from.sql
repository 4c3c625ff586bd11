CREATE TABLE articles (id bigint PRIMARY KEY, title varchar(200), labels text[], meta jsonb);
CREATE INDEX articles_title_idx ON articles USING btree (title text_ops);
CREATE INDEX articles_id_title_idx ON articles (id int8_ops DESC, title);
CREATE INDEX articles_labels_idx ON articles USING gin (labels array_ops);
CREATE INDEX articles_meta_idx ON articles USING gin (meta jsonb_ops);
