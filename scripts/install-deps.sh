#!/bin/sh
# Installs the Debian packages `stackdoc test-examples` (src/verify) needs to check example trees
# offline: Go and sprig to render Helm charts, Flask/gunicorn/pytest to run the Python apps.
# Idempotent: installed packages are skipped, and `apt-get update` runs only if something is
# missing. Runs as root as is; as another user it uses sudo.
set -eu

PACKAGES="
golang-go
golang-github-masterminds-sprig-dev
golang-gopkg-yaml.v2-dev
python3
python3-flask
python3-pytest
gunicorn
"

missing=""
for package in $PACKAGES; do
  if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q '^install ok installed$'; then
    echo "ok       $package"
  else
    echo "missing  $package"
    missing="$missing $package"
  fi
done

if [ -z "$missing" ]; then
  echo "all packages are installed"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=""
elif command -v sudo >/dev/null 2>&1; then
  as_root="sudo"
else
  echo "not root and no sudo: install as root:$missing" >&2
  exit 1
fi

echo "running: apt-get update"
$as_root apt-get update
echo "running: apt-get install -y --no-install-recommends$missing"
# shellcheck disable=SC2086 # the package list is meant to split into words
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
