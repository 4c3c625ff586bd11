#!/usr/bin/env bash
# The whole test suite: vet, then every Go test against the real servers.
# Starts PostgreSQL when it is installed but stopped; fails (never skips)
# when a server the tests need cannot be reached.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${SCHEMASYNC_TEST_POSTGRES:=postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable}"
export SCHEMASYNC_TEST_POSTGRES

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
if ! pg_up && command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  echo "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
fi
if ! pg_up; then
  echo "FAIL: PostgreSQL is not reachable at 127.0.0.1:5432; the database tests cannot run" >&2
  exit 1
fi

# MariaDB (the machine's own server on 3306).
: "${SCHEMASYNC_TEST_MARIADB:=root@tcp(127.0.0.1:3306)/}"
export SCHEMASYNC_TEST_MARIADB
maria_up() { mariadb-admin -h127.0.0.1 -P3306 -uroot --connect-timeout=2 ping >/dev/null 2>&1; }
if ! maria_up && [ -x /usr/sbin/mariadbd ]; then
  echo "starting MariaDB"
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd || true
  for _ in $(seq 1 30); do maria_up && break; sleep 1; done
fi
if ! maria_up; then
  echo "FAIL: MariaDB is not reachable at 127.0.0.1:3306; the MySQL engine tests cannot run" >&2
  exit 1
fi

# Oracle MySQL (Debian sid's build, run from a private tree; see scripts/mysql-server.sh).
if [ -z "${SCHEMASYNC_TEST_MYSQL:-}" ]; then
  if ! ./scripts/mysql-server.sh start; then
    echo "FAIL: could not start Oracle MySQL with scripts/mysql-server.sh" >&2
    exit 1
  fi
  export "$(./scripts/mysql-server.sh env)"
fi

# TiDB (tools/tidb-server, built once into a cache outside the clone; see
# scripts/tidb-server.sh). Stopped at the end only when started here.
tidb_started=""
stop_tidb() { [ -z "$tidb_started" ] || ./scripts/tidb-server.sh stop || true; }
if [ -z "${SCHEMASYNC_TEST_TIDB:-}" ]; then
  ./scripts/tidb-server.sh status >/dev/null 2>&1 || tidb_started=1
  trap stop_tidb EXIT
  tidb_t0=$SECONDS
  if ! ./scripts/tidb-server.sh start; then
    echo "FAIL: could not build or start TiDB with scripts/tidb-server.sh" >&2
    exit 1
  fi
  echo "TiDB ready in $((SECONDS - tidb_t0))s (the first run on a machine builds it: about 10 minutes)"
  export "$(./scripts/tidb-server.sh env)"
fi

# Oracle: no Oracle server runs here. The engine is checked against recorded catalogs,
# Oracle's sample schemas (when ../shared holds them) and an ANTLR Oracle grammar run by
# Node (scripts/oracle-grammar, installed from its lock file with npm ci).
if [ -d ../shared/corpora/big/oracle ]; then
  SCHEMASYNC_ORACLE_SAMPLES="$(cd ../shared/corpora/big/oracle && pwd)"
  export SCHEMASYNC_ORACLE_SAMPLES
fi
if [ ! -f scripts/oracle-grammar/node_modules/antlr4ts-sql/package.json ]; then
  if ! (cd scripts/oracle-grammar && npm ci --no-audit --no-fund --loglevel=error >/dev/null); then
    echo "FAIL: could not install the Oracle grammar checker (npm ci in scripts/oracle-grammar)" >&2
    exit 1
  fi
fi
export SCHEMASYNC_ORACLE_GRAMMAR="$PWD/scripts/oracle-grammar/check.js"

# act, actionlint and gitlab-ci-local for the end-to-end runs of the Action and the GitLab template.
./scripts/e2e-tools.sh >/dev/null || { echo "FAIL: could not install act, actionlint or gitlab-ci-local (scripts/e2e-tools.sh)" >&2; exit 1; }

echo "== go vet"
go vet ./...
echo "== go test"
out=$(mktemp)
trap 'rm -f "$out"; stop_tidb' EXIT
set +e
go test -count=1 -parallel 4 -timeout 45m ./... 2>&1 | tee "$out"
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
  exit "$status"
fi
# The database tests live in the engine packages: make sure they ran.
# internal/testdb passes only when TestTiDBServerReachable reached TiDB.
for pkg in engines/postgres engines/mysql engines/oracle internal/testdb; do
  if ! grep -Eq "^ok[[:space:]]+github.com/schemasync/schemasync/$pkg[[:space:]]" "$out"; then
    echo "FAIL: the $pkg tests did not run" >&2
    exit 1
  fi
done

# Fuzzing: every fuzz target for FUZZTIME each (default 10s: about two
# minutes in all). Failing inputs land in testdata/fuzz/ (see scripts/fuzz.sh).
echo "== fuzz"
./scripts/fuzz.sh
