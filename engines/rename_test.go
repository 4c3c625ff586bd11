package engines

import (
	"strings"
	"testing"
)

// sitesOf makes a site for each marked word of text ("@name" starts a
// definition named name; the @ is removed) and records what AttachRenames
// gives them.
func sitesOf(text string, got map[string]string) (string, []RenameSite) {
	var sites []RenameSite
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		if text[i] != '@' {
			b.WriteByte(text[i])
			continue
		}
		j := i + 1
		for j < len(text) && text[j] != ' ' && text[j] != '\n' {
			j++
		}
		name := text[i+1 : j]
		sites = append(sites, RenameSite{Offset: b.Len(), What: name, Set: func(from string) { got[name] = from }})
		b.WriteString(name)
		i = j - 1
	}
	return b.String(), sites
}

func TestAttachRenames(t *testing.T) {
	tests := []struct {
		name, text string
		fold       bool
		want       map[string]string
		err        string
	}{
		{name: "line before", text: "-- schemasync:renamed-from old\n@t (\n  @a int)", want: map[string]string{"t": "old"}},
		{name: "comment lines between", text: "@t (\n  -- schemasync:renamed-from x\n  -- why\n\n  /* more */\n  @a int)", want: map[string]string{"a": "x"}},
		{name: "end of line", text: "@t (\n  @a int, -- schemasync:renamed-from x\n  @b int)", want: map[string]string{"a": "x"}},
		{name: "end of the create line", text: "@t ( -- schemasync:renamed-from u\n  @a int)", want: map[string]string{"t": "u"}},
		{name: "quoted keeps case", text: "-- schemasync:renamed-from \"Old\"\n@t", fold: true, want: map[string]string{"t": "Old"}},
		{name: "bare folds", text: "-- schemasync:renamed-from Old\n@t", fold: true, want: map[string]string{"t": "old"}},
		{name: "backquoted", text: "-- schemasync:renamed-from `a``b`\n@t", want: map[string]string{"t": "a`b"}},
		{name: "no annotation", text: "@t (@a int)", want: map[string]string{}},
		{name: "before nothing", text: "@t (@a int);\n-- schemasync:renamed-from x\nALTER TABLE t ADD b int", err: "f.sql:2: schemasync:renamed-from must be on the line before"},
		{name: "ambiguous end of line", text: "@t (@a int) -- schemasync:renamed-from x", err: "ambiguous"},
		{name: "twice", text: "-- schemasync:renamed-from x\n@t ( -- schemasync:renamed-from y\n @a int)", err: "f.sql:2: t is annotated twice (also at line 1)"},
		{name: "no name", text: "-- schemasync:renamed-from\n@t", err: "names no old name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := map[string]string{}
			text, sites := sitesOf(tt.text, got)
			var fold func(string) string
			if tt.fold {
				fold = strings.ToLower
			}
			err := AttachRenames(File{Path: "f.sql", Text: text}, sites, fold)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.Contains(err.Error(), "f.sql:") {
					t.Fatalf("want an error with %q naming the file and line, got %v", tt.err, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for k, v := range tt.want {
				if got[k] != v {
					t.Errorf("%s: got %q, want %q", k, got[k], v)
				}
			}
		})
	}
}

func model(tables ...*Table) *Database {
	return &Database{Schemas: []*Schema{{Name: "public", Tables: tables}}}
}

func col(name, typ string) *Column { return &Column{Name: name, Type: typ} }

func TestFindAndApplyRenames(t *testing.T) {
	target := model(
		&Table{Schema: "public", Name: "users", Columns: []*Column{col("id", "int"), col("name", "text")},
			Constraints: []*Constraint{{Name: "users_pkey", Kind: PrimaryKey, Columns: []string{"id"}}},
			Indexes:     []*Index{{Name: "users_name", Parts: []*IndexPart{{Column: "name"}}}}},
		&Table{Schema: "public", Name: "orders", Columns: []*Column{col("id", "int"), col("user_id", "int")},
			Constraints: []*Constraint{{Name: "fk", Kind: ForeignKey, Columns: []string{"user_id"}, RefTable: "users", RefColumns: []string{"id"}}}},
	)
	target.Schemas[0].Sequences = []*Sequence{{Schema: "public", Name: "users_id_seq", OwnedBy: "users.id"}}
	people := &Table{Schema: "public", Name: "people", RenamedFrom: "users", Columns: []*Column{{Name: "uid", Type: "int", RenamedFrom: "id"}, {Name: "full_name", Type: "text", RenamedFrom: "name"}}}
	source := model(people, &Table{Schema: "public", Name: "orders", Columns: []*Column{col("id", "int"), col("user_id", "int")}})

	renames, err := FindRenames(target, source, false)
	if err != nil {
		t.Fatal(err)
	}
	want := []ConfirmedRename{
		{Kind: KindTable, Schema: "public", From: "users", To: "people"},
		{Kind: KindColumn, Schema: "public", Table: "people", From: "id", To: "uid"},
		{Kind: KindColumn, Schema: "public", Table: "people", From: "name", To: "full_name"},
	}
	if len(renames) != len(want) {
		t.Fatalf("renames: got %+v, want %+v", renames, want)
	}
	for i := range want {
		if renames[i] != want[i] {
			t.Errorf("rename %d: got %+v, want %+v", i, renames[i], want[i])
		}
	}
	ApplyRenames(target, renames, false)
	s := target.Schemas[0]
	users := s.Table("people")
	switch {
	case users == nil || users.Column("uid") == nil || users.Column("full_name") == nil:
		t.Fatalf("table or columns not renamed: %+v", users)
	case users.Constraints[0].Columns[0] != "uid" || users.Indexes[0].Parts[0].Column != "full_name":
		t.Errorf("key and index columns not renamed")
	case s.Table("orders").Constraints[0].RefTable != "people" || s.Table("orders").Constraints[0].RefColumns[0] != "uid":
		t.Errorf("foreign key not renamed: %+v", s.Table("orders").Constraints[0])
	case s.Sequences[0].OwnedBy != "people.uid":
		t.Errorf("sequence owner not renamed: %s", s.Sequences[0].OwnedBy)
	}
	// Done once, the renames are asked no more.
	if again, err := FindRenames(target, source, false); err != nil || len(again) != 0 {
		t.Errorf("after the renames: got %v, %v; want none", again, err)
	}

	// Two columns renamed from one are an error; MySQL compares names without case.
	dup := model(&Table{Schema: "public", Name: "t", Columns: []*Column{{Name: "a", Type: "int", RenamedFrom: "x"}, {Name: "b", Type: "int", RenamedFrom: "X"}}})
	if _, err := FindRenames(model(&Table{Schema: "public", Name: "t", Columns: []*Column{col("x", "int")}}), dup, true); err == nil {
		t.Errorf("want an error for two columns renamed from the same one")
	}
	folded, err := FindRenames(model(&Table{Schema: "public", Name: "t", Columns: []*Column{col("X", "int")}}),
		model(&Table{Schema: "public", Name: "t", Columns: []*Column{{Name: "y", Type: "int", RenamedFrom: "x"}}}), true)
	if err != nil || len(folded) != 1 || folded[0].From != "X" {
		t.Errorf("case-insensitive columns: got %+v, %v", folded, err)
	}
}

func TestRenameHints(t *testing.T) {
	changes := []*Change{
		{Op: Drop, Kind: KindColumn, Schema: "public", Table: "t", Name: "name", From: &Column{Name: "name", Type: "text", NotNull: true}},
		{Op: Drop, Kind: KindColumn, Schema: "public", Table: "t", Name: "age", From: &Column{Name: "age", Type: "int"}},
		{Op: Add, Kind: KindColumn, Schema: "public", Table: "t", Name: "years", To: &Column{Name: "years", Type: "bigint"}},
		{Op: Add, Kind: KindColumn, Schema: "public", Table: "t", Name: "full_name", To: &Column{Name: "full_name", Type: "text", NotNull: true}},
		{Op: Add, Kind: KindColumn, Schema: "public", Table: "u", Name: "other", To: &Column{Name: "other", Type: "int"}},
		{Op: Drop, Kind: KindTable, Schema: "public", Name: "users", From: &Table{Name: "users", Columns: []*Column{col("id", "int")}}},
		{Op: Add, Kind: KindTable, Schema: "public", Name: "people", To: &Table{Name: "people", Columns: []*Column{col("id", "int")}}},
		{Op: Add, Kind: KindTable, Schema: "public", Name: "misc", To: &Table{Name: "misc", Columns: []*Column{col("x", "int")}}},
	}
	hints := RenameHints(changes)
	var got []string
	for _, h := range hints {
		got = append(got, h.Message())
	}
	want := []string{
		"possible rename: column public.t.name -> full_name; add `-- schemasync:renamed-from name` above the definition of full_name to rename instead of dropping name and its data",
		"possible rename: table public.users -> people; add `-- schemasync:renamed-from users` above CREATE TABLE people to rename instead of dropping users and its rows",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("hints:\n got %q\nwant %q", got, want)
	}
}
