package runner

// A plan file is a header of SQL comments followed by the body that apply
// runs as it is. The header records where the plan came from (source
// version, targets, the targets' fingerprint), what it risks (hazards,
// destructive statements) and the checksum of the body as it was made, so
// that an edited body is recognised.

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/schemasync/schemasync/engines"
)

// planMagic opens every plan file; planBodyMarker ends the header.
const (
	planMagic      = "-- schemasync plan v1"
	planBodyMarker = "-- end of header: the plan body follows and runs exactly as written (edit it if you must; the checksum above tells that it was edited)"
)

// PlanFile is a parsed or newly made plan file.
type PlanFile struct {
	Engine string
	// Targets share this plan: their inspected schemas were identical.
	Targets []string
	// Version is the full commit hash of the source; VersionRef is the
	// revision as the user named it (a tag, a branch, HEAD~2).
	Version    string
	VersionRef string
	// SchemaDir is the schema directory inside the repository.
	SchemaDir   string
	Fingerprint string
	Statements  int
	// Hazards and Destructive are one line each, "N: kind: message" with N
	// the statement's 1-based number.
	Hazards     []string
	Destructive []string
	// Checksum is the body's checksum when the plan was made.
	Checksum string
	Body     string
	// Path is where the file was read from or written to.
	Path string
}

// Edited reports whether the body differs from the one the plan was made with.
func (p *PlanFile) Edited() bool { return Checksum(p.Body) != p.Checksum }

// HasTarget reports whether the plan was made for the named target.
func (p *PlanFile) HasTarget(name string) bool {
	for _, t := range p.Targets {
		if t == name {
			return true
		}
	}
	return false
}

// NewPlanFile makes the plan file of a plan for targets with the given
// fingerprint.
func NewPlanFile(plan *engines.Plan, targets []string, v SourceVersion, schemaDir, fingerprint string) *PlanFile {
	body := engines.RenderSQL(plan)
	pf := &PlanFile{
		Engine:      plan.Engine,
		Targets:     append([]string(nil), targets...),
		Version:     v.Hash,
		VersionRef:  v.Rev,
		SchemaDir:   schemaDir,
		Fingerprint: fingerprint,
		Statements:  len(plan.Statements),
		Checksum:    Checksum(body),
		Body:        body,
	}
	for i, s := range plan.Statements {
		for _, h := range s.Hazards {
			pf.Hazards = append(pf.Hazards, oneLine(fmt.Sprintf("%d: %s: %s", i+1, h.Kind, h.Message)))
		}
	}
	for _, d := range DestructiveStatements(body) {
		pf.Destructive = append(pf.Destructive, fmt.Sprintf("%d: %s", d.Number, d.Reason))
	}
	return pf
}

// Render returns the file's bytes.
func (p *PlanFile) Render() []byte {
	var b strings.Builder
	line := func(k, v string) { b.WriteString("-- " + k + ": " + oneLine(v) + "\n") }
	b.WriteString(planMagic + "\n")
	line("engine", p.Engine)
	line("targets", strings.Join(p.Targets, ", "))
	line("version", p.Version)
	if p.VersionRef != "" && p.VersionRef != p.Version {
		line("version-ref", p.VersionRef)
	}
	line("schema-dir", p.SchemaDir)
	line("fingerprint", p.Fingerprint)
	line("statements", strconv.Itoa(p.Statements))
	for _, h := range p.Hazards {
		line("hazard", h)
	}
	for _, d := range p.Destructive {
		line("destructive", d)
	}
	line("body-checksum", p.Checksum)
	b.WriteString(planBodyMarker + "\n")
	b.WriteString(p.Body)
	return []byte(b.String())
}

