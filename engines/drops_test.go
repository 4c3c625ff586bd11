package engines

import (
	"fmt"
	"testing"
)

func TestResolveDrops(t *testing.T) {
	def := func(key, parent string) DropSite { return DropSite{Key: key, Parent: parent} }
	drop := func(keys ...string) DropSite { return DropSite{IsDrop: true, Drops: keys} }
	ren := func(pairs ...[2]string) DropSite { return DropSite{Renames: pairs} }
	cases := []struct {
		name  string
		sites []DropSite
		want  string // the statements left, by index
	}{
		{"a table with its index and the index's member",
			[]DropSite{def("t", ""), def("i", "t"), def("", "i"), def("u", ""), drop("t")},
			"[3]"},
		{"an index dropped, then made again on another table, outlives the first table",
			[]DropSite{def("t", ""), def("u", ""), def("i", "t"), drop("i"), def("i", "u"), drop("t")},
			"[1 4]"},
		{"swap: renames in one statement each, the old one dropped under its new name",
			[]DropSite{def("a", ""), def("a_new", ""), ren([2]string{"a", "a_old"}), ren([2]string{"a_new", "a"}), drop("a_old")},
			"[1 3]"},
		{"renamed away, made again under the name: the old one's drop leaves the new",
			[]DropSite{def("a", ""), def("ix a.i", "a"), ren([2]string{"a", "a_old"}, [2]string{"ix a.*", "ix a_old.*"}),
				def("a", ""), def("ix a.i", "a"), drop("a_old")},
			"[3 4]"},
		{"an index renamed with its table is dropped by its new key",
			[]DropSite{def("a", ""), def("ix a.i", "a"), ren([2]string{"a", "b"}, [2]string{"ix a.*", "ix b.*"}), drop("ix b.i")},
			"[0 2]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			gone, err := ResolveDrops(tc.sites, nil)
			if err != nil {
				t.Fatal(err)
			}
			var left []int
			for i, g := range gone {
				if !g {
					left = append(left, i)
				}
			}
			if got := fmt.Sprint(left); got != tc.want {
				t.Errorf("left %s, want %s", got, tc.want)
			}
		})
	}
}
