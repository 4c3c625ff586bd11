// Package dumptool runs the servers' own schema dumpers (pg_dump,
// mariadb-dump, Oracle MySQL's mysqldump) and reduces their output to a
// canonical form. The bench times them as the reference; the conformance
// command uses them as a second judge of a catalog, one that does not share
// a line of code with the inspector under test.
package dumptool

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	gomysql "github.com/go-sql-driver/mysql"
)

// PgDump is pg_dump --schema-only of the database of dbURL, written to the
// file out (standard output when out is ""). The password, if any, travels
// in PGPASSWORD rather than on the command line.
func PgDump(ctx context.Context, dbURL, out string) (*exec.Cmd, error) {
	path, err := exec.LookPath("pg_dump")
	if err != nil {
		return nil, fmt.Errorf("pg_dump is not installed: %w", err)
	}
	u, err := url.Parse(dbURL)
	if err != nil {
		return nil, fmt.Errorf("parse database URL: %w", errors.New("not a URL"))
	}
	var pass string
	if u.User != nil {
		pass, _ = u.User.Password()
		u.User = url.User(u.User.Username())
	}
	args := []string{"--schema-only"}
	if out != "" {
		args = append(args, "--file", out)
	}
	cmd := exec.CommandContext(ctx, path, append(args, "--dbname", u.String())...)
	cmd.Env = os.Environ()
	if pass != "" {
		cmd.Env = append(cmd.Env, "PGPASSWORD="+pass)
	}
	return cmd, nil
}

// MySQLDump is a dump with --no-data and the routines, triggers and events
// of database db on the server cfg names: mariadb-dump (or the installed
// mysqldump) for kind "mariadb", the Oracle MySQL tree's mysqldump through
// scripts/mysql-server.sh under moduleRoot for kind "mysql". It writes to the
// file out (standard output when out is "") and returns the command and
// its label. The password travels in MYSQL_PWD.
func MySQLDump(ctx context.Context, kind string, cfg *gomysql.Config, db, moduleRoot, out string) (*exec.Cmd, string, error) {
	args := []string{"--no-data", "--routines", "--triggers", "--events", "-u" + cfg.User}
	if cfg.Net == "unix" {
		args = append(args, "--socket="+cfg.Addr)
	} else {
		host, port, _ := strings.Cut(cfg.Addr, ":")
		args = append(args, "-h"+host)
		if port != "" {
			args = append(args, "-P"+port)
		}
	}
	if out != "" {
		args = append(args, "--result-file="+out)
	}
	args = append(args, db)
	var cmd *exec.Cmd
	var label string
	if kind == "mysql" {
		script := filepath.Join(moduleRoot, "scripts", "mysql-server.sh")
		cmd = exec.CommandContext(ctx, script, append([]string{"exec", "mysqldump"}, args...)...)
		label = "mysqldump --no-data"
	} else {
		var path string
		for _, tool := range []string{"mariadb-dump", "mysqldump"} {
			if p, err := exec.LookPath(tool); err == nil {
				path, label = p, tool+" --no-data"
				break
			}
		}
		if path == "" {
			return nil, "", errors.New("neither mariadb-dump nor mysqldump is installed")
		}
		cmd = exec.CommandContext(ctx, path, args...)
	}
	cmd.Env = os.Environ()
	if cfg.Passwd != "" {
		cmd.Env = append(cmd.Env, "MYSQL_PWD="+cfg.Passwd)
	}
	return cmd, label, nil
}

// Output runs cmd and returns what it wrote, with its standard error in
// the error when it fails.
func Output(cmd *exec.Cmd) (string, error) {
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("%s: %w: %s", filepath.Base(cmd.Path), err, strings.TrimSpace(stderr.String()))
	}
	return string(out), nil
}

// ModuleRoot finds the directory of this module's go.mod, upwards from the
// working directory: the tools that build the binary or run the Oracle
// MySQL script find them there.
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && strings.Contains(string(b), "module github.com/schemasync/schemasync\n") {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("run inside the schemasync module (no go.mod of github.com/schemasync/schemasync found upwards)")
		}
		dir = parent
	}
}
