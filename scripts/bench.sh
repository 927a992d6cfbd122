#!/usr/bin/env bash
# Whole-tree benchmark (issue 6). On Debian's linux-source-6.12 (scripts/kernel-corpus.sh) it times,
# in one run and with a warm file cache:
#   1. grep -rlE 'poll_wait|poll_table' over the tree   (the floor)
#   2. pollcheck check on the whole tree                 (default rules and simulation)
#   3. pollcheck check --diff of a one-file patch        (the CI gate)
#   4. spatch with scripts/cocci/conditional-poll-wait.cocci, when coccinelle is installed
# and prints wall time, CPU time (user+sys) and peak RSS for each, with the ratios to grep.
# Each command runs REPEAT times (default 3) in turn; the run with the median wall time is the one
# printed, with the range of wall times beside it (a small virtual machine varies by tens of percent
# from run to run, and one lucky or unlucky run says little).
# Usage: scripts/bench.sh [KERNEL_TREE]     (env: JOBS, default all cores; REPEAT; SKIP_SPATCH=1)
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

repeat="${REPEAT:-3}"
once() { # name, command...   appends "wall cpu rss" of one run to $out/name.runs
  local name="$1"; shift
  /usr/bin/time -f '%e %U %S %M' -o "$out/$name.time" "$@" > "$out/$name.out" 2> "$out/$name.err" || true
  read -r wall user sys rss < <(tail -n 1 "$out/$name.time")
  echo "$wall $(awk -v u="$user" -v s="$sys" "BEGIN{print u+s}") $rss" >> "$out/$name.runs"
}
summarize() { # name   appends "name wall cpu rss range" for the run with the median wall time
  sort -n "$out/$1.runs" | awk -v n="$1" '{w[NR]=$1; l[NR]=$0} END {m=int((NR+1)/2); print n, l[m], w[1] "-" w[NR]}' >> "$out/results"
}

# Rounds interleave the commands, so that the machine drifting during the run touches them alike.
names=(grep check diff)
have_spatch=0
if command -v spatch >/dev/null && [ "${SKIP_SPATCH:-0}" != 1 ]; then have_spatch=1; names+=(spatch); fi
for ((round = 1; round <= repeat; round++)); do
  once grep grep -rlE 'poll_wait|poll_table' "$tree"
  once check "$here/pollcheck" check --jobs "$jobs" --format json -o "$out/check.json" "$tree"
  once diff "$here/pollcheck" check --jobs "$jobs" --diff "$out/patch.diff" --format json -o "$out/diff.json" "$tree"
  if [ "$have_spatch" = 1 ]; then
    once spatch spatch --very-quiet --jobs "$jobs" --sp-file "$here/scripts/cocci/conditional-poll-wait.cocci" --dir "$tree"
  fi
done
for n in "${names[@]}"; do summarize "$n"; done

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r); tree: $tree"
echo "median of $repeat runs each"
printf '%-8s %9s %9s %10s %9s  %s\n' what wall_s cpu_s peak_MiB x_grep wall_range_s
grep_wall=$(awk '$1=="grep"{print $2}' "$out/results")
while read -r name wall cpu rss range; do
  printf '%-8s %9.2f %9.2f %10.0f %9.1f  %s\n' "$name" "$wall" "$cpu" "$((rss / 1024))" \
    "$(awk -v w="$wall" -v g="$grep_wall" "BEGIN{print w/g}")" "$range"
done < "$out/results"
for f in check diff; do
  if [ -s "$out/$f.err" ]; then echo "--- $f stderr (tail)"; tail -n 5 "$out/$f.err"; fi
done
if [ -s "$out/check.json" ]; then
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("check:", len(d["findings"]), "findings;", "stats", json.dumps(d["stats"])[:400])' "$out/check.json" || true
fi
if [ -s "$out/spatch.out" ]; then echo "spatch: $(wc -l < "$out/spatch.out") poll_wait calls under requested events"; fi
