#!/bin/sh
# The Debian packages the tests and `stackdoc test-examples` (src/verify) need to check example
# trees offline. `npm test` runs this first (pretest), so the test command works on a fresh
# Debian machine with Node alone.
#
#   sh scripts/install-deps.sh          install what is missing (as root, or through sudo)
#   sh scripts/install-deps.sh --check  only say what is missing (exit 1 if anything is)
#
# Installed packages are skipped; `apt-get update` runs only when something is missing. When it
# cannot install (not root, no usable sudo, not Debian) it stops at once with one message that
# names the packages and the command to run.
set -eu

# One package a line; after `#`, what needs it. Add a package by adding a line.
PACKAGES=$(sed 's/#.*//' <<'EOF'
golang-go                            # helm-render: renders charts with Helm's own template engine
golang-github-masterminds-sprig-dev  # helm-render: the sprig functions Helm charts use
golang-gopkg-yaml.v2-dev             # helm-render: values files and toYaml
python3                              # app-run: /usr/bin/python3 runs the Python examples
python3-flask                        # app-run: the Flask examples
python3-pytest                       # app-run: the examples' own tests
gunicorn                             # app-run: the examples' production server
python3-boto3                        # s3-run: the files chapter's Python app talks to S3 through boto3
chromium                             # the preview's browser test (driven by playwright-core)
nginx                                # assets-run: nginx in front of the app serves the built bundle
redis-server                         # redis-run: the redis chapter's app and worker talk to a real Redis
postgresql                           # db-run: the database chapter's migrations run against a real PostgreSQL
python3-redis                        # redis-run: the Flask app's Redis client
python3-flask-sqlalchemy             # db-run: the Flask app's models
python3-flask-migrate                # db-run: the Flask app's migrations (Alembic)
python3-psycopg2                     # db-run: the Flask app's PostgreSQL driver
flake8                               # app-tests: the Flask examples' linter
python3-websockets                   # apps-run: the Node.js stack's second app, a websocket service in Python
rsync                                # the CI template test: gitlab-ci-local copies each job's files with it (--shell-isolation)
EOF
)

mode=install
case "${1:-}" in
  '') ;;
  --check) mode=check ;;
  *) echo "usage: sh scripts/install-deps.sh [--check]" >&2; exit 2 ;;
esac

# shellcheck disable=SC2086 # the package list is meant to split into words
set -- $PACKAGES
total=$#

if [ "${STACKDOC_SKIP_DEPS:-}" = 1 ]; then
  echo "Debian packages: not checked (STACKDOC_SKIP_DEPS=1)"
  exit 0
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "stackdoc: this is not a Debian system (no dpkg-query); the tests need these Debian packages or their equivalents: $*" >&2
  echo "Install them, then run the tests with STACKDOC_SKIP_DEPS=1 to skip this check." >&2
  exit 1
fi

missing=""
for package in "$@"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q '^install ok installed$'; then
    missing="$missing $package"
  fi
done
missing=${missing# }

if [ -z "$missing" ]; then
  echo "Debian packages: all $total installed"
  exit 0
fi

command_line="apt-get install -y --no-install-recommends $missing"

# Root installs as is; another user through sudo, if sudo works without a password or can ask
# for one on this terminal. Otherwise: one message, no install attempt.
as_root=unavailable
if [ "$(id -u)" -eq 0 ]; then
  as_root=""
elif command -v sudo >/dev/null 2>&1 && { sudo -n true 2>/dev/null || [ -t 0 ]; }; then
  as_root="sudo"
fi

if [ "$mode" = check ] || [ "$as_root" = unavailable ]; then
  echo "stackdoc: missing Debian packages the tests need: $missing" >&2
  if [ "$mode" = check ]; then
    echo "Install them with: sudo sh scripts/install-deps.sh" >&2
  else
    echo "Cannot install them here (not root, and no sudo that works). As root, run:" >&2
    echo "  $command_line" >&2
    echo "then run the tests again." >&2
  fi
  exit 1
fi

echo "Debian packages: installing $(echo "$missing" | wc -w) missing of $total: $missing"
echo "[1/2] ${as_root:+sudo }apt-get update"
$as_root apt-get update
echo "[2/2] ${as_root:+sudo }$command_line"
# shellcheck disable=SC2086 # the package list is meant to split into words
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing

still=""
for package in $missing; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q '^install ok installed$' || still="$still $package"
done
if [ -n "$still" ]; then
  echo "stackdoc: apt-get finished but these packages are still not installed:$still" >&2
  exit 1
fi
echo "Debian packages: all $total installed"
