#!/usr/bin/env bash
# Validates a SARIF file with Microsoft's sarif-multitool (npm @microsoft/sarif-multitool) and fails on
# any error or warning it reports (notes, such as unreachable help URIs offline, are printed only).
# The tool is installed once into a cache outside the repository:
#   ${POLLCHECK_TOOLS_CACHE:-~/.cache/pollcheck-tools}/sarif-multitool
# Usage: scripts/validate-sarif.sh FILE.sarif
set -euo pipefail
if [ $# -ne 1 ] || [ ! -f "$1" ]; then
  echo "usage: $0 FILE.sarif" >&2
  exit 2
fi
file="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
version="5.7.0"
cache="${POLLCHECK_TOOLS_CACHE:-$HOME/.cache/pollcheck-tools}/sarif-multitool-$version"
bin="$cache/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
case "$(uname -s)" in
  Darwin) bin="$cache/node_modules/@microsoft/sarif-multitool-darwin/Sarif.Multitool" ;;
esac
if [ ! -x "$bin" ]; then
  mkdir -p "$cache"
  echo "validate-sarif: installing @microsoft/sarif-multitool@$version into $cache" >&2
  npm install --prefix "$cache" --no-audit --no-fund --silent "@microsoft/sarif-multitool@$version" >&2
  chmod u+x "$bin"
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
# The native binary directly: the npm wrapper passes arguments through a shell, which splits "a;b" lists.
"$bin" validate --level "Error;Warning;Note" -o "$out/validation.sarif" "$file" >"$out/console.txt" 2>&1 || {
  cat "$out/console.txt" >&2
  echo "validate-sarif: sarif-multitool failed on $1" >&2
  exit 1
}
grep -E '(error|warning) [A-Z]+[0-9]+' "$out/console.txt" >&2 || true
node -e '
  const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const results = (log.runs || []).flatMap(r => r.results || []);
  const count = l => results.filter(r => (r.level || "warning") === l).length;
  const errors = count("error"), warnings = count("warning");
  console.error(`validate-sarif: ${errors} errors, ${warnings} warnings, ${count("note")} notes`);
  process.exit(errors + warnings > 0 ? 1 : 0);
' "$out/validation.sarif"
