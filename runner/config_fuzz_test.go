package runner_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/schemasync/schemasync/internal/fuzzkit"
	"github.com/schemasync/schemasync/runner"
)

// urlPassword finds the password of URLs written in a config file.
var urlPassword = regexp.MustCompile(`://[^:/@\s'"]*:([^@\s'"]{4,})@`)

// FuzzLoadConfig: any file loads or fails without panicking, the same way
// every time; a password in a URL written anywhere in the file is never in
// the error; a loaded config holds only valid, known names.
func FuzzLoadConfig(f *testing.F) {
	for _, s := range fuzzkit.Files(f, []string{".yaml"}, "testdata/config") {
		f.Add(s)
	}
	f.Add("targets:\n  - name: a\n    url_env: A\n    url: mysql://root:hunter22@db:3306/app\n")
	f.Add("policy: {allow_hazards: postgres://u:hunter22@h/db}\n")
	f.Add("groups:\n  g: mysql://u:hunter22@h/db\n")
	// One file per process, rewritten for each input (a directory per
	// input would cost more than the load).
	path := filepath.Join(f.TempDir(), "schemasync.yaml")
	f.Fuzz(func(t *testing.T, text string) {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		cfg, err := runner.LoadConfig(path)
		cfg2, err2 := runner.LoadConfig(path)
		if errText(err) != errText(err2) || jsonOf(t, cfg) != jsonOf(t, cfg2) {
			t.Fatalf("two loads differ:\n%v\n%v", err, err2)
		}
		if err != nil {
			for _, m := range urlPassword.FindAllStringSubmatch(text, -1) {
				if pw := m[1]; strings.Count(text, pw) == 1 && strings.Contains(err.Error(), pw) {
					t.Fatalf("the error shows the password %q:\n%v", pw, err)
				}
			}
			return
		}
		names := map[string]bool{}
		for _, tg := range cfg.Targets {
			if tg.Name == "" || tg.URLEnv == "" || names[tg.Name] {
				t.Fatalf("loaded a target without a name or url_env, or twice: %+v", tg)
			}
			names[tg.Name] = true
		}
		for g, members := range cfg.Groups {
			for _, m := range members {
				if !names[m] {
					t.Fatalf("group %s names the unknown target %q", g, m)
				}
			}
		}
		if cfg.SchemaDir == "" || cfg.PlanDir == "" {
			t.Fatalf("directories not defaulted: %+v", cfg)
		}
	})
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func jsonOf(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
