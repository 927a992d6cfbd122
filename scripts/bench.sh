#!/usr/bin/env bash
# Whole-tree benchmark (issue 6). On Debian's linux-source-6.12 (scripts/kernel-corpus.sh) it times,
# in one run and with a warm file cache:
#   1. grep -rlE 'poll_wait|poll_table' over the tree   (the floor)
#   2. pollcheck check on the whole tree                 (default rules and simulation)
#   3. pollcheck check --diff of a one-file patch        (the CI gate)
#   4. spatch with scripts/cocci/conditional-poll-wait.cocci, when coccinelle is installed
# and prints wall time, CPU time (user+sys) and peak RSS for each, with the ratios to grep.
# Usage: scripts/bench.sh [KERNEL_TREE]     (env: JOBS, default all cores; SKIP_SPATCH=1)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tree="${1:-}"
if [ -z "$tree" ]; then
  tree=$(bash "$here/scripts/kernel-corpus.sh" | sed -n 's/^kernel=//p')
fi
jobs="${JOBS:-$(nproc)}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
command -v /usr/bin/time >/dev/null || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 2; }

# Build (and warm the class-data archive) before timing anything.
"$here/pollcheck" --version >/dev/null

# A one-file patch inside the tree: touch a line in the body of a real poll method.
target="drivers/media/v4l2-core/v4l2-mem2mem.c"
line=$(grep -n 'poll_wait(' "$tree/$target" | head -n 1 | cut -d: -f1)
mkdir -p "$out/a/$(dirname "$target")" "$out/b/$(dirname "$target")"
cp "$tree/$target" "$out/a/$target"
awk -v n="$line" 'NR==n{print "\t/* touched by the benchmark patch */"} {print}' "$tree/$target" > "$out/b/$target"
(cd "$out" && diff -u "a/$target" "b/$target" > patch.diff || true)

# Warm the file cache so every command sees the same state.
grep -rlE 'poll_wait|poll_table' "$tree" > /dev/null || true

measure() { # name, command...
  local name="$1"; shift
  /usr/bin/time -f '%e %U %S %M' -o "$out/$name.time" "$@" > "$out/$name.out" 2> "$out/$name.err" || true
  read -r wall user sys rss < <(tail -n 1 "$out/$name.time")
  echo "$name $wall $(awk -v u="$user" -v s="$sys" "BEGIN{print u+s}") $rss" >> "$out/results"
}

measure grep grep -rlE 'poll_wait|poll_table' "$tree"
measure check "$here/pollcheck" check --jobs "$jobs" --format json -o "$out/check.json" "$tree"
measure diff "$here/pollcheck" check --jobs "$jobs" --diff "$out/patch.diff" --format json -o "$out/diff.json" "$tree"
if command -v spatch >/dev/null && [ "${SKIP_SPATCH:-0}" != 1 ]; then
  measure spatch spatch --very-quiet --jobs "$jobs" --sp-file "$here/scripts/cocci/conditional-poll-wait.cocci" --dir "$tree"
fi

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r); tree: $tree"
printf '%-8s %9s %9s %10s %9s\n' what wall_s cpu_s peak_MiB x_grep
grep_wall=$(awk '$1=="grep"{print $2}' "$out/results")
while read -r name wall cpu rss; do
  printf '%-8s %9.2f %9.2f %10.0f %9.1f\n' "$name" "$wall" "$cpu" "$((rss / 1024))" "$(awk -v w="$wall" -v g="$grep_wall" "BEGIN{print w/g}")"
done < "$out/results"
for f in check diff; do
  if [ -s "$out/$f.err" ]; then echo "--- $f stderr (tail)"; tail -n 5 "$out/$f.err"; fi
done
if [ -s "$out/check.json" ]; then
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("check:", len(d["findings"]), "findings;", "stats", json.dumps(d["stats"])[:400])' "$out/check.json" || true
fi
if [ -s "$out/spatch.out" ]; then echo "spatch: $(wc -l < "$out/spatch.out") poll_wait calls under requested events"; fi
