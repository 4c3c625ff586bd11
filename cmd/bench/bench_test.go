package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestMain lets the test binary serve as the benchmark's spawner.
func TestMain(m *testing.M) {
	if os.Getenv(spawnerEnv) != "" {
		if err := serveSpawner(os.Stdin, os.Stdout); err != nil {
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestBenchTiny runs the whole benchmark at 10 tables, once, against the
// real servers (with the reference dumper and, on PostgreSQL, a fleet of 2
// targets) and checks that the table has its row with a number in every
// cell, so that the command cannot rot.
func TestBenchTiny(t *testing.T) {
	for _, engine := range []string{"postgres", "mariadb"} {
		t.Run(engine, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			var suffix [4]byte
			_, _ = rand.Read(suffix[:])
			args := []string{"--engine", engine, "--tables", "10", "--runs", "1", "--drop",
				"--prefix", "ss_benchtest_" + hex.EncodeToString(suffix[:])}
			if engine == "postgres" {
				args = append(args, "--fleet", "2x10", "--latency", "1ms")
			}
			// A server whose variable is unset fails here, never skips.
			opts, err := parseFlags(args, os.Getenv, &bytes.Buffer{})
			if err != nil {
				t.Fatal(err)
			}
			var log bytes.Buffer
			opts.Log = &log
			var out bytes.Buffer
			if err := run(ctx, opts, &out); err != nil {
				t.Fatalf("bench: %v\nlog:\n%s", err, log.String())
			}
			t.Logf("\n%s", out.String())
			checkRow(t, out.String(), "| 10 |", []string{dur, dur, dur, dur, dur, dur, ratio, mb, mb, count, count})
			if engine == "postgres" {
				checkRow(t, out.String(), "| 2 |", []string{count, count, dur, ratio, `2`, mb})
				ref := regexp.MustCompile("`pg_dump --schema-only` of one " + dur + ", of all 2 " + dur + ", " + ratio)
				if !ref.MatchString(out.String()) {
					t.Errorf("no fleet reference line in the report")
				}
				floor := regexp.MustCompile(`The floor on the same databases, 8 at a time \(.*\): one ` + dur + `, all 2 ` + dur + `, ` + ratio + ` one target's plan; per target [0-9.]+ ms of the client's processor time( and [0-9.]+ ms of the server's)?\.`)
				if !floor.MatchString(out.String()) {
					t.Errorf("no floor line in the report")
				}
				relayed := regexp.MustCompile(`relay delaying each direction by 1ms \(a round trip of 2ms\)\. Through it, one target took ` + count + ` connections and ` + count + ` round trips; the 2 targets ` + count + ` and ` + count + `\.`)
				if !relayed.MatchString(out.String()) {
					t.Errorf("no relay line in the report")
				}
			}
		})
	}
}

// Cell patterns: a duration, a ratio, a size, a positive count.
const (
	dur   = `[0-9]+(\.[0-9]+)? s`
	ratio = `[0-9]+\.[0-9]+×`
	mb    = `[1-9][0-9]* MB`
	count = `[1-9][0-9]*`
)

// checkRow finds the table row starting with prefix and matches its
// cells after the first against the patterns.
func checkRow(t *testing.T, out, prefix string, patterns []string) {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, prefix) {
			continue
		}
		cells := strings.Split(strings.Trim(line, "| "), " | ")
		if len(cells) != len(patterns)+1 {
			t.Fatalf("row %q has %d cells, want %d", line, len(cells), len(patterns)+1)
		}
		for i, p := range patterns {
			if !regexp.MustCompile(`^` + p + `$`).MatchString(cells[i+1]) {
				t.Errorf("row %q: cell %d is %q, want %s", line, i+2, cells[i+1], p)
			}
		}
		return
	}
	t.Fatalf("no row starting with %q in:\n%s", prefix, out)
}

func TestParseFlags(t *testing.T) {
	env := func(k string) string {
		return map[string]string{"SCHEMASYNC_TEST_POSTGRES": "postgres://x@localhost/postgres"}[k]
	}
	cases := []struct {
		args []string
		err  string
	}{
		{[]string{"--tables", "100,1000"}, ""},
		{[]string{"--tables", "0"}, "not a positive number"},
		{[]string{"--engine", "oracle"}, "--engine must be"},
		{[]string{"--engine", "mariadb"}, "SCHEMASYNC_TEST_MARIADB"},
		{[]string{"--fleet", "50"}, "--fleet must be NxM"},
		{[]string{"--ref", "maybe"}, "--ref must be"},
		{[]string{"--prefix", "Bad-Name"}, "--prefix"},
	}
	for _, c := range cases {
		_, err := parseFlags(c.args, env, &bytes.Buffer{})
		switch {
		case c.err == "" && err != nil:
			t.Errorf("%v: %v", c.args, err)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%v: error %v, want one containing %q", c.args, err, c.err)
		}
	}
}
