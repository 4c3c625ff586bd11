package postgres

import (
	"reflect"

	pg_query "github.com/pganalyze/pg_query_go/v6"
)

// walkTree calls visit with every message of a syntax tree, root first
// and children in field order, until visit returns false. It reads the
// generated structs directly: walking them through protoreflect allocates
// for every list it meets, which made checking each statement of a big
// schema cost a fifth of its parse (TestWalkTree checks that both visit
// the same messages). visit gets pointers to messages (*pg_query.Node,
// *pg_query.TypeName, ...).
func walkTree(root *pg_query.Node, visit func(msg any) bool) {
	walkMsg(reflect.ValueOf(root), visit)
}

// walkMsg walks the message p points to; false means stop.
func walkMsg(p reflect.Value, visit func(msg any) bool) bool {
	if p.IsNil() {
		return true
	}
	if !visit(p.Interface()) {
		return false
	}
	s := p.Elem()
	for i := range s.NumField() {
		// Message fields are pointers, repeated ones lists of pointers
		// and oneofs interfaces holding a wrapper with one field; the
		// generated structs' own state is a struct, a number or bytes.
		f := s.Field(i)
		switch f.Kind() {
		case reflect.Pointer:
			if f.Type().Elem().Kind() == reflect.Struct && !walkMsg(f, visit) {
				return false
			}
		case reflect.Slice:
			if f.Type().Elem().Kind() != reflect.Pointer {
				continue
			}
			for j := range f.Len() {
				if !walkMsg(f.Index(j), visit) {
					return false
				}
			}
		case reflect.Interface:
			if f.IsNil() {
				continue
			}
			w := f.Elem()
			if w.Kind() != reflect.Pointer || w.IsNil() || w.Elem().Kind() != reflect.Struct || w.Elem().NumField() == 0 {
				continue
			}
			if m := w.Elem().Field(0); m.Kind() == reflect.Pointer && m.Type().Elem().Kind() == reflect.Struct && !walkMsg(m, visit) {
				return false
			}
		}
	}
	return true
}
