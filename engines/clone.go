package engines

import (
	"maps"
	"reflect"
	"slices"
	"strings"
)

// Clone returns a deep copy of the model, equal to what a JSON round trip
// gives (empty lists and maps of omitempty fields come back nil, fields
// tagged "-" are left out unless also tagged clone:"keep") at a fraction of
// its cost: planners work on copies of big models they must not change.
func (d *Database) Clone() *Database {
	if d == nil {
		return nil
	}
	c := copier{fields: map[reflect.Type][]refField{}, plain: map[reflect.Type]bool{}}
	return c.copy(reflect.ValueOf(d)).Interface().(*Database)
}

// Clone returns a deep copy of the constraint, exactly as it is (empty
// lists stay empty): inspection files one parsed definition under every
// table that has the same one. Written out rather than by reflection:
// inspecting a fleet clones thousands of them (TestCloneExact checks that
// no list, map or pointer field is shared).
func (k *Constraint) Clone() *Constraint {
	if k == nil {
		return nil
	}
	c := *k
	c.Columns = slices.Clone(k.Columns)
	c.Include = slices.Clone(k.Include)
	c.RefColumns = slices.Clone(k.RefColumns)
	c.Options = maps.Clone(k.Options)
	c.Unattached = slices.Clone(k.Unattached)
	return &c
}

// Clone returns a deep copy of the index, exactly as it is.
func (x *Index) Clone() *Index {
	if x == nil {
		return nil
	}
	c := *x
	if x.Parts != nil {
		c.Parts = make([]*IndexPart, len(x.Parts))
		for i, p := range x.Parts {
			if p == nil {
				continue
			}
			q := *p
			if p.NullsFirst != nil {
				nf := *p.NullsFirst
				q.NullsFirst = &nf
			}
			if p.Statistics != nil {
				st := *p.Statistics
				q.Statistics = &st
			}
			c.Parts[i] = &q
		}
	}
	c.Include = slices.Clone(x.Include)
	c.Options = maps.Clone(x.Options)
	c.OptionOrder = slices.Clone(x.OptionOrder)
	c.Unattached = slices.Clone(x.Unattached)
	c.PartNames = maps.Clone(x.PartNames)
	return &c
}

// refField is a struct field that needs more than a shallow copy: a
// pointer, list, map or interface, or a field JSON leaves out.
type refField struct {
	index     int
	omitEmpty bool
	drop      bool
}

// copier copies what a JSON round trip keeps, remembering each struct
// type's fields and which list element types copy shallowly.
type copier struct {
	fields map[reflect.Type][]refField
	plain  map[reflect.Type]bool
}

func (c *copier) structFields(t reflect.Type) []refField {
	if fs, ok := c.fields[t]; ok {
		return fs
	}
	var fs []refField
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		switch {
		case !f.IsExported() || tag == "-" && f.Tag.Get("clone") != "keep":
			fs = append(fs, refField{index: i, drop: true})
		case hasReferences(f.Type):
			fs = append(fs, refField{index: i, omitEmpty: strings.Contains(tag, ",omitempty")})
		}
	}
	c.fields[t] = fs
	return fs
}

// hasReferences reports whether values of the type share memory when
// copied shallowly (strings are immutable and do not count).
func hasReferences(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
		return true
	case reflect.Struct:
		for i := range t.NumField() {
			if hasReferences(t.Field(i).Type) {
				return true
			}
		}
	case reflect.Array:
		return hasReferences(t.Elem())
	}
	return false
}

// copy copies pointers, structs, slices and maps recursively; other values
// are copied as they are.
func (c *copier) copy(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return reflect.Zero(v.Type())
		}
		n := reflect.New(v.Type().Elem())
		if v.Elem().Kind() == reflect.Struct {
			// Straight into the new value: copying the struct first and
			// then into n would allocate every table, column and index twice.
			c.copyStruct(n.Elem(), v.Elem())
		} else {
			n.Elem().Set(c.copy(v.Elem()))
		}
		return n
	case reflect.Struct:
		n := reflect.New(v.Type()).Elem()
		c.copyStruct(n, v)
		return n
	case reflect.Slice:
		if v.IsNil() {
			return reflect.Zero(v.Type())
		}
		n := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		et := v.Type().Elem()
		plain, ok := c.plain[et]
		if !ok {
			plain = !hasReferences(et)
			c.plain[et] = plain
		}
		if plain {
			reflect.Copy(n, v)
			return n
		}
		for i := range v.Len() {
			n.Index(i).Set(c.copy(v.Index(i)))
		}
		return n
	case reflect.Map:
		if v.IsNil() {
			return reflect.Zero(v.Type())
		}
		n := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			n.SetMapIndex(it.Key(), c.copy(it.Value()))
		}
		return n
	case reflect.Interface:
		if v.IsNil() {
			return reflect.Zero(v.Type())
		}
		n := reflect.New(v.Type()).Elem()
		n.Set(c.copy(v.Elem()))
		return n
	}
	return v
}

// copyStruct copies struct v into n, which has v's type.
func (c *copier) copyStruct(n, v reflect.Value) {
	n.Set(v) // every plain field at once; references are replaced below
	for _, f := range c.structFields(v.Type()) {
		dst := n.Field(f.index)
		if f.drop {
			dst.SetZero()
			continue
		}
		cp := c.copy(v.Field(f.index))
		if f.omitEmpty && (cp.Kind() == reflect.Slice || cp.Kind() == reflect.Map) && cp.Len() == 0 {
			dst.SetZero() // nil, as JSON leaves it
			continue
		}
		dst.Set(cp)
	}
}
