package mysql

import "testing"

// TestMariaDBWords: only the index attribute [NOT] IGNORED is rewritten;
// tables, columns, indexes and aliases named ignored are left alone.
func TestMariaDBWords(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"CREATE TABLE t (a int, KEY ia (a) IGNORED)", "CREATE TABLE t (a int, KEY ia (a) INVISIBLE)"},
		{"CREATE TABLE t (a int, KEY ia (a) NOT IGNORED)", "CREATE TABLE t (a int, KEY ia (a) VISIBLE)"},
		{"CREATE TABLE t (a int, KEY ia (a) USING BTREE COMMENT 'not ignored' IGNORED)", "CREATE TABLE t (a int, KEY ia (a) USING BTREE COMMENT 'not ignored' INVISIBLE)"},
		{"CREATE TABLE t (a int, UNIQUE KEY ia USING HASH (a) KEY_BLOCK_SIZE = 8 ignored)", "CREATE TABLE t (a int, UNIQUE KEY ia USING HASH (a) KEY_BLOCK_SIZE = 8 INVISIBLE)"},
		{"CREATE TABLE t (a text, FULLTEXT ft (a) WITH PARSER ngram IGNORED)", "CREATE TABLE t (a text, FULLTEXT ft (a) WITH PARSER ngram INVISIBLE)"},
		{"CREATE UNIQUE INDEX i ON db.t (a) IGNORED", "CREATE UNIQUE INDEX i ON db.t (a) INVISIBLE"},
		{"ALTER TABLE t ALTER INDEX ia IGNORED, ALTER KEY ib NOT IGNORED", "ALTER TABLE t ALTER INDEX ia INVISIBLE, ALTER KEY ib VISIBLE"},
		{"ALTER TABLE t ADD INDEX ignored (ignored) IGNORED", "ALTER TABLE t ADD INDEX ignored (ignored) INVISIBLE"},
		{"ALTER TABLE t ALTER INDEX ignored NOT IGNORED", "ALTER TABLE t ALTER INDEX ignored VISIBLE"},
		// Names, not the attribute.
		{"CREATE TABLE ignored (ignored int NOT NULL, b int, KEY ignored (ignored, b))", ""},
		{"CREATE TABLE t (a int, ignored int, PRIMARY KEY (a), FOREIGN KEY (a) REFERENCES ignored (ignored))", ""},
		{"CREATE INDEX ignored ON ignored (ignored)", ""},
		{"CREATE VIEW v AS SELECT count(*) ignored, max(a) AS b FROM ignored", ""},
		{"ALTER TABLE ignored ADD COLUMN ignored int AFTER a, ALTER COLUMN ignored SET DEFAULT 1", ""},
		{"CREATE TABLE t (a int CHECK (a > 0), ignored varchar(10) NOT NULL DEFAULT 'IGNORED')", ""},
		{"CREATE TABLE t (a int) PARTITION BY KEY (a) PARTITIONS 2", ""},
	} {
		want := tc.want
		if want == "" {
			want = tc.in
		}
		if got := mariadbWords(tc.in); got != want {
			t.Errorf("mariadbWords(%q)\n got %q\nwant %q", tc.in, got, want)
		}
	}
}
