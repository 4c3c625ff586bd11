package runner

// This file reads schemasync.yaml: the engine, where the schema files and
// plans live, the named targets and groups, and the policy.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/schemasync/schemasync/engines"
)

// ConfigFileName is the name FindConfig looks for.
const ConfigFileName = "schemasync.yaml"

// Defaults for directories the file does not name.
const (
	DefaultSchemaDir = "schema"
	DefaultPlanDir   = "plans"
)

// Config is a loaded and validated schemasync.yaml.
type Config struct {
	// Path is the file the config was read from; Dir is its directory,
	// against which SchemaDir and PlanDir are resolved.
	Path string `json:"path"`
	Dir  string `json:"dir"`
	// Engine is the default engine of targets ("" lets URL schemes decide).
	Engine    string `json:"engine,omitempty"`
	SchemaDir string `json:"schema_dir"`
	PlanDir   string `json:"plan_dir"`
	// Targets keep the file's order; Engine is filled from the default.
	Targets []Target            `json:"targets"`
	Groups  map[string][]string `json:"groups,omitempty"`
	Policy  Policy              `json:"policy"`
}

// Target is a named database the runner plans for and applies to. Its
// connection URL lives in the environment variable URLEnv, never in a file.
type Target struct {
	Name   string `json:"name"`
	URLEnv string `json:"url_env"`
	Engine string `json:"engine,omitempty"`
}

// Policy says what plans may contain without extra flags.
type Policy struct {
	// AllowDestructive allows drops, narrowing type changes and enum value
	// removals.
	AllowDestructive bool `json:"allow_destructive"`
	// AllowHazards are hazard kinds accepted without --allow-hazards, on
	// top of DefaultAllowedHazards ("all" accepts every kind).
	AllowHazards []engines.HazardKind `json:"allow_hazards,omitempty"`
	// DenyHazards are hazard kinds refused whatever allows them, the
	// defaults and "all" included ("all" refuses every kind).
	DenyHazards []engines.HazardKind `json:"deny_hazards,omitempty"`
	// Online tunes the online strategies of plans (online: false,
	// lock_timeout, statement_timeout); the zero value is the default.
	Online engines.OnlineOptions `json:"online"`
	// SkipDataChecks turns off the checks of the targets' data that plan
	// makes (data_checks: false).
	SkipDataChecks bool `json:"skip_data_checks,omitempty"`
}

// AllowsHazard reports whether the policy accepts a hazard kind: a
// default one, or one allow_hazards names.
func (p Policy) AllowsHazard(k engines.HazardKind) bool {
	return p.Hazards().Allows(k)
}

// Hazards is the policy's hazard policy, before command line flags.
func (p Policy) Hazards() HazardPolicy {
	return HazardPolicy{Allow: append([]engines.HazardKind(nil), p.AllowHazards...), AllowDestructive: p.AllowDestructive,
		Deny: append([]engines.HazardKind(nil), p.DenyHazards...)}
}

// The file's shape. These types are decoded strictly; they are separate
// from Config so that keys accepted only to be rejected (url) stay out of
// the API.
type fileConfig struct {
	Engine    string              `yaml:"engine"`
	SchemaDir string              `yaml:"schema_dir"`
	PlanDir   string              `yaml:"plan_dir"`
	Targets   []fileTarget        `yaml:"targets"`
	Groups    map[string][]string `yaml:"groups"`
	Policy    filePolicy          `yaml:"policy"`
}

type fileTarget struct {
	Name   string `yaml:"name"`
	URLEnv string `yaml:"url_env"`
	Engine string `yaml:"engine"`
	// URL is decoded only to refuse it with a helpful message.
	URL string `yaml:"url"`
}

type filePolicy struct {
	AllowDestructive bool     `yaml:"allow_destructive"`
	AllowHazards     []string `yaml:"allow_hazards"`
	DenyHazards      []string `yaml:"deny_hazards"`
	Online           *bool    `yaml:"online"`
	LockTimeout      *string  `yaml:"lock_timeout"`
	StatementTimeout *string  `yaml:"statement_timeout"`
	DataChecks       *bool    `yaml:"data_checks"`
}

