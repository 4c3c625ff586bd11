#!/usr/bin/env bash
# A real Oracle MySQL server for the tests, on 127.0.0.1:3307 (MariaDB holds 3306).
#
# Debian 12 has no Oracle MySQL, but Debian unstable (sid) packages it. We
# fetch sid's mysql-server-core and mysql-client-core together with every
# package they depend on (glibc included: sid's binaries need a newer one than
# the host's), using a private apt configuration under the cache directory,
# unpack them with dpkg-deb -x, and run the binaries through the unpacked
# tree's own dynamic loader. Nothing is installed; the system's apt
# configuration is only read, never changed.
#
# Usage: scripts/mysql-server.sh COMMAND
#   start   fetch the tree and initialize the data dir (both only once), start
#           the server and wait until root can log in; no-op when running
#   stop    shut the server down
#   status  print whether it runs; exit 0 when running, 3 when not
#   env     print SCHEMASYNC_TEST_MYSQL=... (for: export "$(... env)")
#   fetch   only fetch and unpack the tree
#   exec TOOL [ARGS...]
#           run a client of the tree (mysql, mysqladmin, mysqldump, ...), e.g.
#           scripts/mysql-server.sh exec mysqldump -h127.0.0.1 -P3307 -uroot --no-data db
#
# Environment:
#   SCHEMASYNC_MYSQL_CACHE  default ${XDG_CACHE_HOME:-$HOME/.cache}/schemasync/mysql
#                           (delete its tree/ to fetch sid's current MySQL again)
#   SCHEMASYNC_MYSQL_PORT   default 3307
set -euo pipefail

cache=${SCHEMASYNC_MYSQL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/schemasync/mysql}
port=${SCHEMASYNC_MYSQL_PORT:-3307}
tree=$cache/tree
data=$cache/data
aptdir=$cache/apt
run=$cache/run
pidfile=$run/mysqld.pid
sock=$run/mysqld.sock
errlog=$cache/mysqld.err
keyring=/usr/share/keyrings/debian-archive-keyring.gpg

# Messages go to stderr so that `env` prints nothing but the variable.
say() { echo "mysql-server.sh: $*" >&2; }
die() {
  say "FAIL: $*"
  exit 1
}
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1fs", b - a }'; }
# Last lines of a log, for failure messages.
logtail() { [ -f "$1" ] && { echo; echo "--- last lines of $1:"; tail -n "${2:-25}" "$1"; } || true; }

need() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || die "required tool '$tool' is not installed"
  done
}

arch=$(dpkg --print-architecture 2>/dev/null) || die "dpkg is required (this script needs a Debian-based host)"
case $arch in
amd64) triplet=x86_64-linux-gnu loader_name=ld-linux-x86-64.so.2 ;;
arm64) triplet=aarch64-linux-gnu loader_name=ld-linux-aarch64.so.1 ;;
*) die "unsupported architecture '$arch'" ;;
esac

# Serialize start/stop/fetch: several test runs may call start at once.
lock() {
  mkdir -p "$cache" || die "cannot create cache directory $cache"
  exec 9>"$cache/lock"
  flock -w 600 9 || die "another mysql-server.sh holds $cache/lock for more than 10 minutes"
}

# The host's Debian mirror URL, as its apt configuration names it,
# read from its own apt sources so that no mirror is hard-coded here.
host_mirror() {
  local codename uri f
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  [ -n "$codename" ] || die "no VERSION_CODENAME in /etc/os-release; cannot find the host's Debian mirror"
  uri=$(env -u APT_CONFIG apt-get indextargets --format '$(REPO_URI) $(RELEASE) $(TARGET_OF)' \
    'Created-By: Packages' 2>/dev/null | awk -v c="$codename" '$2 == c && $3 == "deb" { print $1; exit }') || true
  if [ -z "$uri" ]; then
    # No downloaded lists (common in containers): read the source files.
    # (|| true: a missing file or an early awk exit fails the pipeline.)
    uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
      awk -v c="$codename" '$1 == "deb" { i = 2; if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
        if ($(i + 1) == c) { print $i; exit } }') || true
  fi
  if [ -z "$uri" ]; then
    # A blank line after each file ends its last stanza.
    uri=$(for f in /etc/apt/sources.list.d/*.sources; do [ -r "$f" ] && cat "$f" && echo; done 2>/dev/null |
      awk -v c="$codename" '
        /^[[:space:]]*$/ { if (t ~ /(^| )deb( |$)/ && (" " s " ") ~ (" " c " ")) { split(u, a, " "); print a[1]; exit }
                           t = u = s = ""; next }
        /^Types:/ { t = $0; sub(/^Types:[[:space:]]*/, "", t) }
        /^URIs:/ { u = $0; sub(/^URIs:[[:space:]]*/, "", u) }
        /^Suites:/ { s = $0; sub(/^Suites:[[:space:]]*/, "", s) }') || true
  fi
  [ -n "$uri" ] || die "found no apt source for suite '$codename' in /etc/apt; cannot derive the sid mirror"
  echo "${uri%/}"
}

