package sqlsplit

import (
	"reflect"
	"testing"
)

func TestMySQL(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  []string
		lines []int
	}{
		{"plain", "CREATE TABLE a (id int);\n\nCREATE TABLE b (s varchar(3) DEFAULT ';');", []string{"CREATE TABLE a (id int)", "CREATE TABLE b (s varchar(3) DEFAULT ';')"}, []int{1, 3}},
		{"comments", "-- x;\n/* y; */ SELECT 1; # z;\nSELECT `a;b`", []string{"SELECT 1", "SELECT `a;b`"}, []int{2, 3}},
		{"delimiter", "DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END//\nDELIMITER ;\nSELECT 3;", []string{"CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END", "SELECT 3"}, []int{2, 4}},
		{"delimiter after word", "DELIMITER $$\nCREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.a = 1; END$$\nDELIMITER ;", []string{"CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.a = 1; END"}, []int{2}},
		{"compound without delimiter", "CREATE PROCEDURE p() BEGIN IF a THEN SELECT 1; END IF; SELECT if(1, 2, 3); REPEAT SET x = 1; UNTIL x END REPEAT; END;\nSELECT 4;", []string{"CREATE PROCEDURE p() BEGIN IF a THEN SELECT 1; END IF; SELECT if(1, 2, 3); REPEAT SET x = 1; UNTIL x END REPEAT; END", "SELECT 4"}, []int{1, 2}},
		{"single statement trigger", "CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW SET NEW.a = 1;\nSELECT 5;", []string{"CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW SET NEW.a = 1", "SELECT 5"}, []int{1, 2}},
		{"case expression in body", "CREATE FUNCTION f() RETURNS int BEGIN RETURN CASE WHEN 1 THEN 2 END; END;", []string{"CREATE FUNCTION f() RETURNS int BEGIN RETURN CASE WHEN 1 THEN 2 END; END"}, []int{1}},
		{"escaped quote", "SELECT 'it\\'s; ok', \"a\"\"b;\";", []string{"SELECT 'it\\'s; ok', \"a\"\"b;\""}, []int{1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := MySQL(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			var texts []string
			var lines []int
			for _, s := range got {
				texts = append(texts, s.Text)
				lines = append(lines, s.Line)
				if s.Offset < 0 || s.Offset+len(s.Text) > len(tt.in) || tt.in[s.Offset:s.Offset+len(s.Text)] != s.Text {
					t.Errorf("offset %d does not locate %q in the script", s.Offset, s.Text)
				}
			}
			if !reflect.DeepEqual(texts, tt.want) {
				t.Errorf("texts:\n got %q\nwant %q", texts, tt.want)
			}
			if !reflect.DeepEqual(lines, tt.lines) {
				t.Errorf("lines: got %v, want %v", lines, tt.lines)
			}
		})
	}
	if _, err := MySQL("SELECT 'unterminated"); err == nil {
		t.Error("want an error for an unterminated string")
	}
}
