package runner

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/engines/mysql"
	"github.com/schemasync/schemasync/engines/postgres"
	"github.com/schemasync/schemasync/internal/benchgen"
)

// recorder is a hash.Hash that keeps what is written, to compare
// modelJSON's bytes with json.Marshal's.
type recorder struct{ bytes.Buffer }

func (*recorder) Sum(b []byte) []byte { return b }
func (*recorder) Size() int           { return 0 }
func (*recorder) BlockSize() int      { return 1 }

func modelBytes(db *engines.Database) []byte {
	r := &recorder{}
	w := modelJSON{h: r}
	w.database(db)
	w.flush()
	return r.Bytes()
}

// trickyStrings are texts whose JSON encoding/json escapes in its own
// ways: HTML characters, control characters, invalid UTF-8, U+2028/2029.
var trickyStrings = []string{
	"plain", "", "a<b>c&d", "quote\" back\\slash", "tab\tnew\nline\rcr\bbs\fff\x01\x1f\x7f",
	"\u2028line\u2029para", "only\u2028ls", "only\u2029ps", "bad \xff\xfe utf8", "caf\u00e9 \u65e5\u672c \U0001F600", "real \ufffd", "x\xc3",
	"CHECK ((price > (0)::numeric))", "'{}'::text[]",
}

// filler sets the fields of a struct and, through its lists of objects,
// of every object below it (each list gets two objects and a nil one).
// mode "full" sets every field, taking strings from trickyStrings in turn;
// "zero" leaves the other fields zero (nil lists, maps and pointers);
// "empty" gives empty lists and maps and pointers to zero values. Lists of
// objects below depth levels of objects are left like the other lists.
type filler struct {
	mode  string
	depth int
	n     int
}

func (fl *filler) fill(v reflect.Value, level int) {
	for i := 0; i < v.NumField(); i++ {
		if v.Type().Field(i).IsExported() {
			fl.field(v.Field(i), level)
		}
	}
}

func (fl *filler) field(f reflect.Value, level int) {
	mode, n := fl.mode, &fl.n
	switch f.Kind() {
	case reflect.Struct:
		fl.fill(f, level)
	case reflect.Pointer:
		if mode == "zero" {
			return
		}
		f.Set(reflect.New(f.Type().Elem()))
		if f.Elem().Kind() == reflect.Struct {
			fl.fill(f.Elem(), level)
		} else if mode == "full" {
			fl.field(f.Elem(), level)
		}
	case reflect.String:
		if mode == "full" {
			*n++
			f.SetString(trickyStrings[*n%len(trickyStrings)])
		}
	case reflect.Bool:
		f.SetBool(mode == "full")
	case reflect.Int, reflect.Int64:
		if mode == "full" {
			*n++
			f.SetInt(int64(*n) * -7)
		}
	case reflect.Slice:
		if el := f.Type().Elem(); el.Kind() == reflect.Pointer && el.Elem().Kind() == reflect.Struct && level < fl.depth {
			s := reflect.MakeSlice(f.Type(), 3, 3)
			for i := 0; i < 2; i++ {
				s.Index(i).Set(reflect.New(el.Elem()))
				fl.fill(s.Index(i).Elem(), level+1)
			}
			f.Set(s)
			return
		}
		switch mode {
		case "full":
			s := reflect.MakeSlice(f.Type(), 2, 2)
			for i := 0; i < 2; i++ {
				fl.field(s.Index(i), level)
			}
			f.Set(s)
		case "empty":
			f.Set(reflect.MakeSlice(f.Type(), 0, 0))
		}
	case reflect.Map:
		switch mode {
		case "full":
			m := reflect.MakeMap(f.Type())
			for i := 0; i < 3; i++ {
				k, e := reflect.New(f.Type().Key()).Elem(), reflect.New(f.Type().Elem()).Elem()
				fl.field(k, level)
				fl.field(e, level)
				m.SetMapIndex(k, e)
			}
			f.Set(m)
		case "empty":
			f.Set(reflect.MakeMap(f.Type()))
		}
	default:
		panic("fill: a model field of kind " + f.Kind().String() + " needs a case here and in modelJSON")
	}
}

// TestModelJSONExact checks that modelJSON writes json.Marshal's bytes for
// models with every field set (a field added to the model later too),
// with nil and with empty lists and maps, and for parsed PostgreSQL and
// MySQL schemas: fingerprints are kept in plan files and history, and may
// not change.
func TestModelJSONExact(t *testing.T) {
	models := map[string]*engines.Database{"nil": nil, "empty": {}}
	for _, mode := range []string{"full", "zero", "empty"} {
		for seed := 0; seed < len(trickyStrings); seed += 5 {
			fl := &filler{mode: mode, depth: 10, n: seed}
			db := &engines.Database{}
			fl.fill(reflect.ValueOf(db).Elem(), 0)
			models[fmt.Sprintf("%s %d", mode, seed)] = db
		}
		for depth := 0; depth < 6; depth++ {
			fl := &filler{mode: mode, depth: depth}
			db := &engines.Database{}
			fl.fill(reflect.ValueOf(db).Elem(), 0)
			models[fmt.Sprintf("%s depth %d", mode, depth)] = db
		}
	}
	ctx := context.Background()
	pg, err := postgres.New().Parse(ctx, []engines.File{{Path: "s.sql", Text: benchgen.PostgresChanged(50, 1)}}, engines.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	my, err := mysql.New().Parse(ctx, []engines.File{{Path: "s.sql", Text: benchgen.MySQLChanged(50, 1)}}, engines.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	models["postgres"], models["mysql"] = pg, my
	for name, db := range models {
		want, err := json.Marshal(db)
		if err != nil {
			t.Fatal(err)
		}
		if got := modelBytes(db); !bytes.Equal(got, want) {
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			t.Errorf("%s: modelJSON differs from json.Marshal at byte %d:\n got: …%s\nwant: …%s", name, i, clip(got, i), clip(want, i))
		}
	}
}

func clip(b []byte, at int) string {
	lo, hi := max(at-60, 0), min(at+60, len(b))
	return string(b[lo:hi])
}

// TestFingerprintValue checks Fingerprint against its definition, the
// digest of the model's JSON, on a model big enough to be hashed in
// several pieces, and that it tells models apart.
func TestFingerprintValue(t *testing.T) {
	db, err := postgres.New().Parse(context.Background(), []engines.File{{Path: "s.sql", Text: benchgen.Postgres(300, 1)}}, engines.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(db)
	if err != nil {
		t.Fatal(err)
	}
	if len(raw) < 4*flushAt {
		t.Fatalf("model JSON is %d bytes, want several buffers", len(raw))
	}
	sum := sha256.Sum256(raw)
	want := "sha256:" + hex.EncodeToString(sum[:])
	got, err := Fingerprint(db)
	if err != nil || got != want {
		t.Fatalf("Fingerprint = %s, %v; want %s", got, err, want)
	}
	db.Schema("bench").Tables[0].Columns[0].Default = "1"
	if other, _ := Fingerprint(db); other == got {
		t.Error("a changed default kept the fingerprint")
	}
}
