package engines

import (
	"reflect"
	"strings"
)

// Clone returns a deep copy of the model, equal to what a JSON round trip
// gives (empty lists and maps of omitempty fields come back nil, fields
// tagged "-" are left out) at a fraction of its cost: planners work on
// copies of big models they must not change.
func (d *Database) Clone() *Database {
	if d == nil {
		return nil
	}
	c := copier{asJSON: true, fields: map[reflect.Type][]refField{}, plain: map[reflect.Type]bool{}}
	return c.copy(reflect.ValueOf(d)).Interface().(*Database)
}

// Clone returns a deep copy of the constraint, exactly as it is (empty
// lists stay empty): inspection files one parsed definition under every
// table that has the same one.
func (k *Constraint) Clone() *Constraint { return cloneExact(k) }

// Clone returns a deep copy of the index, exactly as it is.
func (x *Index) Clone() *Index { return cloneExact(x) }

// cloneExact deep-copies the exported fields of *v.
func cloneExact[T any](v *T) *T {
	if v == nil {
		return nil
	}
	c := copier{fields: map[reflect.Type][]refField{}, plain: map[reflect.Type]bool{}}
	return c.copy(reflect.ValueOf(v)).Interface().(*T)
}

// refField is a struct field that needs more than a shallow copy: a
// pointer, list, map or interface, or a field JSON leaves out.
type refField struct {
	index     int
	omitEmpty bool
	drop      bool
}

// copier copies values, remembering each struct type's fields and which
// list element types copy shallowly. With asJSON it copies what a JSON
// round trip keeps; without, everything exported, exactly.
type copier struct {
	asJSON bool
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
		case !f.IsExported() || c.asJSON && tag == "-":
			fs = append(fs, refField{index: i, drop: true})
		case hasReferences(f.Type):
			fs = append(fs, refField{index: i, omitEmpty: c.asJSON && strings.Contains(tag, ",omitempty")})
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
		n.Elem().Set(c.copy(v.Elem()))
		return n
	case reflect.Struct:
		n := reflect.New(v.Type()).Elem()
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
