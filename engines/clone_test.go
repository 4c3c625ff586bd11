package engines_test

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/engines/mysql"
	"github.com/schemasync/schemasync/engines/postgres"
	"github.com/schemasync/schemasync/internal/benchgen"
)

// TestClone checks that Clone gives what a JSON round trip gives, on
// generated PostgreSQL and MySQL models, and that the copy shares nothing
// with the original.
func TestClone(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name string
		eng  engines.Engine
		text string
	}{
		{"postgres", postgres.New(), benchgen.PostgresChanged(300, 1)},
		{"mysql", mysql.New(), benchgen.MySQLChanged(300, 1)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db, err := c.eng.Parse(ctx, []engines.File{{Path: "schema.sql", Text: c.text}}, engines.ParseOptions{})
			if err != nil {
				t.Fatal(err)
			}
			// Empty lists and maps where JSON would leave nil ones.
			si := 0
			for len(db.Schemas[si].Tables) == 0 {
				si++
			}
			tbl := db.Schemas[si].Tables[0]
			tbl.Indexes = append(tbl.Indexes[:0:0], tbl.Indexes...)[:0]
			tbl.Options = map[string]string{}
			raw, err := json.Marshal(db)
			if err != nil {
				t.Fatal(err)
			}
			want := &engines.Database{}
			if err := json.Unmarshal(raw, want); err != nil {
				t.Fatal(err)
			}
			// Clone keeps what JSON leaves out on purpose (clone:"keep").
			for i, s := range db.Schemas {
				for j, v := range s.Views {
					want.Schemas[i].Views[j].Text = v.Text
					want.Schemas[i].Views[j].OptionOrder = v.OptionOrder
				}
				for j, t := range s.Tables {
					want.Schemas[i].Tables[j].OptionOrder = t.OptionOrder
					for k, x := range t.Indexes {
						want.Schemas[i].Tables[j].Indexes[k].OptionOrder = x.OptionOrder
						want.Schemas[i].Tables[j].Indexes[k].Using = x.Using
						want.Schemas[i].Tables[j].Indexes[k].Parser = x.Parser
					}
					for k, c := range t.Constraints {
						want.Schemas[i].Tables[j].Constraints[k].CheckText = c.CheckText
					}
				}
			}
			got := db.Clone()
			if !reflect.DeepEqual(got, want) {
				t.Fatal("Clone differs from a JSON round trip")
			}
			gt := got.Schemas[si].Tables[0]
			gt.Name = "changed"
			gt.Columns[0].Name = "changed"
			if tbl.Name == "changed" || tbl.Columns[0].Name == "changed" {
				t.Error("the copy shares tables or columns with the original")
			}
		})
	}
	if (*engines.Database)(nil).Clone() != nil {
		t.Error("Clone of nil is not nil")
	}
}

// TestCloneExact fills every field of a constraint and an index (so that a
// field added later is covered too), clones them and checks that the copy
// is equal and shares no list, map or pointer with the original.
func TestCloneExact(t *testing.T) {
	for _, v := range []any{&engines.Constraint{}, &engines.Index{}} {
		orig := reflect.ValueOf(v)
		fill(orig.Elem(), 1)
		got := orig.MethodByName("Clone").Call(nil)[0]
		if !reflect.DeepEqual(got.Interface(), v) {
			t.Fatalf("%T: Clone differs from the original", v)
		}
		if path := shared(orig, got, orig.Type().String()); path != "" {
			t.Errorf("the clone shares %s with the original", path)
		}
		// Empty lists and maps stay empty, not nil.
		empty := reflect.New(orig.Type().Elem())
		for i := range empty.Elem().NumField() {
			switch f := empty.Elem().Field(i); f.Kind() {
			case reflect.Slice:
				f.Set(reflect.MakeSlice(f.Type(), 0, 0))
			case reflect.Map:
				f.Set(reflect.MakeMap(f.Type()))
			}
		}
		if got := empty.MethodByName("Clone").Call(nil)[0]; !reflect.DeepEqual(got.Interface(), empty.Interface()) {
			t.Errorf("%T: Clone does not keep empty lists and maps", v)
		}
	}
	if (*engines.Constraint)(nil).Clone() != nil || (*engines.Index)(nil).Clone() != nil {
		t.Error("Clone of nil is not nil")
	}
}

// fill gives every field of v a non-zero value, lists and maps one element.
func fill(v reflect.Value, n int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprint("s", n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(int64(n))
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), n+1)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(v.Index(0), n+1)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fill(k, n+1)
		fill(e, n+2)
		m.SetMapIndex(k, e)
		v.Set(m)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), n+i)
			}
		}
	}
}

// shared returns the path of the first pointer, list or map that a and b
// share, or "".
func shared(a, b reflect.Value, path string) string {
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() {
			return ""
		}
		if a.Pointer() == b.Pointer() {
			return path
		}
		return shared(a.Elem(), b.Elem(), path)
	case reflect.Slice, reflect.Map:
		if a.Len() > 0 && a.Pointer() == b.Pointer() {
			return path
		}
		if a.Kind() == reflect.Slice {
			for i := range a.Len() {
				if p := shared(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i)); p != "" {
					return p
				}
			}
		}
	case reflect.Struct:
		for i := range a.NumField() {
			if p := shared(a.Field(i), b.Field(i), path+"."+a.Type().Field(i).Name); p != "" {
				return p
			}
		}
	}
	return ""
}

// TestPlanLeavesModels checks that planning does not change the models it
// is given (the runner plans one source against many targets, and the
// MySQL planner resolves and adjusts copies of both).
func TestPlanLeavesModels(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name          string
		eng           engines.Engine
		base, changed string
	}{
		{"postgres", postgres.New(), benchgen.Postgres(120, 1), benchgen.PostgresChanged(120, 1)},
		{"mysql", mysql.New(), benchgen.MySQL(120, 1), benchgen.MySQLChanged(120, 1)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			parse := func(text string) (*engines.Database, []byte) {
				db, err := c.eng.Parse(ctx, []engines.File{{Path: "schema.sql", Text: text}}, engines.ParseOptions{})
				if err != nil {
					t.Fatal(err)
				}
				raw, err := json.Marshal(db)
				if err != nil {
					t.Fatal(err)
				}
				return db, raw
			}
			target, targetJSON := parse(c.base)
			source, sourceJSON := parse(c.changed)
			p, err := c.eng.Plan(ctx, target, source, engines.PlanOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Statements) == 0 {
				t.Fatal("the changed version planned to nothing")
			}
			for _, side := range []struct {
				what   string
				db     *engines.Database
				before []byte
			}{{"target", target, targetJSON}, {"source", source, sourceJSON}} {
				after, err := json.Marshal(side.db)
				if err != nil {
					t.Fatal(err)
				}
				if string(after) != string(side.before) {
					t.Errorf("Plan changed its %s model", side.what)
				}
			}
		})
	}
}
