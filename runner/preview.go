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
		pg := group{PlanGroup: g, Summary: summary(g.Plan)}
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
			continue
		}
		fmt.Fprintf(w, "%s: %s%s\n", strings.Join(g.Targets, ", "), summary(g.Plan), sharedNote(g))
		if g.File != nil && g.File.Path != "" {
			fmt.Fprintf(w, "  plan file %s%s\n", g.File.Path, editedNote(g.File))
		}
		destructive := destructiveByNumber(g.Destructive)
		for i, s := range g.Plan.Statements {
			fmt.Fprintf(w, "  %2d. %s\n", i+1, indentRest(strings.TrimSpace(s.SQL), "      "))
			for _, h := range s.Hazards {
				fmt.Fprintf(w, "      ! %s: %s\n", h.Kind, oneLine(h.Message))
			}
			if d, ok := destructive[i+1]; ok {
				fmt.Fprintf(w, "      ! destructive: %s (refused by apply unless allowed)\n", d.Reason)
			}
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
		if hz := hazardLines(g.Plan); len(hz) > 0 {
			fmt.Fprintln(w, "\n| # | hazard | why |\n|---|---|---|")
			for _, l := range hz {
				fmt.Fprintln(w, l)
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

func hazardLines(p *engines.Plan) []string {
	var out []string
	for i, s := range p.Statements {
		for _, h := range s.Hazards {
			out = append(out, fmt.Sprintf("| %d | `%s` | %s |", i+1, h.Kind, strings.ReplaceAll(oneLine(h.Message), "|", `\|`)))
		}
	}
	return out
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
