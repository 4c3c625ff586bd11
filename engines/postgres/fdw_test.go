package postgres

import "testing"

// Secret option values read from a server are kept as digests; what a
// file writes compares equal to the digest of the same value.
func TestSensitiveOptions(t *testing.T) {
	cases := []struct {
		name   string
		secret bool
	}{
		{"password", true}, {"sslpassword", true}, {"PASSWORD", true}, {"client_secret", true}, {"api_token", true},
		{"password_required", false}, {"user", false}, {"host", false},
	}
	for _, c := range cases {
		if got := sensitiveOption(c.name); got != c.secret {
			t.Errorf("sensitiveOption(%q) = %v, want %v", c.name, got, c.secret)
		}
	}
	target := []string{"password=" + optionDigest("s3cret"), "user=reader"}
	if sql := alterOptionsSQL(target, []string{"password=s3cret", "user=reader"}); sql != "" {
		t.Errorf("same secret planned a change: %q", sql)
	}
	sql := alterOptionsSQL(target, []string{"password=other", "user=reader"})
	if sql != " OPTIONS (SET password 'other')" {
		t.Errorf("changed secret: got %q", sql)
	}
}
