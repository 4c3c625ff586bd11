package main

// Invariant 8: a password or token never appears in any output, error,
// plan file, preview, report, commit or history row. Every command of the
// CLI (found by walking the command tree, so that a new command cannot be
// forgotten) runs in-process with known secrets in its target URLs, in
// the environment the config's url_env names, and in forge tokens, on
// paths that succeed and paths that fail (wrong port, no such database,
// wrong password, bad files, a malformed URL); then its output, every file
// written, every git object, the fake forges' traffic and the targets'
// history are searched for each secret, raw and URL-escaped.

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/spf13/cobra"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/engines/mysql"
	"github.com/schemasync/schemasync/engines/postgres"
	"github.com/schemasync/schemasync/internal/testdb"
	"github.com/schemasync/schemasync/runner"
)

// The secrets. Each holds "SECRET", which is searched for too, so that a
// piece of a secret is found as well as a whole one; the second needs
// escaping in a URL.
const (
	pgSecret      = "PgSECRET-7zq9w"
	pgSecretEsc   = "p@ss:w/rd#PgSECRET?2"
	mySecret      = "MySECRET_4kd8m"
	tidbSecret    = "TidbSECRET-3xv"
	oracleSecret  = "OraSECRET-5yb"
	wrongGHToken  = "ghs_WRONGSECRETtoken000111"
	wrongGLToken  = "glpat-WRONGSECRETtoken222"
	secretTimeout = 2 * time.Minute
)

// secretForms lists a secret as it may leak: raw, and escaped the ways a
// URL or a query string escapes it.
func secretForms(s string) []string {
	forms := []string{s}
	add := func(f string) {
		for _, have := range forms {
			if have == f {
				return
			}
		}
		forms = append(forms, f)
	}
	add(url.QueryEscape(s))
	add(url.PathEscape(s))
	add(strings.TrimPrefix(url.UserPassword("u", s).String(), "u:"))
	return forms
}

// editURL returns the URL changed by edit.
func editURL(t *testing.T, raw string, edit func(u *url.URL)) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	edit(u)
	return u.String()
}

// withPassword returns the URL with user info user:password.
func withPassword(t *testing.T, raw, user, password string) string {
	return editURL(t, raw, func(u *url.URL) { u.User = url.UserPassword(user, password) })
}

// withHost returns the URL pointed at another host:port or database.
func withHost(t *testing.T, raw, host, db string) string {
	return editURL(t, raw, func(u *url.URL) {
		if host != "" {
			u.Host = host
		}
		if db != "" {
			u.Path = "/" + db
		}
	})
}

// withQuery returns the URL with one more query parameter.
func withQuery(t *testing.T, raw, key, value string) string {
	return editURL(t, raw, func(u *url.URL) {
		q := u.Query()
		q.Set(key, value)
		u.RawQuery = q.Encode()
	})
}

// secretCase is one command line. ok says whether it must succeed (exit
// 0, or 2 for "changes found") or fail (exit 1): both paths are wanted.
type secretCase struct {
	name string
	args []string
	env  map[string]string
	ok   bool
	// prepare runs first (it may need files an earlier case wrote).
	prepare func(t *testing.T)
}

