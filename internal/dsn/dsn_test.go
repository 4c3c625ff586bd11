package dsn

import (
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	tests := []struct {
		in, secret, keep string
	}{
		{"postgres://u:s3cret@h:5432/db", "s3cret", "h:5432/db"},
		{"postgres://u:p%40ss@h/db", "p%40ss", "u:xxxxx@h"},
		{"mysql://root:bad%zzpw@h:3306/db", "bad%zzpw", "root:xxxxx@h"}, // does not parse as a URL
		{"postgres://h/db?password=topsecret&sslmode=disable", "topsecret", "sslmode=disable"},
		{"postgres://u@h/db", "", "u@h/db"},
	}
	for _, tt := range tests {
		got := Redact(tt.in)
		if tt.secret != "" && strings.Contains(got, tt.secret) {
			t.Errorf("Redact(%q) = %q leaks the password", tt.in, got)
		}
		if !strings.Contains(got, tt.keep) {
			t.Errorf("Redact(%q) = %q, want it to keep %q", tt.in, got, tt.keep)
		}
	}
}

func TestScrub(t *testing.T) {
	msg := Scrub("postgres://u:p@ss w@h/db", "failed for p@ss w at h")
	if strings.Contains(msg, "p@ss w") {
		t.Fatalf("Scrub left the password: %q", msg)
	}
}
