#!/usr/bin/env bash
# Lists this checkout's files as they are now, NUL-separated, relative to its root: tracked and new
# files, not ignored (so no node_modules, no builds). A checkout without git metadata (an exported
# tree, as some CI runs get) is listed through an empty repository of its own whose work tree is the
# checkout, so that .gitignore decides as it would in a clone. Used by scripts/compat-run.sh and the
# git-URL package test.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  exec git ls-files -z --cached --others --exclude-standard
fi
listing="$(mktemp -d "${TMPDIR:-/tmp}/assume-guard-listing-XXXXXX")"
trap 'rm -rf "$listing"' EXIT
git init -q --bare "$listing"
git "--git-dir=$listing" "--work-tree=$root" ls-files -z --cached --others --exclude-standard
