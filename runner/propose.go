package runner

// Propose: the plans of a PlanSet become a commit on a proposal branch,
// pushed to the remote, with a pull/merge request and one preview comment
// that later runs update in place. Also here: the result comment of an
// apply after merge, and the hazard locations that CI annotations and
// GitLab's Code Quality report show.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/transport"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/vcs"
)

// DefaultBranchPrefix starts the names of proposal branches.
const DefaultBranchPrefix = "schemasync/"

// maxComment keeps previews under the forges' comment limits (GitHub:
// 65,536 characters; GitLab: 1,000,000).
const maxComment = 60000

// ProposeRequest is what Propose needs.
type ProposeRequest struct {
	Repo  *vcs.Repo
	Forge vcs.Forge
	// Remote is the git remote the branch is pushed to ("origin" when "").
	Remote string
	Set    *PlanSet
	// Engine renders object definitions in the preview.
	Engine engines.Engine
	// PlanDir is the plan directory relative to the repository root.
	PlanDir string
	// Branch is the proposal branch; Base is the branch the request
	// merges into, whose remote head the proposal starts from.
	Branch, Base string
	Author       vcs.Signature
	// Log receives progress lines.
	Log func(string)
}

// ProposeResult tells what Propose did.
type ProposeResult struct {
	// InSync is set when no target needs a change: nothing was proposed.
	InSync bool `json:"in_sync"`
	// AlreadyOnBase is set when the base branch holds these plans already.
	AlreadyOnBase bool   `json:"already_on_base,omitempty"`
	Branch        string `json:"branch,omitempty"`
	Commit        string `json:"commit,omitempty"`
	// Pushed is set when the branch was (re)written.
	Pushed        bool         `json:"pushed"`
	Request       *vcs.Request `json:"request,omitempty"`
	RequestAction string       `json:"request_action,omitempty"`
	CommentAction string       `json:"comment_action,omitempty"`
	// Files are the plan files of the proposal, relative to the root.
	Files   []string `json:"files,omitempty"`
	Preview string   `json:"-"`
}

// SyncOutcome says what a plan set without changes found: which targets
// are in sync, and which could not be planned, with their errors (whose
// URLs are redacted). It never calls a set "in sync" when no target was
// planned.
func SyncOutcome(set *PlanSet) string {
	var b strings.Builder
	planned := set.Planned()
	switch {
	case set.Changed():
		fmt.Fprintf(&b, "changes planned for version %s", set.Version.Short())
	case len(planned) == 0:
		b.WriteString("no target was planned")
	case len(set.Failed) > 0:
		fmt.Fprintf(&b, "every planned target (%s) is in sync with version %s", strings.Join(planned, ", "), set.Version.Short())
	default:
		fmt.Fprintf(&b, "every target (%s) is in sync with version %s", strings.Join(planned, ", "), set.Version.Short())
	}
	if len(set.Failed) > 0 {
		fmt.Fprintf(&b, "; %d target(s) failed:", len(set.Failed))
		for i, f := range set.Failed {
			if i > 0 {
				b.WriteString(";")
			}
			fmt.Fprintf(&b, " %s: %s", f.Target, oneLine(f.Message))
		}
	}
	return b.String()
}

