#!/usr/bin/env bash
# A real TiDB server for the tests, on 127.0.0.1:4000 (or a free port).
#
# TiDB is a Go program: tools/tidb-server (its own Go module, so the main
# module never depends on TiDB) builds a single-process server on TiDB's
# embedded unistore storage engine. The binary is built once into a cache
# outside the clone, keyed by a hash of that module's go.mod, go.sum and
# main.go, so every clone and CI run on the machine reuses it. A cold build
# downloads ~1.5 GB of modules and compiles for ~10 minutes; later starts
# take a second or two. Every start begins with an empty data directory.
#
# Usage: scripts/tidb-server.sh COMMAND
#   start   build the binary (only once), start the server and wait until
#           root can run SELECT 1; no-op when running
#   stop    shut the server down and delete its data
#   status  print whether it runs; exit 0 when running, 3 when not
#   env     print SCHEMASYNC_TEST_TIDB=... of the running server
#           (for: export "$(... env)")
#   build   only build the binary; print its path
#
# Environment:
#   SCHEMASYNC_TIDB_CACHE  default ${XDG_CACHE_HOME:-$HOME/.cache}/schemasync/tidb
#   SCHEMASYNC_TIDB_PORT   a port to insist on; by default 4000, or a free
#                          port when 4000 is taken
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
src=$repo/tools/tidb-server
cache=${SCHEMASYNC_TIDB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/schemasync/tidb}
run=$cache/run
pidfile=$run/tidb-server.pid
portfile=$run/port
data=$run/data
log=$run/tidb.log # TiDB's own log
out=$run/tidb.out # the process's stdout and stderr
buildlog=$cache/build.log
default_port=4000

# Messages go to stderr so that `env` and `build` print nothing but their answer.
say() { echo "tidb-server.sh: $*" >&2; }
die() {
  say "FAIL: $*"
  exit 1
}
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1fs", b - a }'; }
# Last lines of a log, for failure messages.
logtail() { [ -f "$1" ] && { echo; echo "--- last lines of $1:"; tail -n "${2:-25}" "$1"; } || true; }

# Serialize start/stop/build: several test runs may call start at once.
lock() {
  mkdir -p "$cache" || die "cannot create cache directory $cache"
  exec 9>"$cache/lock"
  # A cold build holds the lock for ten minutes or more.
  flock -w 3600 9 || die "another tidb-server.sh holds $cache/lock for more than an hour"
}

# The build key: what the binary is made from. Go's own version is left out
# on purpose: a binary built by an older Go still serves the tests.
key() {
  local f
  for f in go.mod go.sum main.go; do
    [ -f "$src/$f" ] || die "$src/$f is missing"
  done
  (cd "$src" && sha256sum go.mod go.sum main.go) | sha256sum | cut -c1-16
}

bin_path() { echo "$cache/$(key)/tidb-server"; }

build() {
  local bin t dir
  bin=$(bin_path)
  if [ -x "$bin" ]; then
    touch "$bin" # marks it as in use, see the pruning below
    return 0
  fi
  command -v go >/dev/null 2>&1 || die "go is required to build tools/tidb-server"
  dir=$(dirname "$bin")
  mkdir -p "$dir"
  say "building TiDB into $bin (cold: ~1.5 GB of modules, about 10 minutes and 2.5 GB of memory); log: $buildlog"
  t=$(now)
  # GOWORK=off: a go.work around the clone must not pull the main module in.
  if ! (cd "$src" && GOWORK=off GOFLAGS=-mod=readonly go build -buildvcs=false -trimpath -ldflags='-s -w' \
    -o "$bin.tmp" .) >"$buildlog" 2>&1; then
    rm -f "$bin.tmp"
    die "go build in $src failed$(logtail "$buildlog" 40)"
  fi
  mv "$bin.tmp" "$bin"
  say "built in $(since "$t"): $(du -h "$bin" | cut -f1) binary"
  # Other builds (older main.go or go.sum) untouched for two weeks go: each
  # holds a 250 MB binary.
  find "$cache" -mindepth 2 -maxdepth 2 -name tidb-server -mtime +14 -print 2>/dev/null |
    while read -r old; do
      [ "$old" = "$bin" ] || rm -rf "$(dirname "$old")"
    done
}

# The pid of our server when it runs (a pid file alone may be stale).
running_pid() {
  local pid cmdline
  pid=$(cat "$pidfile" 2>/dev/null) || return 1
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline")
  [[ $cmdline == "$cache/"*"/tidb-server -host "* ]] || return 1
  echo "$pid"
}

