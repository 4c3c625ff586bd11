#!/usr/bin/env bash
# Generates a runnable example repository for the schemasync runner: a git
# repository whose history holds three versions of a small shop's schema
# (tags v1, v2, v3), a schemasync.yaml with two targets, and nothing else.
# Usage: examples/runner/make-example.sh [DIR]   (default: ./shop-example)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="${1:-shop-example}"
if [ -e "$dir" ]; then
  echo "$dir exists: give a new directory" >&2
  exit 1
fi
mkdir -p "$dir/schema"
cd "$dir"
git init -q -b main .
# A fixed author and dates make the example's hashes the same every time.
export GIT_AUTHOR_NAME="Example Author" GIT_AUTHOR_EMAIL="author@example.com"
export GIT_COMMITTER_NAME="Example Author" GIT_COMMITTER_EMAIL="author@example.com"
version() { # tag, date, message
  git add -A
  GIT_AUTHOR_DATE="$2" GIT_COMMITTER_DATE="$2" git commit -q -m "$3"
  git tag "$1"
}

cat > schemasync.yaml <<'YAML'
# schemasync.yaml: what to synchronize, and where. Connection URLs are
# never written here: each target names the environment variable that
# holds its URL.
engine: postgres
schema_dir: schema     # the versions: this directory at any commit, tag or branch
plan_dir: plans        # where `schemasync plan` writes the plan files
targets:
  - name: staging
    url_env: SHOP_STAGING_URL
  - name: prod
    url_env: SHOP_PROD_URL
groups:
  all: [staging, prod]
policy:
  allow_destructive: false   # dropping tables/columns/constraints needs --allow-destructive
YAML
printf 'plans/*.md\n' > .gitignore

cp "$here/../postgres/v1/schema.sql" schema/shop.sql
version v1 "2024-01-10T10:00:00Z" "v1: customers and orders"

cp "$here/../postgres/v2/schema.sql" schema/shop.sql
version v2 "2024-02-10T10:00:00Z" "v2: cancelled status, order lines, open orders view, audit trigger"

cat >> schema/shop.sql <<'SQL'

-- v3: customers get a phone number, looked up by it.
ALTER TABLE customers ADD COLUMN phone text;
CREATE INDEX customers_phone_idx ON customers (phone);
SQL
version v3 "2024-03-10T10:00:00Z" "v3: customer phone numbers"

echo "example repository ready in $(pwd): versions v1, v2, v3"