// Propose commits the plan files on the proposal branch, pushes it, opens
// or updates the request and upserts the preview comment. Running it
// again with nothing new changes nothing: the branch is rewritten only
// when the plans differ from the branch's (a reviewer's edit of a plan
// body is kept while the plan's header is the same), and the request and
// the comment are edited only when their text differs.
func Propose(ctx context.Context, req ProposeRequest) (*ProposeResult, error) {
	logf := func(format string, args ...any) {
		if req.Log != nil {
			req.Log(fmt.Sprintf(format, args...))
		}
	}
	set := req.Set
	res := &ProposeResult{}
	if !set.Changed() {
		res.InSync = true
		logf("%s: nothing to propose", SyncOutcome(set))
		return res, nil
	}
	if req.Branch == "" || req.Base == "" {
		return nil, errors.New("propose: the branch and the base branch are required")
	}
	if req.Branch == req.Base {
		return nil, fmt.Errorf("propose: the proposal branch %s is the base branch", req.Branch)
	}
	remote := req.Remote
	if remote == "" {
		remote = "origin"
	}
	secrets := req.Forge.Secrets()
	fail := func(err error) (*ProposeResult, error) { return nil, vcs.ScrubError(err, secrets) }

	var auth transport.AuthMethod
	if u, err := req.Repo.RemoteURL(remote); err != nil {
		return fail(err)
	} else if strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") {
		auth = req.Forge.PushAuth()
	}
	heads, err := req.Repo.FetchBranches(ctx, remote, []string{req.Base, req.Branch}, auth)
	if err != nil {
		return fail(err)
	}
	base, ok := heads[req.Base]
	if !ok {
		return fail(fmt.Errorf("remote %s has no branch %s to propose into", remote, req.Base))
	}
	onBase, err := req.Repo.ReadFiles(base, req.PlanDir)
	if err != nil {
		return fail(err)
	}
	files := PlanDirFiles(onBase, set.Files(), set.Planned())
	for _, f := range set.Files() {
		f.Path = path.Join(req.PlanDir, PlanFileName(f.Targets))
		res.Files = append(res.Files, f.Path)
	}
	res.Branch = req.Branch
	if SamePlans(onBase, files) {
		res.AlreadyOnBase = true
		logf("%s already holds these plans in %s (merged, waiting to be applied?): nothing to propose", req.Base, req.PlanDir)
		return res, nil
	}

	res.Commit = heads[req.Branch]
	rewrite := res.Commit == ""
	if !rewrite {
		onTop, err := req.Repo.IsAncestor(base, res.Commit)
		if err != nil {
			return fail(err)
		}
		onBranch, err := req.Repo.ReadFiles(res.Commit, req.PlanDir)
		if err != nil {
			return fail(err)
		}
		rewrite = !onTop || !SamePlans(onBranch, files)
	}
	if rewrite {
		msg := fmt.Sprintf("schemasync: plans for schema version %s\n\nTargets: %s\n", set.Version.Short(), strings.Join(targetsOf(set), ", "))
		c, err := req.Repo.CommitFiles(ctx, base, req.PlanDir, files, msg, req.Author)
		if err != nil {
			return fail(err)
		}
		if err := req.Repo.Push(ctx, remote, c, req.Branch, auth); err != nil {
			return fail(err)
		}
		res.Commit, res.Pushed = c, true
		logf("pushed %s to %s (%s)", short(c), req.Branch, strings.Join(res.Files, ", "))
	} else {
		logf("%s already holds these plans: not pushed", req.Branch)
	}

	title, body := RequestText(set, res.Files)
	pr, err := req.Forge.FindOpenRequest(ctx, req.Branch, req.Base)
	if err != nil {
		return fail(err)
	}
	switch {
	case pr == nil:
		if pr, err = req.Forge.CreateRequest(ctx, vcs.NewRequest{Title: title, Body: body, Head: req.Branch, Base: req.Base}); err != nil {
			return fail(err)
		}
		res.RequestAction = vcs.Created
	case pr.Title != title || strings.TrimSpace(pr.Body) != strings.TrimSpace(body):
		if pr, err = req.Forge.UpdateRequest(ctx, pr.Number, title, body); err != nil {
			return fail(err)
		}
		res.RequestAction = vcs.Updated
	default:
		res.RequestAction = vcs.Unchanged
	}
	res.Request = pr
	logf("request %d %s: %s", pr.Number, res.RequestAction, pr.URL)

	res.Preview = PreviewComment(set, req.Engine)
	if _, res.CommentAction, err = vcs.UpsertComment(ctx, req.Forge, pr.Number, vcs.PreviewMarker, res.Preview); err != nil {
		return fail(err)
	}
	logf("preview comment %s", res.CommentAction)
	return res, nil
}