// fileSections name the decoded types in messages and list their keys.
var fileSections = map[string]struct {
	where string
	typ   reflect.Type
}{
	reflect.TypeOf(fileConfig{}).String(): {"at the top level", reflect.TypeOf(fileConfig{})},
	reflect.TypeOf(fileTarget{}).String(): {"in a target", reflect.TypeOf(fileTarget{})},
	reflect.TypeOf(filePolicy{}).String(): {"in policy", reflect.TypeOf(filePolicy{})},
}

var (
	cfgNameRe   = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
	cfgEnvRe    = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	cfgEngineRe = regexp.MustCompile(`^[a-z][a-z0-9_-]*$`)
	// yaml.v3 prefixes every decoding error with its line.
	yamlLineRe    = regexp.MustCompile(`^line (\d+): (.*)$`)
	yamlUnknownRe = regexp.MustCompile(`^field (\S+) not found in type (\S+)$`)
	// yaml.v3 quotes the start of a value it cannot decode; a URL put in
	// the wrong key would show part of its password.
	yamlValueRe = regexp.MustCompile(" `[^`]*`")
	yamlTypeRe  = regexp.MustCompile("^cannot unmarshal (\\S+)(?: `[^`]*`)? into (\\S+)$")
)

// LoadConfig reads and validates a config file. Unknown keys are errors
// (with their line), and so is a connection URL written in the file.
// Every problem found is reported, each as "file:line: message".
func LoadConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	var raw fileConfig
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&raw); err != nil && !errors.Is(err, io.EOF) {
		return nil, configDecodeError(path, err)
	}
	// A second decode into nodes gives the lines validation errors point at.
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, configDecodeError(path, err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	v := &configValidator{path: path, doc: &doc}
	cfg := v.build(&raw)
	if err := errors.Join(v.errs...); err != nil {
		return nil, err
	}
	cfg.Path = abs
	cfg.Dir = filepath.Dir(abs)
	return cfg, nil
}

// configDecodeError rewrites yaml.v3's messages as file:line: message, naming
// keys instead of Go types and listing the keys that are allowed.
func configDecodeError(path string, err error) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLineRe.FindStringSubmatch(msg); m != nil {
			return fmt.Errorf("%s:%s: %s", path, m[1], m[2])
		}
		return fmt.Errorf("%s: %w", path, err)
	}
	var errs []error
	for _, e := range te.Errors {
		line, msg := "", e
		if m := yamlLineRe.FindStringSubmatch(e); m != nil {
			line, msg = m[1], m[2]
		}
		if m := yamlUnknownRe.FindStringSubmatch(msg); m != nil {
			if sec, ok := fileSections[m[2]]; ok {
				msg = fmt.Sprintf("unknown key %q %s (known keys: %s)", m[1], sec.where, strings.Join(yamlKeys(sec.typ), ", "))
			} else {
				msg = fmt.Sprintf("unknown key %q", m[1])
			}
		}
		if m := yamlTypeRe.FindStringSubmatch(msg); m != nil {
			msg = fmt.Sprintf("found %s where %s is expected", yamlNoun(m[1]), yamlNoun(m[2]))
		}
		msg = yamlValueRe.ReplaceAllString(msg, "")
		if line != "" {
			errs = append(errs, fmt.Errorf("%s:%s: %s", path, line, msg))
		} else {
			errs = append(errs, fmt.Errorf("%s: %s", path, msg))
		}
	}
	return errors.Join(errs...)
}

// yamlNoun names a YAML tag or a decoded Go type in words.
func yamlNoun(s string) string {
	switch s {
	case "!!str":
		return "a string"
	case "!!int", "!!float", "int", "float64":
		return "a number"
	case "!!bool", "bool":
		return "true or false"
	case "!!seq", "[]string":
		return "a list"
	case "!!map":
		return "a mapping"
	case "!!null":
		return "nothing"
	case "string":
		return "a string"
	case "map[string][]string":
		return "a mapping of group names to target lists"
	case "[]" + reflect.TypeOf(fileTarget{}).String():
		return "a list of targets"
	}
	if _, ok := fileSections[s]; ok {
		return "a mapping"
	}
	return s
}

