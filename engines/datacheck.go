package engines

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
)

// DataCheckCap is how many offending rows (or keys) a data check counts:
// the count says "at least" beyond it, and the check stops early.
const DataCheckCap = 1000

// CheckKind names what a data check looked for.
type CheckKind string

// Data check kinds.
const (
	CheckNulls          CheckKind = "null_values"   // NULLs in a column that becomes NOT NULL
	CheckDuplicates     CheckKind = "duplicates"    // duplicate keys before a new unique index or key
	CheckViolations     CheckKind = "check_failure" // rows a new CHECK refuses
	CheckOrphans        CheckKind = "fk_orphans"    // rows a new foreign key refuses
	CheckNarrowing      CheckKind = "narrowing"     // values that do not fit a column's new type
	CheckRowEstimate    CheckKind = "row_estimate"  // the estimated rows of a table the plan touches
	CheckInvalidIndexes CheckKind = "invalid_index" // an index a failed online build left behind
)

// Finding is the outcome of one data check against a live target. Values
// found in the data are never reported, only counts: a preview goes into
// pull request comments.
type Finding struct {
	Kind CheckKind `json:"kind"`
	// Object is what the check is about ("column public.users.email").
	Object string `json:"object"`
	// Statement is the 1-based number of the plan statement the finding is
	// about; 0 when it is about none in particular (row estimates).
	Statement int `json:"statement,omitempty"`
	// Rows counts the rows found (for row estimates, the estimate); when
	// AtLeast is set the check stopped counting at Rows.
	Rows    int64 `json:"rows"`
	AtLeast bool  `json:"at_least,omitempty"`
	// Fails is set when the statement will fail on the data as it is.
	Fails bool `json:"fails,omitempty"`
	// Message says what was found, for people.
	Message string `json:"message"`
	// Error is set when the check query itself failed or timed out; the
	// finding then tells nothing about the data.
	Error string `json:"error,omitempty"`
}

// DataChecker is implemented by engines that can look at a live target's
// data for what a plan's statements would trip over. Checks are bounded
// (counts capped, each query under a statement timeout) and read-only; a
// check that fails is a Finding with Error set, not an error. The error
// return is for a target that cannot be reached at all.
type DataChecker interface {
	CheckData(ctx context.Context, targetURL string, plan *Plan) ([]Finding, error)
}

// StatementOf returns the 1-based number of the first statement of the
// plan about object that carries a hazard of kind (any statement about
// object when none does), or 0 when no statement is about it.
func (p *Plan) StatementOf(object string, kind HazardKind) int {
	first := 0
	for i, s := range p.Statements {
		if s.Object != object {
			continue
		}
		if first == 0 {
			first = i + 1
		}
		for _, h := range s.Hazards {
			if h.Kind == kind {
				return i + 1
			}
		}
	}
	return first
}

// CountMessage words a count: "1 row", "3 rows".
func CountMessage(n int64, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// SetCount fills a finding from a count of offending rows, what they are
// ("rows holding NULL in a"); n above DataCheckCap means "at least". Any
// offending row makes the statement fail.
func (f *Finding) SetCount(n int64, what string) {
	if n == 0 {
		f.Message = "no " + what
		return
	}
	f.Rows, f.AtLeast, f.Fails = min(n, DataCheckCap), n > DataCheckCap, true
	count := strconv.FormatInt(f.Rows, 10)
	if f.AtLeast {
		count = "at least " + count
	}
	f.Message = what + ": " + count
}

// TableRef names a table of a plan's changes.
type TableRef struct{ Schema, Name string }

// TouchedTables lists the tables a plan's changes are about (changed,
// dropped, or holding a changed part), sorted.
func (p *Plan) TouchedTables() []TableRef {
	var out []TableRef
	for _, c := range p.Changes {
		switch {
		case c.Table != "":
			out = append(out, TableRef{c.Schema, c.Table})
		case c.Kind == KindTable && c.Op != Add:
			out = append(out, TableRef{c.Schema, c.Name})
		}
	}
	return sortedRefs(out)
}

// ReferencedTables lists the tables the plan's new foreign keys reference,
// sorted.
func (p *Plan) ReferencedTables() []TableRef {
	var out []TableRef
	for _, c := range p.Changes {
		if fk, ok := c.To.(*Constraint); ok && fk.Kind == ForeignKey {
			s := fk.RefSchema
			if s == "" {
				s = c.Schema
			}
			out = append(out, TableRef{s, fk.RefTable})
		}
	}
	return sortedRefs(out)
}

func sortedRefs(refs []TableRef) []TableRef {
	slices.SortFunc(refs, func(a, b TableRef) int {
		return cmp.Or(cmp.Compare(a.Schema, b.Schema), cmp.Compare(a.Name, b.Name))
	})
	return slices.Compact(refs)
}
