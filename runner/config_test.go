package runner

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/schemasync/schemasync/engines"
)

// TestConfigTestdata loads every runner/testdata/config/*.yaml. A file's
// "# want-error: TEXT" lines each name a part of the expected error (the
// file is valid when it has none); "# never: TEXT" lines name text the
// error must not contain, such as a password written in the wrong place.
func TestConfigTestdata(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "config", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 10 {
		t.Fatalf("found only %d config cases", len(paths))
	}
	for _, p := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(p), ".yaml"), func(t *testing.T) {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			var wants, nevers []string
			for _, line := range strings.Split(string(data), "\n") {
				if s, ok := strings.CutPrefix(line, "# want-error: "); ok {
					wants = append(wants, s)
				}
				if s, ok := strings.CutPrefix(line, "# never: "); ok {
					nevers = append(nevers, s)
				}
			}
			cfg, err := LoadConfig(p)
			if len(wants) == 0 {
				if err != nil {
					t.Fatalf("LoadConfig: %v", err)
				}
				if cfg.SchemaDir == "" || cfg.PlanDir == "" {
					t.Errorf("directories not defaulted: %+v", cfg)
				}
				return
			}
			if err == nil {
				t.Fatalf("LoadConfig succeeded, want an error containing %q", wants)
			}
			for _, w := range wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not contain %q:\n%v", w, err)
				}
			}
			for _, n := range nevers {
				if strings.Contains(err.Error(), n) {
					t.Errorf("error reveals %q:\n%v", n, err)
				}
			}
		})
	}
}

