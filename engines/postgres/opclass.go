package postgres

// opclassDefaults answers which operator class the server takes by default
// for a column's type under an access method, the way CREATE INDEX does
// (GetDefaultOpClass): pg_get_indexdef() leaves that class out, so an index
// built from its catalog row must leave it out exactly when the server does.
// When the answer is not certain it is "none" (0), and the inspector asks
// the server for the index's text instead.
type opclassDefaults struct {
	classes []defaultClass
	// casts holds the binary casts that apply implicitly, source → target.
	casts map[[2]uint32]bool
	memo  map[[2]uint32]uint32
}

type defaultClass struct {
	oid, am, in uint32
	// pseudo names the input type when it is a pseudo-type (anyarray,
	// anyenum, …), which matches by kind rather than by cast.
	pseudo string
	// category and preferred are the input type's typcategory and
	// typispreferred: among several classes a type converts to, the server
	// takes the one of its category's preferred type.
	category  byte
	preferred bool
}

func (o *opclassDefaults) addCast(source, target uint32) {
	if o.casts == nil {
		o.casts = map[[2]uint32]bool{}
	}
	o.casts[[2]uint32{source, target}] = true
}

// defaultFor is the default class of access method am for column a's type,
// or 0 when there is none or the choice is not certain here: a domain (the
// server looks through it to the base type), a pseudo-type this code does
// not know.
func (o *opclassDefaults) defaultFor(am uint32, a attInfo) uint32 {
	if a.kind == 'd' {
		return 0
	}
	key := [2]uint32{am, a.typ}
	if v, ok := o.memo[key]; ok {
		return v
	}
	if o.memo == nil {
		o.memo = map[[2]uint32]uint32{}
	}
	v := o.lookup(am, a)
	o.memo[key] = v
	return v
}

// lookup follows the server's choice: the class of the type itself; else
// the one class the type converts to whose input type is the preferred
// type of the column type's category (text for varchar); else the one
// class it converts to at all. Anything else has no default.
func (o *opclassDefaults) lookup(am uint32, a attInfo) uint32 {
	var exact, preferred, compatible uint32
	nexact, npreferred, ncompatible := 0, 0, 0
	for _, c := range o.classes {
		if c.am != am {
			continue
		}
		if c.in == a.typ {
			nexact++
			exact = c.oid
			continue
		}
		switch o.coercible(a, c) {
		case coercibleYes:
			if c.preferred && c.category == a.category {
				npreferred++
				preferred = c.oid
			} else {
				ncompatible++
				compatible = c.oid
			}
		case coercibleUnknown:
			return 0
		}
	}
	switch {
	case nexact == 1:
		return exact
	case nexact > 1:
		return 0
	case npreferred == 1:
		return preferred
	case npreferred == 0 && ncompatible == 1:
		return compatible
	}
	return 0
}

type coercion int

const (
	coercibleNo coercion = iota
	coercibleYes
	coercibleUnknown
)

// coercible tells whether a value of column a's type is binary coercible
// to class c's input type, as the server decides it for default classes.
func (o *opclassDefaults) coercible(a attInfo, c defaultClass) coercion {
	yes := func(ok bool) coercion {
		if ok {
			return coercibleYes
		}
		return coercibleNo
	}
	switch c.pseudo {
	case "":
		return yes(o.casts[[2]uint32{a.typ, c.in}])
	case "any", "anyelement", "anycompatible":
		return coercibleYes
	case "anyarray", "anycompatiblearray":
		return yes(a.kind == 'a')
	case "anynonarray", "anycompatiblenonarray":
		return yes(a.kind != 'a')
	case "anyenum":
		return yes(a.kind == 'e')
	case "anyrange", "anycompatiblerange":
		return yes(a.kind == 'r')
	case "anymultirange", "anycompatiblemultirange":
		return yes(a.kind == 'm')
	case "record":
		return yes(a.kind == 'c')
	}
	return coercibleUnknown
}