apt_() { APT_CONFIG=$aptdir/apt.conf "$@"; }

write_apt_config() {
  local mirror=$1 sandbox=""
  [ -r "$keyring" ] || die "$keyring is missing (install debian-archive-keyring)"
  rm -rf "$aptdir/etc"
  mkdir -p "$aptdir"/etc/{apt.conf.d,preferences.d,sources.list.d,trusted.gpg.d} \
    "$aptdir"/state/lists/partial "$aptdir"/cache/archives/partial || die "cannot create $aptdir"
  # An empty dpkg status makes apt resolve the whole dependency closure, so
  # the tree needs nothing from the host's libraries.
  : >"$aptdir/state/status"
  echo "deb [signed-by=$keyring] $mirror sid main" >"$aptdir/etc/sources.list"
  # As root apt downloads as _apt, which cannot write into root's cache dir.
  [ "$(id -u)" = 0 ] && sandbox='APT::Sandbox::User "root";'
  {
    cat <<EOF
Dir::Etc "$aptdir/etc";
Dir::Etc::main "$aptdir/etc/apt.conf";
Dir::Etc::parts "$aptdir/etc/apt.conf.d";
Dir::Etc::sourcelist "$aptdir/etc/sources.list";
Dir::Etc::sourceparts "$aptdir/etc/sources.list.d";
Dir::Etc::preferences "$aptdir/etc/preferences";
Dir::Etc::preferencesparts "$aptdir/etc/preferences.d";
Dir::State "$aptdir/state";
Dir::State::status "$aptdir/state/status";
Dir::Cache "$aptdir/cache";
APT::Architecture "$arch";
APT::Architectures { "$arch"; };
Acquire::Languages "none";
$sandbox
EOF
    # Keep the host's proxy and release-date settings (a host that uses a
    # snapshot mirror disables Valid-Until checks; signatures are still checked).
    env -u APT_CONFIG apt-config dump 2>/dev/null |
      grep -E '^Acquire::(https?::Proxy|Check-Valid-Until |Check-Date )' || true
  } >"$aptdir/apt.conf"
}

# The newest package named $1 or $1-<version> that is built from an Oracle
# MySQL source package (mysql-*), so never MariaDB's.
pick() {
  local name info v src best="" bestv=""
  for name in $(apt_ apt-cache pkgnames "$1" | grep -E "^$1(-[0-9.]+)?\$" || true); do
    info=$(apt_ apt-cache show --no-all-versions "$name" 2>/dev/null) || continue # virtual
    v=$(awk '/^Version: / { print $2; exit }' <<<"$info")
    src=$(awk '/^Source: / { print $2; exit }' <<<"$info")
    src=${src:-$name}
    [[ $src == mysql-* ]] || continue
    if [ -z "$best" ] || dpkg --compare-versions "$v" gt "$bestv"; then
      best=$name bestv=$v
    fi
  done
  [ -n "$best" ] || die "Debian sid has no package '$1' (or '$1-<version>') built from Oracle MySQL"
  echo "$best"
}