// yamlKeys lists a file type's keys, leaving out those that exist only to
// be refused.
func yamlKeys(t reflect.Type) []string {
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		k, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if k != "" && k != "-" && k != "url" {
			keys = append(keys, k)
		}
	}
	return keys
}

type configValidator struct {
	path string
	doc  *yaml.Node
	errs []error
}

// fail records a problem at the line of the node that path leads to
// (string keys into mappings, int indexes into sequences).
func (v *configValidator) fail(at []any, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if line := yamlLine(v.doc, at); line > 0 {
		v.errs = append(v.errs, fmt.Errorf("%s:%d: %s", v.path, line, msg))
		return
	}
	v.errs = append(v.errs, fmt.Errorf("%s: %s", v.path, msg))
}

// yamlLine follows path from the document root and returns the line of the
// deepest node reached, so a missing key still points near its place.
func yamlLine(doc *yaml.Node, path []any) int {
	n := doc
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line := n.Line
	for _, step := range path {
		var next *yaml.Node
		switch s := step.(type) {
		case string:
			if n.Kind == yaml.MappingNode {
				for i := 0; i+1 < len(n.Content); i += 2 {
					if n.Content[i].Value == s {
						// Point at the key; its value may start on a later line.
						line = n.Content[i].Line
						next = n.Content[i+1]
						break
					}
				}
			}
		case int:
			if n.Kind == yaml.SequenceNode && s < len(n.Content) {
				next = n.Content[s]
				line = next.Line
			}
		}
		if next == nil {
			break
		}
		n = next
	}
	return line
}

