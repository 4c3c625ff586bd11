package engines

import "strings"

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
	// (a later DROP of the new name removes them, and the rename).
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
			if k := sites[i].Key; k != "" && k != key {
				remove(k)
			}
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
				if defs := live[r[0]]; len(defs) > 0 {
					live[r[1]] = append(live[r[1]], defs...)
					delete(live, r[0])
				}
				if members := deps[r[0]]; len(members) > 0 {
					deps[r[1]] = append(deps[r[1]], members...)
					delete(deps, r[0])
				}
				if s.Parent != r[0] {
					deps[r[1]] = append(deps[r[1]], i) // the rename goes with it
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
