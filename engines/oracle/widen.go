package oracle

import (
	"strconv"
	"strings"
)

// widens reports whether changing a column from one type to another keeps
// every value it may hold, so that the change cannot fail on the data nor
// lose any of it: the same type with lengths and precisions no smaller
// (VARCHAR2(10) to VARCHAR2(20), TIMESTAMP(3) to TIMESTAMP(6), RAW, CHAR,
// NVARCHAR2, the INTERVAL precisions), BYTE to CHAR length semantics with
// no fewer units (a character is at least one byte), and NUMBER(p,s) to a
// NUMBER with no fewer integer digits (p-s) and no fewer scale digits, or
// to NUMBER without precision. Anything else, a change of type included,
// may fail or lose values: the caller marks it so.
func widens(from, to string) bool {
	fb, fa := splitType(from)
	tb, ta := splitType(to)
	if fb == "NUMBER" && tb == "NUMBER" {
		return numberWidens(fa, ta)
	}
	if fb != tb || len(fa) != len(ta) {
		return false
	}
	for i := range fa {
		if len(fa[i]) != len(ta[i]) {
			return false
		}
		for j := range fa[i] {
			ff, tf := strings.Fields(fa[i][j]), strings.Fields(ta[i][j])
			if len(ff) != len(tf) || len(ff) == 0 || len(ff) > 2 {
				return false
			}
			a, err1 := strconv.Atoi(ff[0])
			b, err2 := strconv.Atoi(tf[0])
			if err1 != nil || err2 != nil || b < a {
				return false
			}
			if len(ff) == 2 && ff[1] != tf[1] && (ff[1] != "BYTE" || tf[1] != "CHAR") {
				return false
			}
		}
	}
	return true
}

// numberWidens compares the argument groups of two NUMBER types: none
// (any precision and scale), or one of precision and optional scale.
func numberWidens(fa, ta [][]string) bool {
	if len(ta) == 0 {
		return true // NUMBER holds any NUMBER(p,s) value as it is
	}
	if len(fa) == 0 || len(fa) > 1 || len(ta) > 1 {
		return false
	}
	p1, s1, ok1 := precisionScale(fa[0])
	p2, s2, ok2 := precisionScale(ta[0])
	return ok1 && ok2 && p2-s2 >= p1-s1 && s2 >= s1
}

// precisionScale reads "p" or "p,s" ("*" is the maximum precision, 38).
func precisionScale(args []string) (p, s int, ok bool) {
	if len(args) == 0 || len(args) > 2 {
		return 0, 0, false
	}
	num := func(x string) (int, bool) {
		x = strings.TrimSpace(x)
		if x == "*" {
			return 38, true
		}
		n, err := strconv.Atoi(x)
		return n, err == nil
	}
	var okP, okS bool
	p, okP = num(args[0])
	okS = true
	if len(args) == 2 {
		s, okS = num(args[1])
	}
	return p, s, okP && okS
}

// splitType splits a type into its words, each parenthesised group
// replaced by "()", and the groups' comma-separated arguments:
// "NUMBER(10,2)" gives "NUMBER()" and [[10 2]], "INTERVAL DAY(2) TO
// SECOND(6)" gives "INTERVAL DAY() TO SECOND()" and [[2] [6]]. NUMBER
// without arguments gives "NUMBER".
func splitType(t string) (string, [][]string) {
	var base strings.Builder
	var groups [][]string
	for {
		i := strings.IndexByte(t, '(')
		j := strings.IndexByte(t, ')')
		if i < 0 || j < i {
			base.WriteString(t)
			break
		}
		base.WriteString(t[:i])
		base.WriteString("()")
		groups = append(groups, strings.Split(t[i+1:j], ","))
		t = t[j+1:]
	}
	b := base.String()
	if b == "NUMBER()" {
		b = "NUMBER"
	}
	return b, groups
}
