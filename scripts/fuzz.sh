#!/usr/bin/env bash
# Runs every fuzz target for a bounded time: the parsers of each engine,
# the Oracle lexer, the MySQL statement splitter, the config loader, the
# plan-file parser and the URL redaction. Go can fuzz one target of one
# package per run, so they run one after another.
#
# Usage: scripts/fuzz.sh [REGEXP]     (only targets whose "package Target" matches)
# Environment:
#   FUZZTIME  time per target (default 10s, as in CI; go's -fuzztime syntax,
#             e.g. 2m or 100000x)
#   SCHEMASYNC_FUZZ_ROUNDTRIP=1
#             parser targets that check only fuzzkit.NoCrash also demand the
#             round trip (a parsed model's dump parses back the same); the
#             PostgreSQL, MySQL and Oracle targets demand it always
#             (fuzzkit.RoundTrip)
# A failing input is written to the package's testdata/fuzz/<Target>/
# directory by go; fix its cause and keep the file: plain `go test` then
# runs it as a regression case.
set -euo pipefail
cd "$(dirname "$0")/.."

fuzztime=${FUZZTIME:-10s}
only=${1:-}

# package target
targets=(
  "./engines/postgres FuzzParse"
  "./engines/postgres FuzzFastDeparse"
  "./engines/postgres FuzzNodeTree"
  "./engines/mysql FuzzParse"
  "./engines/oracle FuzzParse"
  "./engines/oracle FuzzSplitScript"
  "./internal/sqlsplit FuzzMySQL"
  "./internal/dsn FuzzRedact"
  "./internal/dsn FuzzRedactAnything"
  "./runner FuzzLoadConfig"
  "./runner FuzzParsePlanFile"
  "./runner FuzzPlanFileRoundTrip"
)

# Every Fuzz function in the tree must be listed above.
listed=$(printf '%s\n' "${targets[@]}" | awk '{print $2 " " $1}' | sed 's|\./||' | sort)
found=$(grep -rl --include='*_test.go' -E '^func Fuzz[A-Za-z0-9_]+\(f \*testing\.F\)' . |
  while read -r f; do
    dir=$(dirname "${f#./}")
    grep -oE '^func Fuzz[A-Za-z0-9_]+' "$f" | sed "s|^func ||; s|\$| $dir|"
  done | sort)
if [ "$listed" != "$found" ]; then
  echo "FAIL: scripts/fuzz.sh does not list the fuzz targets of the tree:" >&2
  diff <(echo "$listed") <(echo "$found") >&2 || true
  exit 1
fi

status=0
for t in "${targets[@]}"; do
  set -- $t
  pkg=$1 name=$2
  if [ -n "$only" ] && ! [[ "$pkg $name" =~ $only ]]; then
    continue
  fi
  echo "== fuzz $pkg $name ($fuzztime)"
  start=$(date +%s)
  log=$(mktemp)
  if go test "$pkg" -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" >"$log" 2>&1; then
    echo "   ok in $(( $(date +%s) - start ))s: $(grep -oE 'execs: [0-9]+' "$log" | tail -n1 || true)"
  elif grep -q 'context deadline exceeded' "$log" && ! grep -q 'Failing input written' "$log"; then
    # go's coordinator can miss its own deadline on a loaded machine while
    # it stops the workers; no input failed.
    echo "   ok in $(( $(date +%s) - start ))s (go stopped late: context deadline exceeded, no failing input)"
  else
    cat "$log" | grep -v '^fuzz: elapsed' >&2
    echo "FAIL: fuzz $pkg $name" >&2
    status=1
  fi
  rm -f "$log"
done
exit $status