func (v *configValidator) build(raw *fileConfig) *Config {
	cfg := &Config{
		Engine:    strings.TrimSpace(raw.Engine),
		SchemaDir: strings.TrimSpace(raw.SchemaDir),
		PlanDir:   strings.TrimSpace(raw.PlanDir),
	}
	if cfg.Engine != "" && !cfgEngineRe.MatchString(cfg.Engine) {
		v.fail([]any{"engine"}, "engine %q is not an engine name", cfg.Engine)
	}
	if cfg.SchemaDir == "" {
		cfg.SchemaDir = DefaultSchemaDir
	}
	if cfg.PlanDir == "" {
		cfg.PlanDir = DefaultPlanDir
	}
	v.checkDirs(cfg)

	seen := map[string]int{}
	for i, rt := range raw.Targets {
		at := []any{"targets", i}
		t := Target{Name: strings.TrimSpace(rt.Name), URLEnv: strings.TrimSpace(rt.URLEnv), Engine: strings.TrimSpace(rt.Engine)}
		label := strconv.Quote(t.Name)
		if t.Name == "" {
			label = "#" + strconv.Itoa(i+1)
		}
		switch {
		case t.Name == "":
			v.fail(at, "target %s has no name", label)
		case !cfgNameRe.MatchString(t.Name):
			v.fail(append(at, "name"), "target name %q: use letters, digits, '.', '_' and '-' (it names plan files)", t.Name)
		default:
			if first, dup := seen[t.Name]; dup {
				v.fail(append(at, "name"), "target %q is defined twice (first at line %d)", t.Name, yamlLine(v.doc, []any{"targets", first, "name"}))
			} else {
				seen[t.Name] = i
			}
		}
		// Never echo url or url_env values: either may be a secret put in
		// the wrong place.
		if rt.URL != "" {
			v.fail(append(at, "url"), "target %s: a connection URL must not be written in the config file (it holds credentials); put it in an environment variable and use url_env to name that variable", label)
		}
		switch {
		case t.URLEnv == "":
			v.fail(at, "target %s: url_env is missing: name the environment variable that holds the connection URL", label)
		case strings.Contains(t.URLEnv, "://") || strings.Contains(t.URLEnv, "@"):
			v.fail(append(at, "url_env"), "target %s: url_env must name an environment variable, not hold the connection URL itself", label)
		case !cfgEnvRe.MatchString(t.URLEnv):
			v.fail(append(at, "url_env"), "target %s: url_env is not an environment variable name (letters, digits and '_', not starting with a digit)", label)
		}
		if t.Engine != "" && !cfgEngineRe.MatchString(t.Engine) {
			v.fail(append(at, "engine"), "target %s: engine %q is not an engine name", label, t.Engine)
		}
		if t.Engine == "" {
			t.Engine = cfg.Engine
		}
		cfg.Targets = append(cfg.Targets, t)
	}

	if len(raw.Groups) > 0 {
		cfg.Groups = map[string][]string{}
	}
	groupNames := make([]string, 0, len(raw.Groups))
	for g := range raw.Groups {
		groupNames = append(groupNames, g)
	}
	sort.Strings(groupNames) // report problems in a stable order
	for _, g := range groupNames {
		members := raw.Groups[g]
		at := []any{"groups", g}
		if !cfgNameRe.MatchString(g) {
			v.fail(at, "group name %q: use letters, digits, '.', '_' and '-'", g)
		}
		if len(members) == 0 {
			v.fail(at, "group %q has no targets", g)
		}
		inGroup := map[string]bool{}
		for j, m := range members {
			switch {
			case inGroup[m]:
				v.fail(append(at, j), "group %q lists target %q twice", g, m)
			case !cfgHasKey(seen, m):
				v.fail(append(at, j), "group %q: unknown target %q (known targets: %s)", g, m, cfgList(cfgSortedKeys(seen)))
			}
			inGroup[m] = true
		}
		cfg.Groups[g] = append([]string(nil), members...)
	}

	cfg.Policy.AllowDestructive = raw.Policy.AllowDestructive
	// A typo would otherwise silently allow or deny nothing.
	kinds := func(key string, list []string) []engines.HazardKind {
		var out []engines.HazardKind
		for i, h := range list {
			k := engines.HazardKind(strings.TrimSpace(h))
			if k != AllHazards && !knownHazard(k) {
				v.fail([]any{"policy", key, i}, "unknown hazard kind %q (known: %s, or all)", h, hazardNames(KnownHazards()))
				continue
			}
			out = append(out, k)
		}
		return out
	}
	cfg.Policy.AllowHazards = kinds("allow_hazards", raw.Policy.AllowHazards)
	cfg.Policy.DenyHazards = kinds("deny_hazards", raw.Policy.DenyHazards)
	if raw.Policy.Online != nil {
		cfg.Policy.Online.Off = !*raw.Policy.Online
	}
	if raw.Policy.LockTimeout != nil {
		d, err := ParseTimeout(*raw.Policy.LockTimeout)
		if err != nil {
			v.fail([]any{"policy", "lock_timeout"}, "lock_timeout: %v", err)
		}
		cfg.Policy.Online.LockTimeout = d
	}
	if raw.Policy.StatementTimeout != nil {
		d, err := ParseTimeout(*raw.Policy.StatementTimeout)
		if err != nil {
			v.fail([]any{"policy", "statement_timeout"}, "statement_timeout: %v", err)
		}
		cfg.Policy.Online.StatementTimeout = max(d, 0)
	}
	cfg.Policy.SkipDataChecks = raw.Policy.DataChecks != nil && !*raw.Policy.DataChecks
	return cfg
}

// ParseTimeout reads a timeout as the config and the flags take it: a Go
// duration ("5s", "1m30s"), or "0" / "none" for no timeout, which it
// returns as a negative duration (0 means "the default" to the engines).
func ParseTimeout(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "0" || strings.EqualFold(s, "none") {
		return -1, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a duration (like 5s, 2m) nor 0 or none", s)
	}
	if d <= 0 {
		return -1, nil
	}
	return d, nil
}