func TestConfigValid(t *testing.T) {
	cfg, err := LoadConfig(filepath.Join("testdata", "config", "valid.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(filepath.Join("testdata", "config"))
	if cfg.Dir != abs || cfg.Path != filepath.Join(abs, "valid.yaml") {
		t.Errorf("Dir, Path = %s, %s", cfg.Dir, cfg.Path)
	}
	if cfg.Engine != "postgres" || cfg.SchemaDir != "db/schema" || cfg.PlanDir != "plans" {
		t.Errorf("engine/dirs = %q %q %q", cfg.Engine, cfg.SchemaDir, cfg.PlanDir)
	}
	if cfg.SchemaPath() != filepath.Join(abs, "db", "schema") || cfg.PlanPath() != filepath.Join(abs, "plans") {
		t.Errorf("SchemaPath, PlanPath = %s, %s", cfg.SchemaPath(), cfg.PlanPath())
	}
	wantTargets := []Target{
		{Name: "prod-eu", URLEnv: "PROD_EU_URL", Engine: "postgres"},
		{Name: "prod-us", URLEnv: "PROD_US_URL", Engine: "postgres"},
		{Name: "staging", URLEnv: "STAGING_URL", Engine: "mysql"},
	}
	if !reflect.DeepEqual(cfg.Targets, wantTargets) {
		t.Errorf("targets = %+v", cfg.Targets)
	}
	wantGroups := map[string][]string{"prod": {"prod-eu", "prod-us"}, "all-eu": {"prod-eu", "staging"}}
	if !reflect.DeepEqual(cfg.Groups, wantGroups) {
		t.Errorf("groups = %+v", cfg.Groups)
	}
	wantPolicy := Policy{AllowDestructive: true, AllowHazards: []engines.HazardKind{engines.HazardIndexBuild, engines.HazardBlockingLock}}
	if !reflect.DeepEqual(cfg.Policy, wantPolicy) {
		t.Errorf("policy = %+v", cfg.Policy)
	}
	if !cfg.Policy.AllowsHazard(engines.HazardBlockingLock) || cfg.Policy.AllowsHazard(engines.HazardRewritesTable) {
		t.Error("AllowsHazard does not follow allow_hazards")
	}
	// allow_destructive allows deletes_data.
	if !cfg.Policy.AllowsHazard(engines.HazardDeletesData) {
		t.Error("allow_destructive does not allow deletes_data")
	}
}

func TestConfigSafetyPolicy(t *testing.T) {
	cfg, err := LoadConfig(filepath.Join("testdata", "config", "policy_online.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	want := engines.OnlineOptions{Off: true, LockTimeout: -1, StatementTimeout: 10 * time.Minute}
	if cfg.Policy.Online != want || !cfg.Policy.SkipDataChecks {
		t.Errorf("policy = %+v, want online %+v and no data checks", cfg.Policy, want)
	}
	for _, k := range KnownHazards() {
		if !cfg.Policy.AllowsHazard(k) {
			t.Errorf("allow_hazards [all] does not allow %s", k)
		}
	}
	minimal, err := LoadConfig(filepath.Join("testdata", "config", "minimal.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if minimal.Policy.Online != (engines.OnlineOptions{}) || minimal.Policy.SkipDataChecks {
		t.Errorf("default policy = %+v", minimal.Policy)
	}
	for k, allowed := range map[engines.HazardKind]bool{
		engines.HazardIndexBuild: true, engines.HazardMayFailOnData: true, engines.HazardNotTransaction: true, engines.HazardRecreate: true,
		engines.HazardDeletesData: false, engines.HazardRewritesTable: false, engines.HazardBlockingLock: false,
		engines.HazardIndexDropped: false, engines.HazardAuthorization: false,
	} {
		if minimal.Policy.AllowsHazard(k) != allowed {
			t.Errorf("default policy allows %s: %v, want %v", k, !allowed, allowed)
		}
	}
}

func TestConfigDefaults(t *testing.T) {
	cfg, err := LoadConfig(filepath.Join("testdata", "config", "minimal.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.SchemaDir != DefaultSchemaDir || cfg.PlanDir != DefaultPlanDir || cfg.Engine != "" || cfg.Groups != nil {
		t.Errorf("defaults = %+v", cfg)
	}
	if cfg.Policy.AllowDestructive || len(cfg.Policy.AllowHazards) != 0 {
		t.Errorf("policy is not closed by default: %+v", cfg.Policy)
	}
	empty, err := LoadConfig(filepath.Join("testdata", "config", "empty.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := empty.SelectTargets(nil, nil); err == nil || !strings.Contains(err.Error(), "defines no targets") {
		t.Errorf("SelectTargets on a config without targets: %v", err)
	}
	if _, err := LoadConfig(filepath.Join("testdata", "config", "no-such-file.yaml")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("LoadConfig of a missing file: %v", err)
	}
}

func TestConfigSelectTargets(t *testing.T) {
	cfg, err := LoadConfig(filepath.Join("testdata", "config", "valid.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		names, groups []string
		want          []string
		err           []string
	}{
		{want: []string{"prod-eu", "prod-us", "staging"}},
		{names: []string{"staging"}, want: []string{"staging"}},
		// File order, each once, names and groups combined.
		{names: []string{"staging", "prod-eu"}, groups: []string{"prod"}, want: []string{"prod-eu", "prod-us", "staging"}},
		{groups: []string{"all-eu"}, want: []string{"prod-eu", "staging"}},
		{names: []string{"prod-asia"}, err: []string{`unknown target "prod-asia"`, "known targets: prod-eu, prod-us, staging"}},
		{groups: []string{"dev"}, err: []string{`unknown group "dev"`, "known groups: all-eu, prod"}},
		{names: []string{"x"}, groups: []string{"y"}, err: []string{`unknown target "x"`, `unknown group "y"`}},
	}
	for _, tt := range tests {
		got, err := cfg.SelectTargets(tt.names, tt.groups)
		if tt.err != nil {
			if err == nil {
				t.Errorf("SelectTargets(%v, %v): no error", tt.names, tt.groups)
				continue
			}
			for _, w := range tt.err {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("SelectTargets(%v, %v) error %q lacks %q", tt.names, tt.groups, err, w)
				}
			}
			continue
		}
		if err != nil {
			t.Errorf("SelectTargets(%v, %v): %v", tt.names, tt.groups, err)
			continue
		}
		var names []string
		for _, tg := range got {
			names = append(names, tg.Name)
		}
		if !reflect.DeepEqual(names, tt.want) {
			t.Errorf("SelectTargets(%v, %v) = %v, want %v", tt.names, tt.groups, names, tt.want)
		}
	}
}

func TestConfigTargetURL(t *testing.T) {
	const secret = "postgres://app:pa55word@db.example.com/app"
	env := map[string]string{"PROD_URL": "  " + secret + "\n", "EMPTY_URL": ""}
	getenv := func(k string) string { return env[k] }

	u, err := Target{Name: "prod", URLEnv: "PROD_URL"}.URL(getenv)
	if err != nil || u != secret {
		t.Errorf("URL = %q, %v", u, err)
	}
	for _, name := range []string{"EMPTY_URL", "MISSING_URL"} {
		_, err := Target{Name: "staging", URLEnv: name}.URL(getenv)
		if err == nil || !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), `"staging"`) {
			t.Errorf("URL with %s unset: %v", name, err)
		}
	}
	t.Setenv("SCHEMASYNC_CONFIG_TEST_URL", "postgres://x@y/z")
	if u, err := (Target{Name: "t", URLEnv: "SCHEMASYNC_CONFIG_TEST_URL"}).URL(nil); err != nil || u != "postgres://x@y/z" {
		t.Errorf("URL from the process environment = %q, %v", u, err)
	}
}

func TestFindConfig(t *testing.T) {
	base := t.TempDir()
	repo := filepath.Join(base, "repo")
	deep := filepath.Join(repo, "a", "b")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	// A config above the repository root must not be found.
	if err := os.WriteFile(filepath.Join(base, ConfigFileName), []byte("engine: postgres\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := FindConfig(deep); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "repository root") {
		t.Errorf("FindConfig crossed the repository root: %v", err)
	}

	atRoot := filepath.Join(repo, ConfigFileName)
	if err := os.WriteFile(atRoot, []byte("engine: postgres\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := FindConfig(deep); err != nil || got != atRoot {
		t.Errorf("FindConfig = %s, %v; want %s", got, err, atRoot)
	}
	nearer := filepath.Join(repo, "a", ConfigFileName)
	if err := os.WriteFile(nearer, []byte("engine: postgres\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := FindConfig(deep); err != nil || got != nearer {
		t.Errorf("FindConfig = %s, %v; want the nearest %s", got, err, nearer)
	}
}
