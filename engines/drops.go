package engines

import (
	"slices"
	"strings"
)

// DropSite is one statement of schema files, in file order, as
// ResolveDrops sees it. Keys name objects in an engine's own way
// ("rel:public.t"); only equality matters.
type DropSite struct {
	// Key is the object the statement defines; "" for none.
	Key string
	// Parent is the object it belongs to (an index's table); "" for none.
	Parent string
	// IsDrop marks a DROP statement; Drops are the objects it names. A key
	// ending in "*" names every object whose key starts with the rest.
	IsDrop bool
	Drops  []string
	// Renames are the keys a statement renames, from and to: from then on
	// what the old key's definitions and members are goes by the new key
	// (a later DROP of the new name removes them, and the rename). A pair
	// ending in "*" renames every key that starts with the rest of from
	// (a table's indexes, "INDEX t.*" to "INDEX u.*"), without making the
	// statement a member of them.
	Renames [][2]string
}

// ResolveDrops applies the DROP statements of schema files in file order:
// files describe what running them top to bottom on an empty database
// leaves. A DROP removes the statements before it that define the object,
// and those that belong to it, transitively; a DROP of an object no earlier
// statement defines changes nothing. It returns which statements are gone
// (every DROP is). refuse, when not nil, may refuse a DROP that removes the
// definition at def; alive tells it whether an object whose key starts
// with a prefix is still defined at that point of the files.
func ResolveDrops(sites []DropSite, refuse func(drop int, key string, def int, alive func(prefix string) bool) error) ([]bool, error) {
	live := map[string][]int{} // key -> the statements defining it
	deps := map[string][]int{} // key -> the statements belonging to it
	gone := make([]bool, len(sites))
	// keyOf is the key that what each statement defines goes by now: its
	// Key, until a rename moves it.
	keyOf := make([]string, len(sites))
	for i, s := range sites {
		keyOf[i] = s.Key
	}
	alive := func(prefix string) bool {
		for k, defs := range live {
			if len(defs) > 0 && strings.HasPrefix(k, prefix) {
				return true
			}
		}
		return false
	}
	var remove func(key string)
	remove = func(key string) {
		defs, members := live[key], deps[key]
		delete(live, key)
		delete(deps, key)
		for _, i := range append(defs, members...) {
			gone[i] = true
			// A member that defines an object of its own (an index with
			// its comment) takes what belongs to that object along, while
			// the key still names what it defined: not after a rename moved
			// it, a DROP removed it, or a later statement made the key
			// anew (a table renamed away, then made again under its name,
			// is another table).
			if k := keyOf[i]; k != "" && k != key && slices.Contains(live[k], i) {
				remove(k)
			}
		}
	}
	// rename moves what goes by key from to key to.
	rename := func(from, to string) {
		if defs := live[from]; len(defs) > 0 {
			for _, d := range defs {
				keyOf[d] = to
			}
			live[to] = append(live[to], defs...)
			delete(live, from)
		}
		if members := deps[from]; len(members) > 0 {
			deps[to] = append(deps[to], members...)
			delete(deps, from)
		}
	}
	for i, s := range sites {
		if !s.IsDrop {
			if s.Key != "" {
				live[s.Key] = append(live[s.Key], i)
			}
			if s.Parent != "" {
				deps[s.Parent] = append(deps[s.Parent], i)
			}
			for _, r := range s.Renames {
				fromPrefix, all := strings.CutSuffix(r[0], "*")
				if !all {
					rename(r[0], r[1])
					if s.Parent != r[0] {
						deps[r[1]] = append(deps[r[1]], i) // the rename goes with it
					}
					continue
				}
				toPrefix := strings.TrimSuffix(r[1], "*")
				var keys []string
				for k := range live {
					if strings.HasPrefix(k, fromPrefix) {
						keys = append(keys, k)
					}
				}
				for k := range deps {
					if strings.HasPrefix(k, fromPrefix) && len(live[k]) == 0 {
						keys = append(keys, k)
					}
				}
				// In order: the result must not depend on map order when
				// two keys meet under one name.
				slices.Sort(keys)
				for _, k := range keys {
					rename(k, toPrefix+strings.TrimPrefix(k, fromPrefix))
				}
			}
			continue
		}
		gone[i] = true
		var keys []string
		for _, k := range s.Drops {
			prefix, all := strings.CutSuffix(k, "*")
			if !all {
				keys = append(keys, k)
				continue
			}
			for lk := range live {
				if strings.HasPrefix(lk, prefix) {
					keys = append(keys, lk)
				}
			}
		}
		for _, k := range keys {
			if refuse != nil && len(live[k]) > 0 {
				if err := refuse(i, k, live[k][0], alive); err != nil {
					return nil, err
				}
			}
			remove(k)
		}
	}
	return gone, nil
}