// checkDirs keeps the directories relative (the config travels with the
// repository) and the plans out of the schema directory, where their .sql
// files would be read as schema.
func (v *configValidator) checkDirs(cfg *Config) {
	for _, d := range []struct{ key, val string }{{"schema_dir", cfg.SchemaDir}, {"plan_dir", cfg.PlanDir}} {
		if filepath.IsAbs(d.val) {
			v.fail([]any{d.key}, "%s must be relative to the directory of %s", d.key, ConfigFileName)
		}
	}
	s, p := filepath.Clean(cfg.SchemaDir), filepath.Clean(cfg.PlanDir)
	if rel, err := filepath.Rel(s, p); err == nil && (rel == "." || !strings.HasPrefix(rel, "..")) {
		v.fail([]any{"plan_dir"}, "plan_dir %s is inside schema_dir %s: plan files would be read as schema files", cfg.PlanDir, cfg.SchemaDir)
	}
}

func cfgHasKey(m map[string]int, k string) bool {
	_, ok := m[k]
	return ok
}

func cfgSortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func cfgList(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// FindConfig looks for schemasync.yaml in startDir and its parents, up to
// the root of the git repository containing startDir (the directory holding
// .git) or the file system root outside a repository. The error wraps
// fs.ErrNotExist when there is none.
func FindConfig(startDir string) (string, error) {
	start, err := filepath.Abs(startDir)
	if err != nil {
		return "", fmt.Errorf("find %s: %w", ConfigFileName, err)
	}
	for dir := start; ; {
		p := filepath.Join(dir, ConfigFileName)
		info, err := os.Stat(p)
		if err == nil && !info.IsDir() {
			return p, nil
		}
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("find %s: %w", ConfigFileName, err)
		}
		// .git is a directory, or a file in worktrees and submodules.
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return "", fmt.Errorf("no %s in %s or its parents up to the repository root %s: %w", ConfigFileName, start, dir, fs.ErrNotExist)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no %s in %s or its parents: %w", ConfigFileName, start, fs.ErrNotExist)
		}
		dir = parent
	}
}

// SchemaPath is the schema directory on disk.
func (c *Config) SchemaPath() string { return filepath.Join(c.Dir, c.SchemaDir) }

// PlanPath is the plan directory on disk.
func (c *Config) PlanPath() string { return filepath.Join(c.Dir, c.PlanDir) }

// SelectTargets returns the targets named directly or through groups, in
// the file's order and each once. An empty selection means every target.
// Unknown names are errors that list the known ones.
func (c *Config) SelectTargets(names, groups []string) ([]Target, error) {
	if len(c.Targets) == 0 {
		return nil, fmt.Errorf("%s defines no targets", c.describe())
	}
	if len(names) == 0 && len(groups) == 0 {
		return append([]Target(nil), c.Targets...), nil
	}
	known := map[string]bool{}
	var targetNames []string
	for _, t := range c.Targets {
		known[t.Name] = true
		targetNames = append(targetNames, t.Name)
	}
	want := map[string]bool{}
	var errs []error
	for _, n := range names {
		if !known[n] {
			errs = append(errs, fmt.Errorf("unknown target %q (known targets: %s)", n, cfgList(targetNames)))
			continue
		}
		want[n] = true
	}
	for _, g := range groups {
		members, ok := c.Groups[g]
		if !ok {
			errs = append(errs, fmt.Errorf("unknown group %q (known groups: %s)", g, cfgList(cfgSortedKeys(c.Groups))))
			continue
		}
		for _, m := range members {
			want[m] = true
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	var out []Target
	for _, t := range c.Targets {
		if want[t.Name] {
			out = append(out, t)
		}
	}
	return out, nil
}

func (c *Config) describe() string {
	if c.Path != "" {
		return c.Path
	}
	return ConfigFileName
}

// URL reads the target's connection URL from its environment variable
// (getenv nil means os.Getenv). The error names the variable and never the
// value.
func (t Target) URL(getenv func(string) string) (string, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	if t.URLEnv == "" {
		return "", fmt.Errorf("target %q has no url_env", t.Name)
	}
	u := strings.TrimSpace(getenv(t.URLEnv))
	if u == "" {
		return "", fmt.Errorf("target %q: environment variable %s is not set or empty; it must hold the connection URL", t.Name, t.URLEnv)
	}
	return u, nil
}
