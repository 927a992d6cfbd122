#!/usr/bin/env bash
# Coverage-guided fuzzing of pollcheck with Jazzer, harness by harness (the longer run; `mvn verify`
# runs only the seeds and the kept inputs).
#
#   scripts/fuzz.sh [MINUTES] [HARNESS...]     e.g.  scripts/fuzz.sh 10      scripts/fuzz.sh 2 parser
#
# MINUTES (default 10) is the fuzzing time of each harness, or a number of seconds written NNs
# (scripts/test.sh, and so CI, runs `fuzz.sh 20s`: a short run of each); HARNESS is any of source, parser,
# analysis (default: all three). FUZZ_JOBS=N (default 2) runs N harnesses at a time (each uses one
# core). The harnesses are src/test/java/dev/pollcheck/fuzz/{SourceStage,Parser,Analysis}FuzzTest.java;
# their seeds and every input that ever failed are in testdata/fuzz/<harness>/.
#
# Each harness runs `JAZZER_FUZZ=1 mvn surefire:test` with its own work directory
# target/fuzz/<harness>/ (the generated corpus in .cifuzz-corpus/, the log in fuzz.log). An input
# that fails an invariant, throws, runs past the per-input bound or runs out of memory is copied to
# testdata/fuzz/<harness>/ (libFuzzer's name: crash-<sha1>, timeout-<sha1>, oom-<sha1>), where it
# becomes a regression test of the normal build. Exit status: 0 when no harness found anything,
# 1 when one did (or its run failed), 2 on a usage error.
#
# A kept input that still fails is part of the harness's corpus, so libFuzzer stops on it at start:
# fix (or triage) it before fuzzing that harness further. To replay every kept input of a harness
# without fuzzing: mvn -o -q -B test -Dtest=AnalysisFuzzTest (or SourceStageFuzzTest, ParserFuzzTest).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
minutes="${1:-10}"
shift || true
case "$minutes" in
  *s) secs="${minutes%s}" ;;
  *) secs="$minutes"; case "$secs" in ''|*[!0-9]*) ;; *) secs=$((secs * 60)) ;; esac ;;
esac
case "$secs" in ''|*[!0-9]*) echo "fuzz.sh: MINUTES must be a whole number (or NNs for seconds), got '$minutes'" >&2; exit 2 ;; esac
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(source parser analysis)
jobs="${FUZZ_JOBS:-2}"

class_of() {
  case "$1" in
    source) echo SourceStageFuzzTest ;;
    parser) echo ParserFuzzTest ;;
    analysis) echo AnalysisFuzzTest ;;
    *) return 1 ;;
  esac
}
for h in "${harnesses[@]}"; do
  class_of "$h" >/dev/null || { echo "fuzz.sh: unknown harness '$h' (source, parser, analysis)" >&2; exit 2; }
done

cd "$here" || exit 2
echo "fuzz.sh: compiling" >&2
# Seeds renamed or removed in testdata/fuzz must not linger in the class path copy.
rm -rf "$here"/target/test-classes/dev/pollcheck/fuzz/*Inputs
mvn -o -q -B test-compile || { echo "fuzz.sh: build failed" >&2; exit 1; }

# One harness: fuzz for the given minutes, then keep what failed. Prints one summary line.
run_one() {
  local h="$1" class work log found status runs
  class="$(class_of "$h")"
  work="$here/target/fuzz/$h"
  log="$work/fuzz.log"
  mkdir -p "$work"
  rm -f "$work"/crash-* "$work"/timeout-* "$work"/oom-* "$work"/slow-unit-*
  # jazzer.internal.basedir: where Jazzer keeps its generated corpus and, as no
  # src/test/resources/<...>Inputs directory exists, writes failing inputs. The extra libFuzzer
  # argument comes after the @FuzzTest maxDuration and so wins over it.
  # -Xmx: the machine is shared; a heap that grows to a quarter of RAM per harness is too much, and
  # an input that needs more than 1 GB for one file is itself a finding (OutOfMemoryError).
  JAZZER_FUZZ=1 JAVA_TOOL_OPTIONS="-Xmx1g" mvn -o -B surefire:test \
    -Dtest="dev.pollcheck.fuzz.$class" -Dsurefire.failIfNoSpecifiedTests=false \
    -Djazzer.internal.basedir="$work" \
    -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time="$secs" \
    -Djazzer.internal.arg.2=-timeout=600 -Djazzer.internal.arg.3=-max_len=8192 \
    >"$log" 2>&1
  status=$?
  found=0
  for f in "$work"/crash-* "$work"/timeout-* "$work"/oom-*; do
    [ -e "$f" ] || continue
    mkdir -p "$here/testdata/fuzz/$h"
    cp "$f" "$here/testdata/fuzz/$h/"
    echo "fuzz.sh: $h: kept testdata/fuzz/$h/$(basename "$f")" >&2
    found=1
  done
  runs="$(grep -aoE 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -n 1)"
  [ -n "$runs" ] || runs="$(grep -aoE '^#[0-9]+' "$log" | tail -n 1) runs (interrupted)"
  echo "fuzz.sh: $h: ${runs:-no libFuzzer summary}; mvn exit $status; log $log" >&2
  [ "$found" -eq 0 ] && [ "$status" -eq 0 ]
}

for h in "${harnesses[@]}"; do
  rm -f "$here/target/fuzz/$h/status"
done
for h in "${harnesses[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
    wait -n
  done
  ( run_one "$h"; echo $? > "$here/target/fuzz/$h/status" ) &
done
wait
fail=0
for h in "${harnesses[@]}"; do
  [ "$(cat "$here/target/fuzz/$h/status" 2>/dev/null)" = 0 ] || fail=1
done
if [ "$fail" -ne 0 ]; then
  echo "fuzz.sh: a harness found a failing input or did not run cleanly (see the logs above)" >&2
fi
exit "$fail"
