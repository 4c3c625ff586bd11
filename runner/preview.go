package runner

// The preview renders a PlanSet for people (Markdown for pull request
// comments, text for terminals) and for machines (JSON).

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/schemasync/schemasync/engines"
)

// collapseLines is the length past which Markdown blocks are folded.
const collapseLines = 25

// PreviewJSON writes the plan set as JSON.
func PreviewJSON(w io.Writer, set *PlanSet) error {
	type group struct {
		*PlanGroup
		PlanFile string `json:"plan_file,omitempty"`
		Edited   bool   `json:"edited"`
		Summary  string `json:"summary"`
		// RenameHints are drops and adds that may be renames (rename hints section).
		RenameHints []engines.RenameHint `json:"rename_hints,omitempty"`
	}
	out := struct {
		Engine  string        `json:"engine"`
		Version SourceVersion `json:"version"`
		Changed bool          `json:"changed"`
		Groups  []group       `json:"groups"`
		Failed  []TargetError `json:"failed"`
	}{Engine: set.Engine, Version: set.Version, Changed: set.Changed(), Groups: []group{}, Failed: set.Failed}
	if out.Failed == nil {
		out.Failed = []TargetError{}
	}
	for _, g := range set.Groups {
		pg := group{PlanGroup: g, Summary: summary(g.Plan), RenameHints: renameHints(g)}
		if g.File != nil && !g.InSync() {
			pg.PlanFile, pg.Edited = g.File.Path, g.File.Edited()
		}
		out.Groups = append(out.Groups, pg)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// PreviewText writes the plan set for a terminal.
func PreviewText(w io.Writer, set *PlanSet) {
	fmt.Fprintf(w, "source version %s (%s)\n", set.Version.Short(), set.Engine)
	for _, g := range set.Groups {
		fmt.Fprintln(w)
		if g.InSync() {
			fmt.Fprintf(w, "%s: in sync\n", strings.Join(g.Targets, ", "))
			for _, n := range planNotes(g) {
				fmt.Fprintf(w, "  note: %s\n", n)
			}
			continue
		}
		fmt.Fprintf(w, "%s: %s%s\n", strings.Join(g.Targets, ", "), summary(g.Plan), sharedNote(g))
		if g.File != nil && g.File.Path != "" {
			fmt.Fprintf(w, "  plan file %s%s\n", g.File.Path, editedNote(g.File))
		}
		if len(g.Refused) > 0 {
			fmt.Fprintf(w, "  REFUSED by apply: %d statement(s) carry hazards the policy does not allow (%s)\n", len(g.Refused), refusalHint(set.Hazards, g.Refused, "--allow-hazards %s, or policy.allow_hazards"))
		}
		for _, n := range append(planNotes(g), safetyNotes(set, g)...) {
			fmt.Fprintf(w, "  note: %s\n", n)
		}
		destructive := destructiveByNumber(g.Destructive)
		refused := refusedByNumber(g.Refused)
		findings := findingsByStatement(g.Findings)
		for i, s := range g.Plan.Statements {
			fmt.Fprintf(w, "  %2d. %s\n", i+1, indentRest(strings.TrimSpace(s.SQL), "      "))
			for _, h := range s.Hazards {
				fmt.Fprintf(w, "      ! %s: %s%s\n", h.Kind, oneLine(h.Message), refusedNote(set.Hazards, refused[i+1], h.Kind))
			}
			if d, ok := destructive[i+1]; ok {
				fmt.Fprintf(w, "      ! destructive: %s (refused by apply unless allowed)\n", d.Reason)
			}
			for _, f := range findings[i+1] {
				fmt.Fprintf(w, "      ? data check: %s\n", findingText(f))
			}
		}
		for _, f := range findings[0] {
			fmt.Fprintf(w, "  data check: %s\n", findingText(f))
		}
		for _, h := range renameHints(g) {
			fmt.Fprintf(w, "  hint: %s\n", h.Message())
		}
	}
	for _, f := range set.Failed {
		fmt.Fprintf(w, "\n%s: FAILED: %s\n", f.Target, f.Message)
	}
}

// PreviewMarkdown writes the plan set as Markdown for a pull request
// comment. eng renders object definitions for the per-object diffs.
func PreviewMarkdown(w io.Writer, set *PlanSet, eng engines.Engine) {
	fmt.Fprintf(w, "## schemasync plan: version `%s`\n\n", set.Version.Short())
	var changed, synced int
	for _, g := range set.Groups {
		if g.InSync() {
			synced += len(g.Targets)
		} else {
			changed += len(g.Targets)
		}
	}
	fmt.Fprintf(w, "%d target(s) to change, %d in sync, %d failed (engine %s).\n", changed, synced, len(set.Failed), set.Engine)
	for _, g := range set.Groups {
		fmt.Fprintf(w, "\n### %s\n\n", mdTargets(g.Targets))
		if g.InSync() {
			fmt.Fprintln(w, "In sync: nothing to do.")
			writePlanNotesMarkdown(w, g)
			continue
		}
		if len(g.Targets) > 1 {
			fmt.Fprintf(w, "These %d targets have identical schemas and share one plan.\n\n", len(g.Targets))
		}
		fmt.Fprintf(w, "**%s**", summary(g.Plan))
		if g.File != nil && g.File.Path != "" {
			fmt.Fprintf(w, " — plan file `%s`%s", g.File.Path, editedNote(g.File))
		}
		fmt.Fprintln(w)
		if len(g.Destructive) > 0 {
			fmt.Fprintf(w, "\n> **Destructive:** %d statement(s) lose data or constraints; apply refuses them unless the policy or `--allow-destructive` allows it:\n", len(g.Destructive))
			for _, d := range g.Destructive {
				fmt.Fprintf(w, "> - statement %d: %s\n", d.Number, d.Reason)
			}
		}
		writePlanNotesMarkdown(w, g)
		writeRenameHintsMarkdown(w, g)
		if len(g.Refused) > 0 {
			fmt.Fprintf(w, "\n> **Refused by apply:** %d statement(s) carry hazards the policy does not allow; %s, or edit the plan.\n", len(g.Refused), refusalHint(set.Hazards, g.Refused, "allow them with `--allow-hazards %s` or `policy.allow_hazards`"))
		}
		if notes := safetyNotes(set, g); len(notes) > 0 {
			fmt.Fprintln(w)
			for _, n := range notes {
				fmt.Fprintf(w, "- %s\n", n)
			}
		}
		if hz := hazardLines(set.Hazards, g); len(hz) > 0 {
			fmt.Fprintln(w, "\n| # | hazard | why | apply |\n|---|---|---|---|")
			for _, l := range hz {
				fmt.Fprintln(w, l)
			}
		}
		if len(g.Findings) > 0 {
			fmt.Fprintln(w, "\n#### Data checks\n\n| # | check | object | found |\n|---|---|---|---|")
			for _, f := range g.Findings {
				num := "–"
				if f.Statement > 0 {
					num = fmt.Sprint(f.Statement)
				}
				fmt.Fprintf(w, "| %s | `%s` | %s | %s |\n", num, f.Kind, mdCell(f.Object), mdCell(findingText(f)))
			}
		}
		fmt.Fprintln(w, "\n#### Changes")
		for _, c := range g.Plan.Changes {
			d := lineDiff(definition(eng, c.From), definition(eng, c.To))
			title := fmt.Sprintf("%s %s", c.Op, c.Object())
			if len(c.Fields) > 0 {
				title += " (" + strings.Join(c.Fields, ", ") + ")"
			}
			mdBlock(w, title, "diff", d)
		}
		fmt.Fprintln(w, "\n#### DDL")
		mdBlock(w, fmt.Sprintf("%d statement(s)", len(g.Plan.Statements)), "sql", strings.TrimRight(engines.RenderSQL(g.Plan), "\n"))
	}
	if len(set.Failed) > 0 {
		fmt.Fprintln(w, "\n### Failed")
		for _, f := range set.Failed {
			fmt.Fprintf(w, "- `%s`: %s\n", f.Target, oneLine(f.Message))
		}
	}
}

// planNotes are what the engine left as it is although the source asks
// for it (Plan.Notes), one line each.
func planNotes(g *PlanGroup) []string {
	if g.Plan == nil {
		return nil
	}
	out := make([]string, len(g.Plan.Notes))
	for i, n := range g.Plan.Notes {
		out[i] = oneLine(n)
	}
	return out
}

// writePlanNotesMarkdown quotes the plan's notes: a reviewer must see what
// the target will not have, in sync or not.
func writePlanNotesMarkdown(w io.Writer, g *PlanGroup) {
	notes := planNotes(g)
	if len(notes) == 0 {
		return
	}
	fmt.Fprintln(w)
	for _, n := range notes {
		fmt.Fprintf(w, "> **Note:** %s\n", mdCell(n))
	}
}

func mdTargets(ts []string) string {
	q := make([]string, len(ts))
	for i, t := range ts {
		q[i] = "`" + t + "`"
	}
	return strings.Join(q, ", ")
}

// mdBlock writes a fenced block, folded under <details> when long.
func mdBlock(w io.Writer, title, lang, text string) {
	fence := "```"
	for strings.Contains(text, fence) {
		fence += "`"
	}
	if strings.Count(text, "\n")+1 > collapseLines {
		fmt.Fprintf(w, "\n<details><summary>%s</summary>\n\n%s%s\n%s\n%s\n\n</details>\n", htmlEscape(title), fence, lang, text, fence)
		return
	}
	fmt.Fprintf(w, "\n%s\n\n%s%s\n%s\n%s\n", mdEscape(title), fence, lang, text, fence)
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func mdEscape(s string) string {
	return strings.NewReplacer("*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;").Replace(s)
}

func hazardLines(pol HazardPolicy, g *PlanGroup) []string {
	refused := refusedByNumber(g.Refused)
	var out []string
	for i, s := range g.Plan.Statements {
		for _, h := range s.Hazards {
			verdict := "allowed"
			if refused[i+1][h.Kind] {
				verdict = "**refused**"
				if pol.Denies(h.Kind) {
					verdict = "**denied**"
				}
			}
			out = append(out, fmt.Sprintf("| %d | `%s` | %s | %s |", i+1, h.Kind, mdCell(h.Message), verdict))
		}
	}
	return out
}

func mdCell(s string) string { return strings.ReplaceAll(oneLine(s), "|", `\|`) }

// refusedByNumber gives, by statement number, the hazard kinds apply refuses.
func refusedByNumber(rs []RefusedStatement) map[int]map[engines.HazardKind]bool {
	m := map[int]map[engines.HazardKind]bool{}
	for _, r := range rs {
		m[r.Number] = map[engines.HazardKind]bool{}
		for _, h := range r.Hazards {
			m[r.Number][h.Kind] = true
		}
	}
	return m
}

func refusedNote(pol HazardPolicy, kinds map[engines.HazardKind]bool, k engines.HazardKind) string {
	switch {
	case !kinds[k]:
		return ""
	case pol.Denies(k):
		return " (refused by apply: denied by the policy)"
	}
	return " (refused by apply unless allowed: --allow-hazards " + string(k) + ")"
}

// refusalHint says how to get the refused statements through: allow puts
// the kinds that may be allowed, comma-separated, into its %s; kinds the
// policy denies are named apart, since no allow overrides a deny.
func refusalHint(pol HazardPolicy, rs []RefusedStatement, allow string) string {
	seen := map[engines.HazardKind]bool{}
	var kinds, denied []engines.HazardKind
	for _, r := range rs {
		for _, h := range r.Hazards {
			if seen[h.Kind] {
				continue
			}
			seen[h.Kind] = true
			if pol.Denies(h.Kind) {
				denied = append(denied, h.Kind)
			} else {
				kinds = append(kinds, h.Kind)
			}
		}
	}
	sort.Slice(kinds, func(i, j int) bool { return kinds[i] < kinds[j] })
	sort.Slice(denied, func(i, j int) bool { return denied[i] < denied[j] })
	var parts []string
	if len(kinds) > 0 {
		parts = append(parts, fmt.Sprintf(allow, strings.ReplaceAll(hazardNames(kinds), ", ", ",")))
	}
	if len(denied) > 0 {
		parts = append(parts, hazardNames(denied)+" denied by policy.deny_hazards or --deny-hazards")
	}
	return strings.Join(parts, "; ")
}

// findingsByStatement groups findings by statement number (0: none).
func findingsByStatement(fs []engines.Finding) map[int][]engines.Finding {
	m := map[int][]engines.Finding{}
	for _, f := range fs {
		m[f.Statement] = append(m[f.Statement], f)
	}
	return m
}

func findingText(f engines.Finding) string {
	msg := oneLine(f.Message)
	if f.Fails {
		msg = "WILL FAIL: " + msg
	}
	if f.Error != "" {
		msg += " (check failed: " + oneLine(f.Error) + ")"
	}
	return msg
}

// safetyNotes explain, from the plan itself, how it keeps the target
// available: the lock timeout it sets and the statements that run outside
// its transactions.
func safetyNotes(set *PlanSet, g *PlanGroup) []string {
	var notes []string
	var lockTimeout, lockWait string
	noTx := 0
	for _, s := range g.Plan.Statements {
		if v, ok := strings.CutPrefix(s.SQL, "SET lock_timeout = "); ok && lockTimeout == "" {
			lockTimeout = v
		}
		if v, ok := strings.CutPrefix(s.SQL, "SET SESSION lock_wait_timeout = "); ok && lockWait == "" {
			lockWait = v
		}
		if s.NoTransaction {
			noTx++
		}
	}
	if lockTimeout != "" {
		notes = append(notes, fmt.Sprintf("Statements that take locks run with lock_timeout %s: one that waits longer for a lock fails (a rerun resumes) instead of stalling the queries queued behind it. Edit the SET statements to change it.", lockTimeout))
	}
	if lockWait != "" {
		notes = append(notes, fmt.Sprintf("The plan runs with lock_wait_timeout %s s: a statement that waits longer for a table's metadata lock (held by an open transaction that used the table) fails (a rerun resumes) instead of stalling the queries queued behind it. Edit the SET statement to change it.", lockWait))
	}
	if noTx > 0 {
		notes = append(notes, fmt.Sprintf("%d statement(s) run online, outside the plan's transactions (concurrent index builds, constraint validations): the statements before each are committed first, and after a failure a rerun resumes where it stopped.", noTx))
	}
	if set.Online.Off {
		notes = append(notes, "Online strategies are off (online: false): indexes and constraints on existing tables are built under blocking locks.")
	}
	if g.DataChecked {
		fails, broken := 0, 0
		for _, f := range g.Findings {
			if f.Fails {
				fails++
			}
			if f.Error != "" {
				broken++
			}
		}
		switch {
		case fails > 0:
			notes = append(notes, fmt.Sprintf("Data checks of %s: %d check(s) found data that makes a statement fail (counts only, no values shown).", g.Targets[0], fails))
		case broken == 0:
			notes = append(notes, fmt.Sprintf("Data checks of %s found nothing that makes a statement fail.", g.Targets[0]))
		}
	}
	return notes
}

// summary counts a plan's changes: "5 changes: 2 add table, 1 drop column, ...".
func summary(p *engines.Plan) string {
	if p.Empty() {
		return "in sync"
	}
	counts := map[string]int{}
	for _, c := range p.Changes {
		counts[string(c.Op)+" "+string(c.Kind)]++
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%d %s", counts[k], k)
	}
	return fmt.Sprintf("%d change(s), %d statement(s): %s", len(p.Changes), len(p.Statements), strings.Join(parts, ", "))
}

func sharedNote(g *PlanGroup) string {
	if len(g.Targets) > 1 {
		return fmt.Sprintf(" (identical schemas: %d targets share one plan)", len(g.Targets))
	}
	return ""
}

func editedNote(p *PlanFile) string {
	if p.Edited() {
		return " (EDITED since it was made: the body's checksum differs from the header's)"
	}
	return ""
}

func destructiveByNumber(ds []Destructive) map[int]Destructive {
	m := map[int]Destructive{}
	for _, d := range ds {
		m[d.Number] = d
	}
	return m
}

func indentRest(s, indent string) string {
	return strings.ReplaceAll(s, "\n", "\n"+indent)
}

// definition renders a changed object for its diff: whole objects through
// the engine's dump (the text a version holds), parts of tables as JSON.
func definition(eng engines.Engine, obj any) string {
	if obj == nil {
		return ""
	}
	db := &engines.Database{Engine: eng.Name()}
	var schema string
	switch o := obj.(type) {
	case *engines.Table:
		schema = o.Schema
		db.EnsureSchema(schema).Tables = []*engines.Table{o}
	case *engines.View:
		schema = o.Schema
		db.EnsureSchema(schema).Views = []*engines.View{o}
	case *engines.Function:
		schema = o.Schema
		db.EnsureSchema(schema).Functions = []*engines.Function{o}
	case *engines.Type:
		schema = o.Schema
		db.EnsureSchema(schema).Types = []*engines.Type{o}
	case *engines.Sequence:
		schema = o.Schema
		db.EnsureSchema(schema).Sequences = []*engines.Sequence{o}
	default:
		b, err := json.MarshalIndent(obj, "", "  ")
		if err != nil {
			return fmt.Sprint(obj)
		}
		return string(b)
	}
	files, err := dumpSafely(eng, db)
	if err != nil || len(files) == 0 {
		b, _ := json.MarshalIndent(obj, "", "  ")
		return string(b)
	}
	var b strings.Builder
	for _, f := range files {
		b.WriteString(strings.TrimSpace(f.Text))
		b.WriteString("\n")
	}
	return strings.TrimSpace(b.String())
}

// dumpSafely dumps a one-object model; an engine that cannot print a lone
// object (a panic on a missing part) must not break the preview.
func dumpSafely(eng engines.Engine, db *engines.Database) (files []engines.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("dump: %v", r)
		}
	}()
	return eng.Dump(db)
}

// lineDiff is a line diff of two texts, each line prefixed by " ", "-" or
// "+" (longest common subsequence; definitions are short).
func lineDiff(a, b string) string {
	al, bl := splitLines(a), splitLines(b)
	n, m := len(al), len(bl)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if al[i] == bl[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []string
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && al[i] == bl[j]:
			out = append(out, "  "+al[i])
			i, j = i+1, j+1
		case j < m && (i >= n || lcs[i][j+1] >= lcs[i+1][j]):
			out = append(out, "+ "+bl[j])
			j++
		default:
			out = append(out, "- "+al[i])
			i++
		}
	}
	return strings.Join(out, "\n")
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// ---- rename hints ----

// renameHints are the drops and adds of a group's plan that look like
// renames (engines.RenameHints): the preview suggests the annotation that
// makes the plan rename instead.
func renameHints(g *PlanGroup) []engines.RenameHint {
	if g.Plan == nil {
		return nil
	}
	return engines.RenameHints(g.Plan.Changes)
}

func writeRenameHintsMarkdown(w io.Writer, g *PlanGroup) {
	hints := renameHints(g)
	if len(hints) == 0 {
		return
	}
	fmt.Fprintf(w, "\n> **Possible renames:** %d drop(s) look like renames; as planned, their data is lost.\n", len(hints))
	for _, h := range hints {
		fmt.Fprintf(w, "> - %s\n", h.Message())
	}
}