// PreviewComment is the Markdown of the preview comment, marker first.
func PreviewComment(set *PlanSet, eng engines.Engine) string {
	var b bytes.Buffer
	b.WriteString(vcs.PreviewMarker + "\n")
	PreviewMarkdown(&b, set, eng)
	b.WriteString("\n---\n*Reviewers may edit the plan files in this request: what is merged is applied as merged, and the result is reported here.*\n")
	return truncateComment(b.String())
}

// RequestText is the title and description of a proposal's request.
func RequestText(set *PlanSet, files []string) (title, body string) {
	targets := targetsOf(set)
	title = fmt.Sprintf("schemasync: bring %s to schema version %s", strings.Join(targets, ", "), set.Version.Short())
	if len(title) > 200 {
		title = fmt.Sprintf("schemasync: bring %d targets to schema version %s", len(targets), set.Version.Short())
	}
	var b strings.Builder
	fmt.Fprintf(&b, "This request carries the plans that bring the targets to schema version `%s` (engine %s).\n\n", set.Version.Hash, set.Engine)
	for _, f := range set.Files() {
		fmt.Fprintf(&b, "- `%s` for %s: %s\n", f.Path, mdTargets(f.Targets), plural(f.Statements, "statement"))
	}
	b.WriteString("\nReview the plan files (edit them if needed), then merge: the apply job runs them as merged, ")
	b.WriteString("refuses targets that changed since they were planned, and comments the result here.\n")
	return title, b.String()
}