// ParsePlanFile reads a plan file's header and body. path is for messages.
func ParsePlanFile(path string, data []byte) (*PlanFile, error) {
	text := string(data)
	if !strings.HasPrefix(text, planMagic+"\n") {
		return nil, fmt.Errorf("%s: not a schemasync plan file (it must start with %q; plain SQL files run with apply --target URL --file FILE)", path, planMagic)
	}
	end := strings.Index(text, "\n"+planBodyMarker+"\n")
	if end < 0 {
		return nil, fmt.Errorf("%s: the header's end marker is missing (%q)", path, planBodyMarker)
	}
	p := &PlanFile{Path: path, Body: text[end+len(planBodyMarker)+2:]}
	sc := bufio.NewScanner(strings.NewReader(text[len(planMagic)+1 : end+1]))
	sc.Buffer(make([]byte, 0, 64*1024), 16<<20)
	n := 1
	for sc.Scan() {
		n++
		l := sc.Text()
		k, v, ok := strings.Cut(strings.TrimPrefix(l, "-- "), ": ")
		if !strings.HasPrefix(l, "-- ") || !ok {
			return nil, fmt.Errorf("%s:%d: malformed header line %q", path, n, l)
		}
		v = oneLine(v) // as Render writes it: a blank value is a missing one
		switch k {
		case "engine":
			p.Engine = v
		case "targets":
			for _, t := range strings.Split(v, ",") {
				if t = strings.TrimSpace(t); t != "" {
					p.Targets = append(p.Targets, t)
				}
			}
		case "version":
			p.Version = v
		case "version-ref":
			p.VersionRef = v
		case "schema-dir":
			p.SchemaDir = v
		case "fingerprint":
			p.Fingerprint = v
		case "statements":
			i, err := strconv.Atoi(v)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: statements: %w", path, n, err)
			}
			p.Statements = i
		case "hazard":
			p.Hazards = append(p.Hazards, v)
		case "destructive":
			p.Destructive = append(p.Destructive, v)
		case "body-checksum":
			p.Checksum = v
		default:
			return nil, fmt.Errorf("%s:%d: unknown header key %q", path, n, k)
		}
	}
	var missing []string
	for k, v := range map[string]string{"engine": p.Engine, "version": p.Version, "fingerprint": p.Fingerprint, "body-checksum": p.Checksum} {
		if v == "" {
			missing = append(missing, k)
		}
	}
	if len(p.Targets) == 0 {
		missing = append(missing, "targets")
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return nil, fmt.Errorf("%s: the header lacks %s", path, strings.Join(missing, ", "))
	}
	return p, nil
}

// ReadPlanFiles reads plan files: each argument is a plan file or a
// directory whose *.sql plan files are read (in name order).
func ReadPlanFiles(paths []string) ([]*PlanFile, error) {
	var out []*PlanFile
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("read plan: %w", err)
		}
		files := []string{p}
		if info.IsDir() {
			files, err = filepath.Glob(filepath.Join(p, "*.sql"))
			if err != nil {
				return nil, fmt.Errorf("read plans in %s: %w", p, err)
			}
			sort.Strings(files)
			if len(files) == 0 {
				return nil, fmt.Errorf("%s holds no plan files (*.sql)", p)
			}
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				return nil, fmt.Errorf("read plan: %w", err)
			}
			pf, err := ParsePlanFile(f, data)
			if err != nil {
				return nil, err
			}
			out = append(out, pf)
		}
	}
	return out, nil
}

// PlanFileName is the file name of a plan shared by targets: the first
// target's name.
func PlanFileName(targets []string) string { return targets[0] + ".sql" }

// WritePlanFiles writes the plan files into dir and removes older plan
// files there whose targets were all planned again (they are in sync now,
// or their plan has another name). Other files are left alone.
func WritePlanFiles(dir string, plans []*PlanFile, planned []string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create plan directory: %w", err)
	}
	written := map[string]bool{}
	for _, p := range plans {
		path := filepath.Join(dir, PlanFileName(p.Targets))
		if err := writeFileAtomic(path, p.Render()); err != nil {
			return err
		}
		p.Path = path
		written[path] = true
	}
	replanned := map[string]bool{}
	for _, t := range planned {
		replanned[t] = true
	}
	old, err := filepath.Glob(filepath.Join(dir, "*.sql"))
	if err != nil {
		return fmt.Errorf("list plans: %w", err)
	}
	for _, f := range old {
		if written[f] {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			return fmt.Errorf("read old plan: %w", err)
		}
		pf, err := ParsePlanFile(f, data)
		if err != nil {
			continue // not ours
		}
		all := true
		for _, t := range pf.Targets {
			all = all && replanned[t]
		}
		if all {
			if err := os.Remove(f); err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("remove old plan: %w", err)
			}
		}
	}
	return nil
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
