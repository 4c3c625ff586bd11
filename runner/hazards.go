package runner

// Hazard policy: apply refuses a plan whose statements carry hazards the
// policy does not allow. The hazards are read from the plan body itself,
// from the "-- hazard kind: message" comments RenderSQL writes above each
// statement, so a statement a reviewer added or moved is judged with the
// comments it has. Deleting a comment does not make a statement safe: a
// floor of hazards found in the statement's text (destructive statements,
// blocking index builds) is added to what the comments say.

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/schemasync/schemasync/engines"
)

// ErrHazards is wrapped by HazardError.
var ErrHazards = errors.New("the plan holds statements whose hazards are not allowed")

// AllHazards in an allow list allows every kind.
const AllHazards engines.HazardKind = "all"

// DefaultAllowedHazards are the kinds allowed without being named: their
// worst case is a build that takes longer without blocking anyone, a
// statement that fails and is rolled back (or resumed), or an object
// dropped and created again in one transaction. The others lose data,
// stop reads or writes for longer than a moment, slow queries down or
// change who may see what: someone must allow them by name.
func DefaultAllowedHazards() []engines.HazardKind {
	return []engines.HazardKind{
		engines.HazardIndexBuild,
		engines.HazardMayFailOnData,
		engines.HazardNotTransaction,
		engines.HazardRecreate,
	}
}

// KnownHazards lists every hazard kind, in the order the docs give them.
func KnownHazards() []engines.HazardKind {
	return []engines.HazardKind{
		engines.HazardDeletesData,
		engines.HazardRewritesTable,
		engines.HazardBlockingLock,
		engines.HazardIndexBuild,
		engines.HazardIndexDropped,
		engines.HazardMayFailOnData,
		engines.HazardAuthorization,
		engines.HazardNotTransaction,
		engines.HazardRecreate,
	}
}

// ParseHazardKinds reads a comma-separated list of hazard kinds ("all"
// allows every kind), as --allow-hazards takes it.
func ParseHazardKinds(list string) ([]engines.HazardKind, error) {
	var out []engines.HazardKind
	for _, f := range strings.Split(list, ",") {
		k := engines.HazardKind(strings.TrimSpace(f))
		if k == "" {
			continue
		}
		if k != AllHazards && !knownHazard(k) {
			return nil, fmt.Errorf("unknown hazard kind %q (known: %s, or all)", k, hazardNames(KnownHazards()))
		}
		out = append(out, k)
	}
	return out, nil
}

func knownHazard(k engines.HazardKind) bool {
	for _, h := range KnownHazards() {
		if h == k {
			return true
		}
	}
	return false
}