running_port() { cat "$portfile" 2>/dev/null; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

port_free() {
  if command -v ss >/dev/null 2>&1; then
    ! ss -Htln "sport = :$1" 2>/dev/null | grep -q .
  else
    ! port_open "$1"
  fi
}

# A port nobody listens on: $1 if given and free, else a random high one.
# (The server's bind is the real test; start retries on a lost race.)
pick_port() {
  local p i
  [ -n "${1:-}" ] && port_free "$1" && { echo "$1"; return 0; }
  for i in $(seq 1 50); do
    p=$((20000 + RANDOM % 20000))
    port_free "$p" && { echo "$p"; return 0; }
  done
  die "found no free port on 127.0.0.1"
}

client() {
  local c
  for c in mariadb mysql; do
    command -v "$c" >/dev/null 2>&1 && { echo "$c"; return 0; }
  done
  return 1
}

query() {
  local c
  c=$(client) || die "a mariadb or mysql client is required (apt-get install mariadb-client)"
  "$c" --no-defaults --protocol=TCP -h127.0.0.1 -P"$1" -uroot --connect-timeout=5 -N -B -e "$2"
}

# Waits until root can run a query over TCP, as the tests will; fails early
# when process $3 exits.
wait_ready() {
  local port=$1 deadline=$((SECONDS + $2)) pid=$3
  while [ $SECONDS -lt $deadline ]; do
    query "$port" 'select 1' >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.2
  done
  return 1
}

describe() {
  local pid=$1 port rss
  port=$(running_port)
  rss=$(ps -o rss= -p "$pid" 2>/dev/null) || rss=0
  echo "pid $pid, 127.0.0.1:$port, version $(query "$port" 'select version()' 2>/dev/null || echo '?')," \
    "rss $((rss / 1024)) MB"
}

# Starts the binary on a port; returns 1 when it exited (port taken, ...).
launch() {
  local bin=$1 port=$2 pid
  rm -rf "$data" "$pidfile" "$portfile"
  mkdir -p "$data/tmp" || die "cannot create $data"
  echo "$port" >"$portfile"
  # setsid: the server outlives this script and the caller's terminal;
  # 9>&-: it must not inherit (and so hold) our lock.
  TMPDIR=$data/tmp setsid "$bin" -host 127.0.0.1 -port "$port" -path "$data" -log-file "$log" \
    </dev/null >>"$out" 2>&1 9>&- &
  pid=$!
  echo "$pid" >"$pidfile"
  wait_ready "$port" 120 "$pid" && return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    die "tidb-server (pid $pid) did not answer SELECT 1 on 127.0.0.1:$port within 120s$(logtail "$out")$(logtail "$log")"
  fi
  return 1
}

cmd_start() {
  lock
  build
  local bin pid port t try first
  bin=$(bin_path)
  if pid=$(running_pid); then
    port=$(running_port)
    [ -z "${SCHEMASYNC_TIDB_PORT:-}" ] || [ "$SCHEMASYNC_TIDB_PORT" = "$port" ] ||
      die "tidb-server already runs on port $port, not SCHEMASYNC_TIDB_PORT=$SCHEMASYNC_TIDB_PORT; run '$0 stop' first"
    wait_ready "$port" 30 "$pid" || die "tidb-server (pid $pid) runs but does not answer on 127.0.0.1:$port$(logtail "$log")"
    say "already running: $(describe "$pid")"
    [[ $(tr '\0' ' ' <"/proc/$pid/cmdline") == "$bin "* ]] ||
      say "note: it runs an older build; '$0 stop' then '$0 start' to use $bin"
    return 0
  fi
  mkdir -p "$run"
  : >"$out"
  : >"$log" # the log of this run only, as the data
  t=$(now)
  if [ -n "${SCHEMASYNC_TIDB_PORT:-}" ]; then
    port=$SCHEMASYNC_TIDB_PORT
    port_free "$port" || die "127.0.0.1:$port (SCHEMASYNC_TIDB_PORT) is taken by another process"
    launch "$bin" "$port" || die "tidb-server exited right after starting$(logtail "$out")$(logtail "$log")"
  else
    first=$default_port
    for try in 1 2 3; do
      port=$(pick_port "$first")
      launch "$bin" "$port" && break
      grep -qi "address already in use" "$out" "$log" 2>/dev/null ||
        die "tidb-server exited right after starting$(logtail "$out")$(logtail "$log")"
      say "127.0.0.1:$port was taken meanwhile; trying another port"
      [ "$try" -lt 3 ] || die "tidb-server could not bind a port in 3 tries$(logtail "$out")"
      first="" # a random port from now on
    done
  fi
  pid=$(running_pid) || die "tidb-server exited after starting$(logtail "$out")$(logtail "$log")"
  say "ready in $(since "$t"): $(describe "$pid")"
}

cmd_stop() {
  lock
  local pid deadline
  if ! pid=$(running_pid); then
    rm -rf "$pidfile" "$portfile" "$data"
    say "not running"
    return 0
  fi
  kill -TERM "$pid"
  deadline=$((SECONDS + 60))
  while kill -0 "$pid" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || die "tidb-server (pid $pid) did not stop within 60s of SIGTERM$(logtail "$log")"
    sleep 0.2
  done
  rm -rf "$pidfile" "$portfile" "$data"
  say "stopped"
}

cmd_status() {
  local pid
  if pid=$(running_pid); then
    echo "running: $(describe "$pid")"
    return 0
  fi
  echo "not running (cache: $cache)"
  return 3
}

cmd_env() {
  running_pid >/dev/null || die "not running; run: $0 start"
  echo "SCHEMASYNC_TEST_TIDB=root@tcp(127.0.0.1:$(running_port))/"
}

case "${1:-}" in
start) cmd_start ;;
stop) cmd_stop ;;
status) cmd_status ;;
env) cmd_env ;;
build)
  lock
  build
  bin_path
  ;;
*)
  echo "usage: $0 start|stop|status|env|build" >&2
  exit 2
  ;;
esac
