#!/usr/bin/env bash
# The project's test command (README, .ci/run): the unit, fixture and end-to-end tests (the fuzzing
# harnesses replay their seeds and every input that ever failed), the SARIF of the sample drivers
# checked by Microsoft's sarif-multitool (installed on first use into a cache outside the
# repository), and a short fuzzing run of each harness (20 s each; FUZZ_SECONDS=0 skips it, and
# scripts/fuzz.sh 10 is the long run).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B verify
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
java -jar target/pollcheck.jar check testdata --format sarif -o "$tmp/testdata.sarif" --exit-zero --quiet
bash scripts/validate-sarif.sh "$tmp/testdata.sarif"
fuzz="${FUZZ_SECONDS:-20}"
if [ "$fuzz" != 0 ]; then
  bash scripts/fuzz.sh "${fuzz}s"
fi