func TestSecretsNeverShown(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), secretTimeout)
	defer cancel()
	for _, v := range ciVars {
		t.Setenv(v, "")
	}
	tmp := t.TempDir()
	var secrets []string
	for _, s := range []string{pgSecret, pgSecretEsc, mySecret, tidbSecret, oracleSecret} {
		secrets = append(secrets, secretForms(s)...)
	}
	secrets = append(secrets, fakeGitHubToken, fakeGitLabToken, wrongGHToken, wrongGLToken, "SECRET")

	// PostgreSQL: the test server trusts local connections, so URLs with a
	// password connect and the success paths run with the secret in them.
	pgPlain := testdb.Postgres(t)
	pgDB := pgPlain[strings.LastIndex(pgPlain, "/")+1:]
	pgDB = strings.SplitN(pgDB, "?", 2)[0]
	if err := testdb.ExecPostgres(ctx, pgPlain, "CREATE TABLE items (id integer PRIMARY KEY);"); err != nil {
		t.Fatal(err)
	}
	pgURL := withPassword(t, pgPlain, "postgres", pgSecret)
	pgURLEsc := withPassword(t, pgPlain, "postgres", pgSecretEsc)
	pgQuery := withQuery(t, pgPlain, "password", pgSecret)
	pgDown := withHost(t, pgURL, "127.0.0.1:1", "")
	pgNoDB := withHost(t, pgURLEsc, "", "ss_no_such_database")
	pgRawEsc := "postgres://postgres:" + pgSecretEsc + "@127.0.0.1:5432/" + pgDB
	pgBadPort := "postgres://postgres:" + pgSecret + "@127.0.0.1:notaport/" + pgDB

	// MySQL: a user of our own with a password, allowed on one database.
	server := testdb.MySQLServers(t)[0]
	myPlain := testdb.MySQL(t, server)
	myUser := "ss_sec_" + strings.TrimPrefix(myPlain[strings.LastIndex(myPlain, "_")+1:], "")
	for _, q := range []string{
		fmt.Sprintf("CREATE USER '%s'@'%%' IDENTIFIED BY '%s'", myUser, mySecret),
		fmt.Sprintf("GRANT ALL ON `%s`.* TO '%s'@'%%'", myPlain[strings.LastIndex(myPlain, "/")+1:], myUser),
		"CREATE TABLE items (id int PRIMARY KEY)",
	} {
		if err := testdb.ExecMySQL(ctx, myPlain, q); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		_ = testdb.ExecMySQL(context.Background(), myPlain, fmt.Sprintf("DROP USER '%s'@'%%'", myUser))
	})
	myURL := withPassword(t, myPlain, myUser, mySecret)
	myWrongUser := withPassword(t, myPlain, myUser+"x", mySecret)
	myNoDB := withHost(t, myURL, "", "ss_no_such_database")
	tidbURL := "tidb://root:" + tidbSecret + "@127.0.0.1:1/app"
	oracleURL := "oracle://scott:" + oracleSecret + "@127.0.0.1:1/ORCLPDB1"

	// Files: schema versions for both engines, plans, broken files.
	pgFiles := filepath.Join(tmp, "files", "pg")
	myFiles := filepath.Join(tmp, "files", "my")
	oraFiles := filepath.Join(tmp, "files", "oracle")
	writeRepoFile(t, pgFiles, "items.sql", "CREATE TABLE items (id integer PRIMARY KEY, label text);\n")
	writeRepoFile(t, myFiles, "items.sql", "CREATE TABLE items (id int PRIMARY KEY, label varchar(20));\n")
	writeRepoFile(t, oraFiles, "items.sql", "CREATE TABLE items (id NUMBER PRIMARY KEY, label VARCHAR2(20));\n")
	writeRepoFile(t, tmp, "files/pg_plain.sql", "CREATE TABLE extra_pg (id integer);\n")
	writeRepoFile(t, tmp, "files/pg_bad.sql", "ALTER TABLE no_such_table ADD COLUMN x integer;\n")
	writeRepoFile(t, tmp, "files/my_plain.sql", "CREATE TABLE extra_my (id int);\n")
	writeRepoFile(t, tmp, "files/my_bad.sql", "ALTER TABLE no_such_table ADD COLUMN x int;\n")

	// The project: a repository with a config per engine, pushed to a
	// fake GitHub and a fake GitLab.
	dev := filepath.Join(tmp, "dev")
	repo, err := git.PlainInitWithOptions(dev, &git.PlainInitOptions{InitOptions: git.InitOptions{DefaultBranch: plumbing.Main}})
	if err != nil {
		t.Fatal(err)
	}
	ghBare, glBare := filepath.Join(tmp, "github.git"), filepath.Join(tmp, "gitlab.git")
	for _, b := range []string{ghBare, glBare} {
		if _, err := git.PlainInitWithOptions(b, &git.PlainInitOptions{Bare: true, InitOptions: git.InitOptions{DefaultBranch: plumbing.Main}}); err != nil {
			t.Fatal(err)
		}
	}
	for name, b := range map[string]string{"origin": ghBare, "gitlab": glBare} {
		if _, err := repo.CreateRemote(&config.RemoteConfig{Name: name, URLs: []string{b}}); err != nil {
			t.Fatal(err)
		}
	}
	gh, gl := newGitHubHarness(t, ghBare), newGitLabHarness(t, glBare)
	writeRepoFile(t, dev, "schemasync.yaml", `engine: postgres
schema_dir: schema
plan_dir: plans
targets:
  - name: pg
    url_env: SS_SEC_PG
  - name: pgdown
    url_env: SS_SEC_PGDOWN
  - name: pgraw
    url_env: SS_SEC_PGRAW
`)
	writeRepoFile(t, dev, "mysql.yaml", `engine: mysql
schema_dir: schema_my
plan_dir: plans_my
targets:
  - name: my
    url_env: SS_SEC_MY
  - name: mydown
    url_env: SS_SEC_MYDOWN
`)
	writeRepoFile(t, dev, "schema/items.sql", "CREATE TABLE items (id integer PRIMARY KEY);\n")
	writeRepoFile(t, dev, "schema/.schemasync-dump", "")
	writeRepoFile(t, dev, "schema_my/items.sql", "CREATE TABLE items (id int PRIMARY KEY);\n")
	commitAndPush := func(msg, tag string) {
		t.Helper()
		w, _ := repo.Worktree()
		if err := w.AddWithOptions(&git.AddOptions{All: true}); err != nil {
			t.Fatal(err)
		}
		h, err := w.Commit(msg, &git.CommitOptions{Author: &object.Signature{Name: "Dev", Email: "dev@example.com", When: time.Date(2025, 4, 1, 9, 0, 0, 0, time.UTC)}})
		if err != nil {
			t.Fatal(err)
		}
		if tag != "" {
			if _, err := repo.CreateTag(tag, h, nil); err != nil {
				t.Fatal(err)
			}
		}
		for _, remote := range []string{"origin", "gitlab"} {
			spec := config.RefSpec("refs/heads/main:refs/heads/main")
			if err := repo.Push(&git.PushOptions{RemoteName: remote, RefSpecs: []config.RefSpec{spec}}); err != nil && err != git.NoErrAlreadyUpToDate {
				t.Fatalf("push to %s: %v", remote, err)
			}
		}
	}
	commitAndPush("v1", "v1")
	writeRepoFile(t, dev, "schema/items.sql", "CREATE TABLE items (id integer PRIMARY KEY, label text);\n")
	writeRepoFile(t, dev, "schema_my/items.sql", "CREATE TABLE items (id int PRIMARY KEY, label varchar(20));\n")
	commitAndPush("v2", "v2")
	cfg, myCfg := filepath.Join(dev, "schemasync.yaml"), filepath.Join(dev, "mysql.yaml")

	t.Setenv("SS_SEC_PG", pgURL)
	t.Setenv("SS_SEC_PGDOWN", pgDown)
	t.Setenv("SS_SEC_PGRAW", pgRawEsc)
	t.Setenv("SS_SEC_MY", myURL)
	t.Setenv("SS_SEC_MYDOWN", myNoDB)
	out := func(name string) string { return filepath.Join(tmp, "out", name) }
	ghEnv := func(token string) map[string]string {
		env := map[string]string{"GITHUB_STEP_SUMMARY": out("gh-summary.md"), "GITHUB_OUTPUT": out("gh-output.txt"), "GITHUB_WORKSPACE": dev}
		for k, v := range gh.env {
			env[k] = v
		}
		if token != "" {
			env["GITHUB_TOKEN"] = token
		}
		return env
	}
	glEnv := func(token string) map[string]string {
		env := map[string]string{}
		for k, v := range gl.env {
			env[k] = v
		}
		if token != "" {
			env["GITLAB_TOKEN"] = token
		}
		return env
	}
	if err := os.MkdirAll(out(""), 0o755); err != nil {
		t.Fatal(err)
	}

	downPlans := out("plans-pgdown")
	cases := []secretCase{
		// The runner, with the URLs in the environment named by url_env.
		// plan first: the applies below run its plan files before anything
		// else changes the targets.
		{name: "plan pg", args: []string{"plan", "--config", cfg, "--target", "pg", "--format", "markdown", "--preview", out("preview.md")}, ok: true},
		{name: "plan pg json", args: []string{"plan", "--config", cfg, "--target", "pg", "--format", "json", "--out", out("plans-json")}, ok: true},
		{name: "plan mysql", args: []string{"plan", "--config", myCfg, "--target", "my", "--preview", out("preview-my.md")}, ok: true},
		{name: "plan pg wrong port", args: []string{"plan", "--config", cfg, "--target", "pgdown", "--out", out("plans-down")}},
		{name: "plan pg password unescaped", args: []string{"plan", "--config", cfg, "--target", "pgraw", "--out", out("plans-raw")}},
		{name: "plan mysql no database", args: []string{"plan", "--config", myCfg, "--target", "mydown", "--out", out("plans-mydown")}},
		{name: "apply plan pg dry run", args: []string{"apply", "--config", cfg, "--plan", filepath.Join(dev, "plans"), "--target", "pg", "--dry-run"}, ok: true},
		{name: "apply plan pg", args: []string{"apply", "--config", cfg, "--plan", filepath.Join(dev, "plans"), "--target", "pg"}, ok: true},
		{name: "apply plan mysql", args: []string{"apply", "--config", myCfg, "--plan", filepath.Join(dev, "plans_my"), "--target", "my"}, ok: true},
		{name: "apply plan to a target that is down", args: []string{"apply", "--config", cfg, "--plan", downPlans},
			prepare: func(t *testing.T) {
				// pg's plan, made out for pgdown: apply must reach the target.
				b, err := os.ReadFile(filepath.Join(dev, "plans", "pg.sql"))
				if err != nil {
					t.Fatal(err)
				}
				writeRepoFile(t, downPlans, "pgdown.sql", strings.Replace(string(b), "-- targets: pg\n", "-- targets: pgdown\n", 1))
			}},
		{name: "versions", args: []string{"versions", "--config", cfg, "--format", "json"}, ok: true},
		{name: "versions without config", args: []string{"versions", "--config", filepath.Join(tmp, "none.yaml")}},

		// diff: files or URLs on either side.
		{name: "diff files to pg", args: []string{"diff", "--source", pgFiles, "--target", pgURL}, ok: true},
		{name: "diff pg to pg json", args: []string{"diff", "--source", pgURLEsc, "--target", pgURL, "--format", "json"}, ok: true},
		{name: "diff version to pg with password parameter", args: []string{"diff", "--config", cfg, "--version", "v1", "--target", pgQuery}, ok: true},
		{name: "diff files to mysql", args: []string{"diff", "--source", myFiles, "--target", myURL, "--exit-code"}, ok: true},
		{name: "diff pg wrong port", args: []string{"diff", "--source", pgFiles, "--target", pgDown}},
		{name: "diff pg no database", args: []string{"diff", "--source", pgFiles, "--target", pgNoDB}},
		{name: "diff pg password unescaped", args: []string{"diff", "--source", pgFiles, "--target", pgRawEsc}},
		{name: "diff pg bad port", args: []string{"diff", "--source", pgFiles, "--target", pgBadPort}},
		{name: "diff pg source wrong port", args: []string{"diff", "--source", pgDown, "--target", pgFiles}},
		{name: "diff mysql wrong user", args: []string{"diff", "--source", myFiles, "--target", myWrongUser}},
		{name: "diff mysql no database", args: []string{"diff", "--source", myFiles, "--target", myNoDB}},
		{name: "diff tidb wrong port", args: []string{"diff", "--source", myFiles, "--target", tidbURL}},
		{name: "diff oracle wrong port", args: []string{"diff", "--source", oraFiles, "--target", oracleURL}},
		{name: "diff bad files", args: []string{"diff", "--source", "testdata/syntax_error.sql", "--target", pgURL}},

		// dump
		{name: "dump pg", args: []string{"dump", "--target", pgURL, "--out", out("dump-pg")}, ok: true},
		{name: "dump mysql", args: []string{"dump", "--target", myURL, "--out", out("dump-my")}, ok: true},
		{name: "dump pg wrong port", args: []string{"dump", "--target", pgDown, "--out", out("dump-down")}},
		{name: "dump mysql wrong user", args: []string{"dump", "--target", myWrongUser, "--out", out("dump-my-down")}},
		{name: "dump oracle", args: []string{"dump", "--target", oracleURL, "--out", out("dump-ora")}},
		{name: "dump tidb", args: []string{"dump", "--target", tidbURL, "--out", out("dump-tidb")}},

		// apply of a plain file
		{name: "apply file pg", args: []string{"apply", "--target", pgURL, "--file", filepath.Join(tmp, "files/pg_plain.sql")}, ok: true},
		{name: "apply file mysql", args: []string{"apply", "--target", myURL, "--file", filepath.Join(tmp, "files/my_plain.sql")}, ok: true},
		{name: "apply failing statement pg", args: []string{"apply", "--target", pgURLEsc, "--file", filepath.Join(tmp, "files/pg_bad.sql")}},
		{name: "apply failing statement mysql", args: []string{"apply", "--target", myURL, "--file", filepath.Join(tmp, "files/my_bad.sql")}},
		{name: "apply missing file", args: []string{"apply", "--target", pgURL, "--file", filepath.Join(tmp, "files/none.sql")}},
		{name: "apply pg wrong port", args: []string{"apply", "--target", pgDown, "--file", filepath.Join(tmp, "files/pg_plain.sql")}},
		{name: "apply tidb", args: []string{"apply", "--target", tidbURL, "--file", filepath.Join(tmp, "files/my_plain.sql")}},
		{name: "apply oracle", args: []string{"apply", "--target", oracleURL, "--file", filepath.Join(tmp, "files/my_plain.sql")}},

		{name: "drift pg", args: []string{"drift", "--config", cfg, "--target", "pg", "--version", "v1"}, ok: true},
		{name: "drift pg json", args: []string{"drift", "--config", cfg, "--target", "pg", "--format", "json"}, ok: true},
		{name: "drift mysql", args: []string{"drift", "--config", myCfg, "--target", "my"}, ok: true},
		{name: "drift pg wrong port", args: []string{"drift", "--config", cfg, "--target", "pgdown"}},
		{name: "drift pg password unescaped", args: []string{"drift", "--config", cfg, "--target", "pgraw"}},
		{name: "history pg", args: []string{"history", "--config", cfg, "--target", "pg", "--format", "json"}, ok: true},
		{name: "history mysql", args: []string{"history", "--config", myCfg, "--target", "my"}, ok: true},
		{name: "history pg wrong port", args: []string{"history", "--config", cfg, "--target", "pgdown"}},
		{name: "history mysql no database", args: []string{"history", "--config", myCfg, "--target", "mydown"}},

		// Pull and merge requests on the fake forges, with tokens.
		{name: "propose github", args: []string{"propose", "--config", cfg, "--target", "pg", "--version", "v1", "--code-quality", out("cq-gh.json")}, env: ghEnv(""), ok: true},
		{name: "propose github wrong token", args: []string{"propose", "--config", cfg, "--target", "pg", "--version", "v1", "--branch", "schemasync/other"}, env: ghEnv(wrongGHToken)},
		{name: "propose github target down", args: []string{"propose", "--config", cfg, "--target", "pgdown", "--version", "v1"}, env: ghEnv("")},
		{name: "propose gitlab", args: []string{"propose", "--config", cfg, "--target", "pg", "--version", "v1", "--remote", "gitlab", "--code-quality", out("cq-gl.json")}, env: glEnv(""), ok: true},
		{name: "propose gitlab wrong token", args: []string{"propose", "--config", cfg, "--target", "pg", "--version", "v1", "--remote", "gitlab", "--branch", "schemasync/other"}, env: glEnv(wrongGLToken)},
		{name: "comment github", args: []string{"comment", "--config", cfg, "--target", "pg", "--version", "v1", "--request", "1"}, env: ghEnv(""), ok: true},
		{name: "comment github wrong token", args: []string{"comment", "--config", cfg, "--target", "pg", "--version", "v1", "--request", "1"}, env: ghEnv(wrongGHToken)},
		{name: "comment gitlab", args: []string{"comment", "--config", cfg, "--target", "pg", "--version", "v1", "--request", "1"}, env: glEnv(""), ok: true},
		{name: "comment gitlab no such request", args: []string{"comment", "--config", cfg, "--target", "pg", "--version", "v1", "--request", "999"}, env: glEnv("")},
		{name: "comment gitlab target down", args: []string{"comment", "--config", cfg, "--target", "pgdown", "--request", "1"}, env: glEnv("")},
		{name: "apply plan with a github report", args: []string{"apply", "--config", cfg, "--plan", filepath.Join(dev, "plans"), "--target", "pg", "--report", "github"}, env: ghEnv(""), ok: true},
		{name: "apply plan with a gitlab report, wrong token", args: []string{"apply", "--config", cfg, "--plan", filepath.Join(dev, "plans"), "--target", "pg", "--report", "gitlab"}, env: glEnv(wrongGLToken)},

		// dump --commit writes the live schema into the repository: last.
		{name: "dump commit pg", args: []string{"dump", "--config", cfg, "--target", "pg", "--commit", "--author", "Bot <bot@example.com>"}, ok: true},
		{name: "dump commit pg wrong port", args: []string{"dump", "--config", cfg, "--target", "pgdown", "--commit"}},

		// Commands that take no URL still run with the secrets around.
		{name: "help", args: []string{"help", "diff"}, ok: true},
		{name: "help unknown", args: []string{"help", "no-such-command"}, ok: true},
	}
	for _, sh := range []string{"bash", "zsh", "fish", "powershell"} {
		cases = append(cases, secretCase{name: "completion " + sh, args: []string{"completion", sh}, ok: true})
	}
	cases = append(cases, secretCase{name: "completion unknown shell", args: []string{"completion", "tcsh"}, ok: true})

	var transcript strings.Builder
	okPaths, failPaths := map[string]bool{}, map[string]bool{}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.prepare != nil {
				c.prepare(t)
			}
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			code, stdout, stderr := cli(t, c.args...)
			fmt.Fprintf(&transcript, "$ schemasync %s\n%s%s(exit %d)\n", strings.Join(c.args, " "), stdout, stderr, code)
			for _, s := range secrets {
				if strings.Contains(stdout+stderr, s) {
					t.Errorf("the output shows the secret %q:\n%s%s", s, stdout, stderr)
				}
			}
			switch {
			case c.ok && code != 0 && code != 2:
				t.Fatalf("want success, got exit %d:\n%s%s", code, stdout, stderr)
			case !c.ok && code != 1:
				t.Fatalf("want a failure, got exit %d:\n%s%s", code, stdout, stderr)
			}
			path := commandPath(c.args)
			if c.ok {
				okPaths[path] = true
			} else {
				failPaths[path] = true
			}
		})
	}
	if t.Failed() || testing.Verbose() {
		t.Logf("transcript:\n%s", transcript.String())
	}

	// Every command ran, and every command that reads a URL, a config, a
	// file or a token ran both ways.
	for _, path := range allCommands() {
		top := strings.Fields(path)[0]
		switch {
		case !okPaths[path] && !failPaths[path]:
			t.Errorf("command %q never ran with secrets: add it to this test", path)
		case top != "help" && top != "completion" && (!okPaths[path] || !failPaths[path]):
			t.Errorf("command %q ran only on its %s path", path, map[bool]string{true: "success", false: "failure"}[okPaths[path]])
		}
	}

	// Nothing written shows a secret: files, git objects and commits in
	// every repository, the forges' traffic, the targets' history.
	for _, s := range secrets {
		assertNoSecret(t, s, map[string]string{"GitHub traffic": gh.traffic(), "GitLab traffic": gl.traffic()}, tmp)
	}
	for _, h := range []struct {
		eng engines.Engine
		url string
	}{{postgres.New(), pgPlain}, {mysql.New(), myPlain}} {
		recs, err := runner.History(ctx, h.eng, runner.LiveTarget{Name: "x", URL: h.url}, 0)
		if err != nil || len(recs) == 0 {
			t.Fatalf("history of %s: %d records, %v", h.eng.Name(), len(recs), err)
		}
		b, _ := json.Marshal(recs)
		for _, r := range recs {
			b = append(b, r.Body...)
		}
		for _, s := range secrets {
			if strings.Contains(string(b), s) {
				t.Errorf("the %s history table holds the secret %q", h.eng.Name(), s)
			}
		}
	}
}

// commandPath is the command an argument list runs: its leading words
// that name commands.
func commandPath(args []string) string {
	root := newRootCmd(streams{}, newRegistry())
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	cmd, _, err := root.Find(args)
	if err != nil || cmd == root {
		return strings.Join(args[:1], " ")
	}
	return strings.TrimPrefix(cmd.CommandPath(), root.Name()+" ")
}

// allCommands walks the command tree, cobra's help and completion
// commands included.
func allCommands() []string {
	root := newRootCmd(streams{}, newRegistry())
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	var out []string
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			if sub.Runnable() {
				out = append(out, strings.TrimPrefix(sub.CommandPath(), root.Name()+" "))
			}
			walk(sub)
		}
	}
	walk(root)
	sort.Strings(out)
	return out
}
