package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestSafetyFlags: the online strategies and timeouts of diff follow the
// flags; --allow-hazards refuses unknown kinds; the JSON output lists the
// hazards of each statement.
func TestSafetyFlags(t *testing.T) {
	base := []string{"diff", "--engine", "postgres", "--source", exampleV2, "--target", exampleV1}
	for _, tc := range []struct {
		name       string
		flags      []string
		want, none []string
	}{
		{"defaults", nil, []string{"SET lock_timeout = '5s';", "NOT VALID;", "VALIDATE CONSTRAINT orders_customer_id_fkey"}, []string{"statement_timeout"}},
		{"online off", []string{"--online=false"}, []string{"SET lock_timeout = '5s';"}, []string{"NOT VALID", "VALIDATE", "CONCURRENTLY"}},
		{"timeouts", []string{"--lock-timeout", "2s", "--statement-timeout", "1m"}, []string{"SET statement_timeout = '60s';", "SET lock_timeout = '2s';"}, []string{"'5s'"}},
		{"no lock timeout", []string{"--lock-timeout", "0"}, nil, []string{"lock_timeout"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, append(append([]string(nil), base...), tc.flags...)...)
			if code != 0 {
				t.Fatalf("exit %d\n%s", code, errOut)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, n := range tc.none {
				if strings.Contains(out, n) {
					t.Errorf("output holds %q:\n%s", n, out)
				}
			}
		})
	}
	if code, _, errOut := runCLI(t, append(base, "--lock-timeout", "soon")...); code != 1 || !strings.Contains(errOut, `--lock-timeout: "soon" is not a duration`) {
		t.Errorf("bad --lock-timeout: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "apply", "--plan", "testdata", "--allow-hazards", "index-drop"); code != 1 || !strings.Contains(errOut, `unknown hazard kind "index-drop"`) {
		t.Errorf("bad --allow-hazards: exit %d\n%s", code, errOut)
	}

	code, out, errOut := runCLI(t, append(base, "--format", "json")...)
	if code != 0 {
		t.Fatalf("json: exit %d\n%s", code, errOut)
	}
	var plan struct {
		Statements []struct {
			SQL           string `json:"sql"`
			NoTransaction bool   `json:"no_transaction"`
			Hazards       []struct {
				Kind, Message string
			} `json:"hazards"`
		} `json:"statements"`
	}
	if err := json.Unmarshal([]byte(out), &plan); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, s := range plan.Statements {
		if strings.Contains(s.SQL, "VALIDATE CONSTRAINT") {
			found = s.NoTransaction && len(s.Hazards) == 2 && s.Hazards[0].Kind == "may_fail_on_data" && s.Hazards[1].Kind == "not_transactional"
		}
	}
	if !found {
		t.Errorf("JSON lacks the VALIDATE statement with its hazards:\n%s", out)
	}
}
