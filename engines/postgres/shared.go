package postgres

import (
	"maps"
	"sync"
)

// Caches an Engine value keeps across its calls. Planning a fleet inspects
// and plans target after target whose schemas are mostly alike: the same
// constraint definitions come back from every server, and the same
// expression texts meet in every comparison. What is kept is the result of
// a pure function of a text (a parse, a comparison key), so sharing it
// across targets changes no outcome; the entries are never changed once
// kept.

// maxShared bounds each cache: a long-lived engine value that meets ever
// new texts stops keeping them there, and keeps working without.
const maxShared = 1 << 16

// keyCache holds the normalizer's comparison keys. Safe for concurrent
// use; the zero value is ready.
type keyCache struct {
	mu      sync.RWMutex
	exprs   map[string]string
	queries map[string]string
}

func (c *keyCache) get(query bool, sql string) (string, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if query {
		k, ok := c.queries[sql]
		return k, ok
	}
	k, ok := c.exprs[sql]
	return k, ok
}

func (c *keyCache) put(query bool, sql, key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	m := &c.exprs
	if query {
		m = &c.queries
	}
	if *m == nil {
		*m = map[string]string{}
	}
	if len(*m) < maxShared {
		(*m)[sql] = key
	}
}

// defCache holds the parses of the constraint and index definitions the
// servers printed, by the keys inspect files them under (the definition
// text, indexDefKey). Inspect clones what it takes from a parse, so one
// parse serves every target. Safe for concurrent use; the zero value is
// ready.
type defCache struct {
	mu          sync.Mutex
	constraints map[string]*parsedConstraint
	indexes     map[string]*parsedIndex
}

// seed returns the maps an inspection starts from: copies of the kept
// parses, which the inspection then adds its own to without a lock. A nil
// cache gives empty maps.
func (c *defCache) seed() (map[string]*parsedConstraint, map[string]*parsedIndex) {
	if c == nil {
		return map[string]*parsedConstraint{}, map[string]*parsedIndex{}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	cons, idx := maps.Clone(c.constraints), maps.Clone(c.indexes)
	if cons == nil {
		cons, idx = map[string]*parsedConstraint{}, map[string]*parsedIndex{}
	}
	return cons, idx
}

// keep adds the parses of a finished inspection (every parse job done)
// that succeeded; failed ones are not kept, so that their errors keep
// naming the object they were met on.
func (c *defCache) keep(cons map[string]*parsedConstraint, idx map[string]*parsedIndex) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.constraints == nil {
		c.constraints = map[string]*parsedConstraint{}
		c.indexes = map[string]*parsedIndex{}
	}
	for k, v := range cons {
		if v.err == nil && v.k != nil && len(c.constraints) < maxShared {
			c.constraints[k] = v
		}
	}
	for k, v := range idx {
		if v.err == nil && v.idx != nil && len(c.indexes) < maxShared {
			c.indexes[k] = v
		}
	}
}