// targetsOf lists the targets that need changes.
func targetsOf(set *PlanSet) []string {
	var out []string
	for _, f := range set.Files() {
		out = append(out, f.Targets...)
	}
	return out
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func truncateComment(s string) string {
	if len(s) <= maxComment {
		return s
	}
	cut := strings.LastIndexByte(s[:maxComment], '\n')
	if cut < 0 {
		cut = maxComment
	}
	rest := s[cut:]
	// Close an open fence so the note below renders as text.
	tail := ""
	if strings.Count(s[:cut], "```")%2 == 1 {
		tail = "\n```"
	}
	if strings.Count(s[:cut], "<details>") > strings.Count(s[:cut], "</details>") {
		tail += "\n</details>"
	}
	return s[:cut] + tail + fmt.Sprintf("\n\n*The preview is cut here (%d more characters): the plan files hold everything.*\n", len(rest))
}

// PlanDirFiles is the plan directory after writing plans into it, from
// its files before: as WritePlanFiles does on disk, a new plan replaces
// its file, and older plans whose targets were all planned again are
// removed; other files stay.
func PlanDirFiles(before map[string][]byte, plans []*PlanFile, planned []string) map[string][]byte {
	out := map[string][]byte{}
	replanned := map[string]bool{}
	for _, t := range planned {
		replanned[t] = true
	}
	for name, data := range before {
		if strings.EqualFold(path.Ext(name), ".sql") {
			if pf, err := ParsePlanFile(name, data); err == nil {
				all := true
				for _, t := range pf.Targets {
					all = all && replanned[t]
				}
				if all {
					continue
				}
			}
		}
		out[name] = data
	}
	for _, p := range plans {
		out[PlanFileName(p.Targets)] = p.Render()
	}
	return out
}

// SamePlans reports whether two plan directories hold the same plans:
// plan files compare by their headers (so that an edited body still counts
// as the same plan), other files byte for byte.
func SamePlans(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for name, da := range a {
		db, ok := b[name]
		if !ok {
			return false
		}
		pa, errA := ParsePlanFile(name, da)
		pb, errB := ParsePlanFile(name, db)
		if errA != nil || errB != nil {
			if !bytes.Equal(da, db) {
				return false
			}
			continue
		}
		if planIdentity(pa) != planIdentity(pb) {
			return false
		}
	}
	return true
}

func planIdentity(p *PlanFile) string {
	return strings.Join([]string{p.Engine, strings.Join(p.Targets, ","), p.Version, p.SchemaDir, p.Fingerprint, p.Checksum}, "\x00")
}

// invalidRef matches what git refuses in branch names.
var invalidRef = regexp.MustCompile(`[\x00-\x20\x7f~^:?*\[\\]+|\.\.+|@\{|/\.|//+`)

// BranchName is the proposal branch for a version: prefix followed by the
// revision as the user named it, made a valid branch name.
func BranchName(prefix, rev string) string {
	if prefix == "" {
		prefix = DefaultBranchPrefix
	}
	name := invalidRef.ReplaceAllString(rev, "-")
	name = strings.Trim(name, "-./")
	name = strings.TrimSuffix(name, ".lock")
	if name == "" {
		name = "head"
	}
	return prefix + name
}

// HazardLocation is a hazard or a destructive statement at its line in a
// plan file, for CI annotations and code quality reports.
type HazardLocation struct {
	Path      string `json:"path"`
	Line      int    `json:"line"`
	Statement int    `json:"statement"`
	Kind      string `json:"kind"`
	Message   string `json:"message"`
	// Severe is set for destructive statements, which apply refuses.
	Severe bool `json:"severe"`
}

// HazardLocations lists the hazards and destructive statements of the
// set's plan files, at the lines their statements start on.
func HazardLocations(set *PlanSet) []HazardLocation {
	var out []HazardLocation
	for _, g := range set.Groups {
		if g.InSync() || g.File == nil {
			continue
		}
		lines := statementLines(g.File.Render(), g.Plan)
		for i, s := range g.Plan.Statements {
			for _, h := range s.Hazards {
				out = append(out, HazardLocation{Path: g.File.Path, Line: lines[i], Statement: i + 1, Kind: string(h.Kind), Message: oneLine(h.Message)})
			}
		}
		for _, d := range g.Destructive {
			line := 1
			if d.Number >= 1 && d.Number <= len(lines) {
				line = lines[d.Number-1]
			}
			out = append(out, HazardLocation{Path: g.File.Path, Line: line, Statement: d.Number, Kind: "destructive", Message: d.Reason + ": apply refuses it unless allowed", Severe: true})
		}
	}
	return out
}

// statementLines finds the 1-based line each statement starts on in a
// rendered plan file, searching forward from the previous statement.
func statementLines(file []byte, p *engines.Plan) []int {
	text := string(file)
	out := make([]int, len(p.Statements))
	pos := 0
	for i, s := range p.Statements {
		first := strings.TrimSpace(s.SQL)
		if j := strings.IndexByte(first, '\n'); j >= 0 {
			first = first[:j]
		}
		first = strings.TrimRight(first, ";")
		k := strings.Index(text[pos:], first)
		if first == "" || k < 0 {
			out[i] = 1
			continue
		}
		pos += k
		out[i] = strings.Count(text[:pos], "\n") + 1
		pos += len(first)
	}
	return out
}

// CodeQuality renders hazards as a GitLab Code Quality report.
func CodeQuality(locs []HazardLocation) ([]byte, error) {
	type lines struct {
		Begin int `json:"begin"`
	}
	type location struct {
		Path  string `json:"path"`
		Lines lines  `json:"lines"`
	}
	type issue struct {
		Description string   `json:"description"`
		CheckName   string   `json:"check_name"`
		Fingerprint string   `json:"fingerprint"`
		Severity    string   `json:"severity"`
		Location    location `json:"location"`
	}
	out := make([]issue, 0, len(locs))
	for _, l := range locs {
		sev := "minor"
		if l.Severe {
			sev = "critical"
		} else if l.Kind == string(engines.HazardDeletesData) {
			sev = "major"
		}
		out = append(out, issue{
			Description: fmt.Sprintf("statement %d: %s: %s", l.Statement, l.Kind, l.Message),
			CheckName:   "schemasync/" + l.Kind,
			Fingerprint: strings.TrimPrefix(Checksum(fmt.Sprintf("%s\x00%d\x00%s\x00%s", l.Path, l.Statement, l.Kind, l.Message)), "sha256:"),
			Severity:    sev,
			Location:    location{Path: l.Path, Lines: lines{Begin: l.Line}},
		})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Location.Path != out[j].Location.Path {
			return out[i].Location.Path < out[j].Location.Path
		}
		return out[i].Location.Lines.Begin < out[j].Location.Lines.Begin
	})
	return json.MarshalIndent(out, "", "  ")
}