func hazardNames(ks []engines.HazardKind) string {
	names := make([]string, len(ks))
	for i, k := range ks {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

// HazardPolicy says which hazards apply accepts. The zero value accepts
// DefaultAllowedHazards only.
type HazardPolicy struct {
	// Allow adds kinds to the defaults (from policy.allow_hazards and
	// --allow-hazards); AllHazards allows every kind.
	Allow []engines.HazardKind `json:"allow,omitempty"`
	// AllowDestructive (policy.allow_destructive, --allow-destructive)
	// allows deletes_data and the destructive statements.
	AllowDestructive bool `json:"allow_destructive,omitempty"`
	// Deny refuses kinds whatever allows them, defaults, "all" and
	// AllowDestructive included (policy.deny_hazards, --deny-hazards);
	// AllHazards denies every kind.
	Deny []engines.HazardKind `json:"deny,omitempty"`
}

// Denies reports whether the policy's deny list names a hazard kind.
func (p HazardPolicy) Denies(k engines.HazardKind) bool {
	for _, d := range p.Deny {
		if d == k || d == AllHazards {
			return true
		}
	}
	return false
}

// Allows reports whether the policy accepts a hazard kind.
func (p HazardPolicy) Allows(k engines.HazardKind) bool {
	if p.Denies(k) {
		return false
	}
	if k == engines.HazardDeletesData && p.AllowDestructive {
		return true
	}
	for _, a := range p.Allow {
		if a == k || a == AllHazards {
			return true
		}
	}
	for _, d := range DefaultAllowedHazards() {
		if d == k {
			return true
		}
	}
	return false
}

// DestructiveAllowed reports whether destructive statements may run.
func (p HazardPolicy) DestructiveAllowed() bool { return p.Allows(engines.HazardDeletesData) }

// RefusedStatement is a statement of a plan body with the hazards the
// policy does not allow.
type RefusedStatement struct {
	// Number is the statement's 1-based position in the body.
	Number  int              `json:"number"`
	SQL     string           `json:"sql"`
	Hazards []engines.Hazard `json:"hazards"`
}

// BodyStatement is a statement of a plan body with its hazards: those its
// comments declare and those its text shows.
type BodyStatement struct {
	Number  int
	SQL     string
	Hazards []engines.Hazard
}

// BodyHazards reads the statements of a plan body with their hazards.
func BodyHazards(body string) []BodyStatement {
	return scriptHazards(splitBody(body), isPostgresBody(body))
}

// ScriptHazards is BodyHazards for a SQL file of an engine ("postgres",
// "mysql", "tidb", "oracle"), which need not have the header a plan body
// names its dialect with.
func ScriptHazards(engine, body string) []BodyStatement {
	mysql := engine == "mysql" || engine == "tidb"
	stmts := splitScript(body, mysql || isMySQLBody(body))
	return scriptHazards(stmts, engine == "postgres" || isPostgresBody(body))
}

func scriptHazards(stmts []string, pg bool) []BodyStatement {
	readded := constraintsReadded(stmts)
	created := map[string]bool{} // relations the body creates, by normalized name
	var out []BodyStatement
	for i, s := range stmts {
		bs := BodyStatement{Number: i + 1, SQL: stripComments(s), Hazards: commentHazards(s)}
		has := map[engines.HazardKind]bool{}
		for _, h := range bs.Hazards {
			has[h.Kind] = true
		}
		if r := destructiveReason(s); r != "" && !has[engines.HazardDeletesData] && !readded[i] {
			bs.Hazards = append(bs.Hazards, engines.Hazard{Kind: engines.HazardDeletesData, Message: r})
		}
		norm := strings.Join(strings.Fields(bs.SQL), " ")
		if m := reCreatesRelation.FindStringSubmatch(norm); m != nil {
			created[relName(m[1])] = true
		}
		if pg && !has[engines.HazardBlockingLock] {
			if m := reBlockingIndex.FindStringSubmatch(norm); m != nil && m[1] == "" && !created[relName(m[2])] {
				bs.Hazards = append(bs.Hazards, engines.Hazard{Kind: engines.HazardBlockingLock,
					Message: "CREATE INDEX without CONCURRENTLY blocks writes to " + m[2] + " while it builds"})
			}
		}
		out = append(out, bs)
	}
	return out
}

var (
	// The relation a statement creates: its indexes need no CONCURRENTLY.
	reCreatesRelation = regexp.MustCompile(`(?i)^CREATE (?:UNLOGGED |TEMP |TEMPORARY )?(?:TABLE|MATERIALIZED VIEW) (?:IF NOT EXISTS )?([^\s(]+)`)
	// A PostgreSQL index build that blocks writes.
	reBlockingIndex = regexp.MustCompile(`(?i)^CREATE (?:UNIQUE )?INDEX (CONCURRENTLY )?(?:IF NOT EXISTS )?(?:[^\s(]+ )?ON (?:ONLY )?([^\s(]+)`)
)

// relName normalizes a relation name for comparison: unquoted, lower case,
// with the public schema implied.
func relName(s string) string {
	s = strings.ToLower(strings.ReplaceAll(s, `"`, ""))
	if !strings.Contains(s, ".") {
		s = "public." + s
	}
	return s
}

// isPostgresBody tells a body RenderSQL made for PostgreSQL by its first line.
func isPostgresBody(body string) bool {
	first, _, _ := strings.Cut(body, "\n")
	return strings.Contains(first, "(postgres)")
}

// commentHazards reads the "-- hazard kind: message" lines of a statement.
func commentHazards(stmt string) []engines.Hazard {
	var out []engines.Hazard
	for _, l := range strings.Split(stmt, "\n") {
		rest, ok := strings.CutPrefix(strings.TrimSpace(l), "-- hazard ")
		if !ok {
			continue
		}
		k, msg, _ := strings.Cut(rest, ":")
		out = append(out, engines.Hazard{Kind: engines.HazardKind(strings.TrimSpace(k)), Message: strings.TrimSpace(msg)})
	}
	return out
}

// Refused lists the statements of a body whose hazards the policy does
// not allow, each with those hazards.
func (p HazardPolicy) Refused(body string) []RefusedStatement {
	return p.refused(BodyHazards(body))
}

// RefusedScript is Refused for a SQL file of an engine (see ScriptHazards).
func (p HazardPolicy) RefusedScript(engine, body string) []RefusedStatement {
	return p.refused(ScriptHazards(engine, body))
}

func (p HazardPolicy) refused(stmts []BodyStatement) []RefusedStatement {
	var out []RefusedStatement
	for _, s := range stmts {
		var refused []engines.Hazard
		for _, h := range s.Hazards {
			if !p.Allows(h.Kind) {
				refused = append(refused, h)
			}
		}
		if len(refused) > 0 {
			out = append(out, RefusedStatement{Number: s.Number, SQL: s.SQL, Hazards: refused})
		}
	}
	return out
}

// HazardError refuses a plan whose statements carry hazards not allowed.
type HazardError struct {
	Target     string
	Statements []RefusedStatement
	// Policy is the policy that refused them, to tell denied kinds (which
	// no allow overrides) from kinds not allowed.
	Policy HazardPolicy
	// FlagsOnly says the policy came from flags alone (apply --file reads
	// no config), so the message names no config key.
	FlagsOnly bool
}

func (e *HazardError) Error() string {
	kinds := map[engines.HazardKind]bool{}
	for _, s := range e.Statements {
		for _, h := range s.Hazards {
			kinds[h.Kind] = true
		}
	}
	var list, denied []engines.HazardKind
	for k := range kinds {
		if e.Policy.Denies(k) {
			denied = append(denied, k)
		} else {
			list = append(list, k)
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i] < list[j] })
	sort.Slice(denied, func(i, j int) bool { return denied[i] < denied[j] })
	var b strings.Builder
	fmt.Fprintf(&b, "target %s: %v", e.Target, ErrHazards)
	if len(list) > 0 {
		names := strings.ReplaceAll(hazardNames(list), ", ", ",")
		if e.FlagsOnly {
			fmt.Fprintf(&b, "; allow them with --allow-hazards %s", names)
		} else {
			fmt.Fprintf(&b, "; allow them with --allow-hazards %s or policy.allow_hazards in %s", names, ConfigFileName)
		}
		switch {
		case !kinds[engines.HazardDeletesData] || e.Policy.Denies(engines.HazardDeletesData):
		case e.FlagsOnly:
			b.WriteString(" (deletes_data: also --allow-destructive)")
		default:
			b.WriteString(" (deletes_data: also policy.allow_destructive or --allow-destructive)")
		}
	}
	if len(denied) > 0 {
		by := "policy.deny_hazards or --deny-hazards"
		if e.FlagsOnly {
			by = "--deny-hazards"
		}
		fmt.Fprintf(&b, "; %s denied by %s, which no allow overrides", hazardNames(denied), by)
	}
	b.WriteString(", or edit the plan:")
	for _, s := range e.Statements {
		for _, h := range s.Hazards {
			what := h.Kind
			if e.Policy.Denies(h.Kind) {
				what += ", denied"
			}
			fmt.Fprintf(&b, "\n  statement %d (%s): %s: %s", s.Number, what, oneLine(h.Message), firstLine(s.SQL))
		}
	}
	return b.String()
}

func (e *HazardError) Unwrap() error { return ErrHazards }
