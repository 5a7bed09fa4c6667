#!/usr/bin/env bash
# Installs the pinned n8n that the n8n adapter test (hosts/n8n) runs our node in, into a cache
# folder outside the project (it is no dependency of intercom-blocks). Reused when present.
#   N8N_HOME (default $HOME/.cache/intercom-blocks/n8n-1.123.0)
# n8n 1.123.0 installs from the npm registry with one override (a dependency of its points at an
# xlsx tarball outside the registry) and without install scripts; sqlite3 is then built from source.
set -euo pipefail
version=1.123.0
user_home="${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"
home="${N8N_HOME:-$user_home/.cache/intercom-blocks/n8n-$version}"
if [ -f "$home/.installed" ] && [ -x "$home/node_modules/.bin/n8n" ]; then
  echo "n8n $version: cached in $home"
  exit 0
fi
start=$(date +%s)
staging="$home.partial.$$"
rm -rf "$staging"
mkdir -p "$staging"
trap 'rm -rf "$staging"' EXIT
cat > "$staging/package.json" <<JSON
{
  "name": "intercom-blocks-n8n-host",
  "private": true,
  "dependencies": { "n8n": "$version" },
  "overrides": { "xlsx": "0.18.5" }
}
JSON
cd "$staging"
npm install --ignore-scripts --no-audit --no-fund --loglevel=error
npm rebuild sqlite3 --loglevel=error
echo "$version" > .installed
cd /
rm -rf "$home"
mv "$staging" "$home"
trap - EXIT
echo "n8n $version: installed in $home in $(( $(date +%s) - start ))s"