// ApplyOutcome is one target's apply, for the result comment.
type ApplyOutcome struct {
	Target string
	Plan   string
	Report *ApplyReport
	Err    error
}

// ApplyComment is the Markdown of the comment that reports an apply after
// merge: per target what ran, whether the plan was edited, the
// verification and any residue. commit is the merged commit applied.
func ApplyComment(commit string, outcomes []ApplyOutcome) string {
	var b strings.Builder
	b.WriteString(vcs.ApplyMarker + "\n")
	failed, residue := 0, 0
	for _, o := range outcomes {
		switch {
		case o.Err != nil:
			failed++
		case o.Report != nil && o.Report.Residue != nil:
			residue++
		}
	}
	status := "applied and verified"
	switch {
	case failed > 0:
		status = fmt.Sprintf("%d of %d target(s) FAILED", failed, len(outcomes))
	case residue > 0:
		status = fmt.Sprintf("applied; %d target(s) still differ from the version", residue)
	case len(outcomes) == 0:
		status = "nothing to apply"
	}
	fmt.Fprintf(&b, "## schemasync apply: %s\n\n", status)
	if commit != "" {
		fmt.Fprintf(&b, "Merged commit `%s`.\n\n", commit)
	}
	if len(outcomes) > 0 {
		b.WriteString("| target | plan | result | verification |\n|---|---|---|---|\n")
	}
	for _, o := range outcomes {
		result, verify := "", ""
		rep := o.Report
		switch {
		case rep == nil:
			result = "not run"
		case rep.AlreadyApplied:
			result = fmt.Sprintf("already applied (history id %d)", rep.HistoryID)
		case rep.DryRun:
			result = fmt.Sprintf("dry run: %s", plural(rep.Statements-rep.Skipped, "statement"))
		default:
			result = fmt.Sprintf("applied %s", plural(rep.Executed, "statement"))
			if rep.Skipped > 0 {
				result += fmt.Sprintf(" (resumed after %d)", rep.Skipped)
			}
			if rep.HistoryID > 0 {
				result += fmt.Sprintf(", history id %d", rep.HistoryID)
			}
		}
		if rep != nil && rep.Edited {
			result += "; plan EDITED in review"
		}
		switch {
		case o.Err != nil:
			verify = "**failed**: see below"
		case rep != nil && rep.Residue != nil:
			verify = fmt.Sprintf("**residue**: %s would close the difference", plural(len(rep.Residue.Statements), "statement"))
		case rep != nil && rep.Verified:
			verify = "verified: the target matches the version"
		default:
			verify = "not verified"
		}
		fmt.Fprintf(&b, "| `%s` | `%s` | %s | %s |\n", o.Target, o.Plan, result, verify)
	}
	for _, o := range outcomes {
		if o.Report != nil && o.Report.Residue != nil {
			fmt.Fprintf(&b, "\n### `%s`: residue\n\nThe target differs from the version; these statements would close the difference (an edit in review may have meant this):\n", o.Target)
			fence(&b, "sql", strings.TrimSpace(engines.RenderSQL(o.Report.Residue)))
		}
	}
	for _, o := range outcomes {
		if o.Err != nil {
			fmt.Fprintf(&b, "\n### `%s`: error\n", o.Target)
			fence(&b, "text", o.Err.Error())
		}
	}
	return truncateComment(b.String())
}

// fence writes text as a fenced block, with a fence longer than any
// backtick run inside it.
func fence(b *strings.Builder, lang, text string) {
	f := "```"
	for strings.Contains(text, f) {
		f += "`"
	}
	fmt.Fprintf(b, "\n%s%s\n%s\n%s\n", f, lang, text, f)
}
