#!/usr/bin/env bash
# Installs the tools the end-to-end CI tests run, into a cache directory
# (never into the repository), and prints their paths as NAME=PATH lines:
#   ACT               github.com/nektos/act, built from the Go module proxy
#   ACTIONLINT        github.com/rhysd/actionlint, built from the Go module proxy
#   GITLAB_CI_LOCAL   the npm package gitlab-ci-local (runs on Node 20)
# The cache is $SCHEMASYNC_E2E_CACHE, else ~/.cache/schemasync-e2e. Installed
# tools are reused; a tool that cannot be installed is an error.
set -euo pipefail

ACT_VERSION=v0.2.89
ACTIONLINT_VERSION=v1.7.12
GITLAB_CI_LOCAL_VERSION=4.73.0

cache="${SCHEMASYNC_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/schemasync-e2e}"
bin="$cache/bin"
mkdir -p "$bin"

install_go() { # name module@version
  local name="$1" mod="$2" stamp="$bin/.$1-version"
  if [ -x "$bin/$name" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$mod" ]; then
    return
  fi
  echo "installing $mod" >&2
  # Outside the project's module, so that its go.mod stays as it is.
  (cd "$cache" && GOBIN="$bin" GOFLAGS=-mod=mod go install "$mod") >&2
  echo "$mod" > "$stamp"
}

install_go act "github.com/nektos/act@$ACT_VERSION"
install_go actionlint "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"

npmdir="$cache/gitlab-ci-local-$GITLAB_CI_LOCAL_VERSION"
gcl="$npmdir/node_modules/.bin/gitlab-ci-local"
if [ ! -x "$gcl" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm is needed to install gitlab-ci-local $GITLAB_CI_LOCAL_VERSION (install Node.js 20 and npm)" >&2
    exit 1
  fi
  echo "installing gitlab-ci-local@$GITLAB_CI_LOCAL_VERSION" >&2
  mkdir -p "$npmdir"
  npm install --no-save --no-audit --no-fund --prefix "$npmdir" "gitlab-ci-local@$GITLAB_CI_LOCAL_VERSION" >&2
fi

echo "ACT=$bin/act"
echo "ACTIONLINT=$bin/actionlint"
echo "GITLAB_CI_LOCAL=$gcl"