fetch_tree() {
  [ -x "$tree/usr/sbin/mysqld" ] && [ -f "$tree/.packages" ] && return 0
  need apt-get apt-cache apt-config dpkg-deb flock realpath awk
  local t mirror server client sim pkgs debs new f
  t=$(now)
  mirror=$(host_mirror)
  write_apt_config "$mirror"
  say "fetching Oracle MySQL from $mirror sid into $cache"
  apt_ apt-get -q update >"$cache/apt.log" 2>&1 ||
    die "apt-get update (private configuration, sid) failed$(logtail "$cache/apt.log")"
  grep -q '^E:' "$cache/apt.log" && die "apt-get update (private configuration, sid) reported errors$(logtail "$cache/apt.log")"
  server=$(pick mysql-server-core)
  client=$(pick mysql-client-core)
  sim=$(apt_ apt-get -s -q install --no-install-recommends "$server" "$client" 2>&1) ||
    die "cannot resolve the dependencies of $server and $client in sid:"$'\n'"$sim"
  pkgs=$(awk '/^Inst / { v = $3; sub(/^\(/, "", v); print $2 "=" v }' <<<"$sim")
  [ -n "$pkgs" ] || die "apt resolved no packages for $server $client:"$'\n'"$sim"
  debs=$cache/debs
  rm -rf "$debs" && mkdir -p "$debs"
  # shellcheck disable=SC2086 # one word per package
  (cd "$debs" && apt_ apt-get -q download $pkgs) >>"$cache/apt.log" 2>&1 ||
    die "apt-get download failed$(logtail "$cache/apt.log")"
  say "fetched $(wc -w <<<"$pkgs") packages ($(du -sh "$debs" | cut -f1)) in $(since "$t")"

  t=$(now)
  new=$cache/tree.new
  rm -rf "$new" && mkdir -p "$new"
  for f in "$debs"/*.deb; do
    dpkg-deb -x "$f" "$new" || die "dpkg-deb -x $f failed"
  done
  echo "$pkgs" >"$new/.packages"
  tree=$new loader_cmd
  "${L[@]}" "$new/usr/sbin/mysqld" --no-defaults --version >/dev/null ||
    die "the unpacked mysqld does not run through its own loader (${L[*]})"
  rm -rf "$tree" && mv "$new" "$tree"
  # Only needed again when the tree is fetched again: drop the bulky parts.
  rm -rf "$debs" "$aptdir/state/lists" "$aptdir/cache"
  say "unpacked into $tree ($(du -sh "$tree" | cut -f1)) in $(since "$t")"
}

# Sets L to the command prefix that runs a binary of the tree with the tree's
# own loader and libraries.
loader_cmd() {
  [ -d "$tree" ] || die "no MySQL tree at $tree; run: $0 fetch"
  local d root real loader="" libpath=""
  root=$(realpath "$tree")
  for d in usr/lib/$triplet lib/$triplet usr/lib64 lib64 usr/lib lib; do
    [ -e "$tree/$d/$loader_name" ] || continue
    real=$(realpath "$tree/$d/$loader_name")
    # An absolute symlink would lead to the host's (older) loader.
    [[ $real == "$root"/* ]] && [ -x "$real" ] && loader=$real && break
  done
  [ -n "$loader" ] || die "the tree at $tree has no dynamic loader $loader_name of its own"
  for d in usr/lib/$triplet lib/$triplet; do
    [ -d "$tree/$d" ] && libpath=${libpath:+$libpath:}$root/$d
  done
  # --inhibit-cache: never take a library from the host's ld.so.cache.
  L=(env LC_ALL=C "$loader" --inhibit-cache --library-path "$libpath")
}

server_args() {
  S=(--no-defaults # must come first
    --basedir="$tree/usr"
    --lc-messages-dir="$tree/usr/share/mysql"
    --character-sets-dir="$tree/usr/share/mysql/charsets"
    --plugin-dir="$tree/usr/lib/mysql/plugin"
    --datadir="$data"
    --tmpdir="$cache/tmp"
    --secure-file-priv="$cache/files"
    --performance-schema=OFF
    --innodb-buffer-pool-size=32M
    --innodb-redo-log-capacity=32M
    --skip-log-bin
    --mysqlx=OFF)
  [ "$(id -u)" = 0 ] && S+=(--user=root)
  mkdir -p "$cache/tmp" "$cache/files" "$run" && chmod 700 "$cache/tmp" "$cache/files" "$run"
}

init_data() {
  [ -f "$cache/data.initialized" ] && [ -d "$data" ] && return 0
  local t
  t=$(now)
  rm -rf "$data" "$cache/data.initialized" # left over from an interrupted initialization
  server_args
  "${L[@]}" "$tree/usr/sbin/mysqld" "${S[@]}" --log-error="$cache/init.err" --initialize-insecure \
    >>"$cache/init.err" 2>&1 || die "mysqld --initialize-insecure failed$(logtail "$cache/init.err")"
  touch "$cache/data.initialized"
  say "initialized $data in $(since "$t")"
}

# The pid of our mysqld when it runs (a pid file alone may be stale).
running_pid() {
  local pid cmdline root
  pid=$(cat "$pidfile" 2>/dev/null) || return 1
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline")
  root=$(realpath "$tree" 2>/dev/null) || return 1
  [[ $cmdline == *"$root/usr/sbin/mysqld "* ]] || return 1
  echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }

query() {
  "${L[@]}" "$tree/usr/bin/mysql" --no-defaults --protocol=TCP -h127.0.0.1 -P"$port" -uroot \
    --connect-timeout=5 -N -B -e "$1"
}

# Waits until root can log in over TCP, as the tests will.
wait_ready() {
  local deadline=$((SECONDS + $1))
  while [ $SECONDS -lt $deadline ]; do
    query 'select 1' >/dev/null 2>&1 && return 0
    running_pid >/dev/null || return 1
    sleep 0.2
  done
  return 1
}

describe() {
  local pid=$1 rss
  rss=$(ps -o rss= -p "$pid" 2>/dev/null) || rss=0
  echo "pid $pid, 127.0.0.1:$port, version $(query 'select version()' 2>/dev/null || echo '?')," \
    "rss $((rss / 1024)) MB"
}

cmd_start() {
  lock
  fetch_tree
  loader_cmd
  local pid t
  if pid=$(running_pid); then
    wait_ready 30 || die "mysqld (pid $pid) runs but root cannot log in on 127.0.0.1:$port$(logtail "$errlog")"
    say "already running: $(describe "$pid")"
    return 0
  fi
  port_open && die "127.0.0.1:$port is taken by another process (not our mysqld); free it or set SCHEMASYNC_MYSQL_PORT"
  init_data
  server_args
  rm -f "$pidfile" "$sock" "$sock.lock"
  t=$(now)
  # --daemonize returns once the server accepts connections (or failed);
  # 9>&-: the server must not inherit (and so hold) our lock.
  "${L[@]}" "$tree/usr/sbin/mysqld" "${S[@]}" --log-error="$errlog" \
    --bind-address=127.0.0.1 --port="$port" --socket="$sock" --pid-file="$pidfile" \
    --daemonize >>"$errlog" 2>&1 9>&- || die "mysqld failed to start$(logtail "$errlog")"
  pid=$(running_pid) || die "mysqld exited right after starting$(logtail "$errlog")"
  wait_ready 60 || die "mysqld (pid $pid) did not let root log in on 127.0.0.1:$port within 60s$(logtail "$errlog")"
  say "ready in $(since "$t"): $(describe "$pid")"
}

cmd_stop() {
  lock
  local pid deadline
  if ! pid=$(running_pid); then
    rm -f "$pidfile"
    say "not running"
    return 0
  fi
  loader_cmd
  if ! "${L[@]}" "$tree/usr/bin/mysqladmin" --no-defaults --protocol=TCP -h127.0.0.1 -P"$port" -uroot \
    shutdown 2>>"$errlog"; then
    say "mysqladmin shutdown failed; sending SIGTERM to pid $pid"
    kill -TERM "$pid"
  fi
  deadline=$((SECONDS + 60))
  while kill -0 "$pid" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || die "mysqld (pid $pid) did not stop within 60s$(logtail "$errlog")"
    sleep 0.2
  done
  rm -f "$pidfile"
  say "stopped"
}

cmd_status() {
  local pid
  if pid=$(running_pid); then
    loader_cmd
    echo "running: $(describe "$pid")"
    return 0
  fi
  echo "not running (cache: $cache)"
  return 3
}

cmd_exec() {
  [ $# -ge 1 ] || die "usage: $0 exec TOOL [ARGS...]"
  local tool=$1
  shift
  [[ $tool != */* && -x "$tree/usr/bin/$tool" ]] || die "no client '$tool' in $tree/usr/bin (run: $0 fetch)"
  loader_cmd
  exec "${L[@]}" "$tree/usr/bin/$tool" --no-defaults "$@"
}

case "${1:-}" in
start) cmd_start ;;
stop) cmd_stop ;;
status) cmd_status ;;
env) echo "SCHEMASYNC_TEST_MYSQL=root@tcp(127.0.0.1:$port)/" ;;
fetch)
  lock
  fetch_tree
  ;;
exec)
  shift
  cmd_exec "$@"
  ;;
*)
  echo "usage: $0 start|stop|status|env|fetch|exec TOOL [ARGS...]" >&2
  exit 2
  ;;
esac
