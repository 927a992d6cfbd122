#!/usr/bin/env bash
# Benchmark (not a test) for the patch gate: `pollcheck check --diff` with a one-file patch inside the
# whole Debian linux-source-6.12 tree. The patch is made so that its new side is the tree as it is
# (the first poll_wait of a driver "added"), so the tree needs no change and stays read-only.
# Usage: scripts/bench-diff-gate.sh [FILE-IN-TREE] [RUNS]   (default: drivers/media/v4l2-core/v4l2-mem2mem.c, 3)
# Prints the wall time of each run after one warm-up run; the target (issue 6) is under 1.5 s.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kernel="$(bash "$here/scripts/kernel-corpus.sh" | sed -n 's/^kernel=//p')"
file="${1:-drivers/media/v4l2-core/v4l2-mem2mem.c}"
runs="${2:-3}"
[ -f "$kernel/$file" ] || { echo "bench-diff-gate: no $file in $kernel" >&2; exit 2; }
line="$(grep -n 'poll_wait(' "$kernel/$file" | head -n 1 | cut -d: -f1)"
[ -n "$line" ] || { echo "bench-diff-gate: no poll_wait in $file" >&2; exit 2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
sed "${line}d" "$kernel/$file" > "$tmp/old.c"
diff -u --label "a/$file" --label "b/$file" "$tmp/old.c" "$kernel/$file" > "$tmp/one.patch" || true
"$here/pollcheck" --version >/dev/null    # build the jar outside the timing
echo "bench-diff-gate: $file line $line, tree $kernel" >&2
"$here/pollcheck" check "$kernel" --diff "$tmp/one.patch" --quiet --exit-zero >/dev/null   # warm-up
for i in $(seq "$runs"); do
  start=$(date +%s.%N)
  "$here/pollcheck" check "$kernel" --diff "$tmp/one.patch" --exit-zero > "$tmp/out.txt"
  end=$(date +%s.%N)
  printf 'run %d: %.2f s wall\n' "$i" "$(echo "$end - $start" | bc)"
done
tail -n 1 "$tmp/out.txt"
