CREATE SCHEMA seqs;
CREATE SEQUENCE seqs.global_ids AS bigint;
CREATE TABLE things (id bigint NOT NULL DEFAULT nextval('seqs.global_ids'::regclass), label text);
