#!/usr/bin/env bash
# The project's test command (README, .ci/run): the small v4l2loopback corpus fetched (once, into the
# cache of scripts/kernel-corpus.sh; V4l2loopbackCorpusTest fails without it), the unit, fixture and
# end-to-end tests (the fuzzing harnesses replay their seeds and every input that ever failed), the
# SARIF of the sample drivers checked by Microsoft's sarif-multitool (installed on first use into a
# cache outside the repository), and a short fuzzing run of each harness (20 s each; FUZZ_SECONDS=0
# skips it, and scripts/fuzz.sh 10 is the long run).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/kernel-corpus.sh --v4l2loopback-only >/dev/null
mvn -B verify
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
java -jar target/pollcheck.jar check testdata --format sarif -o "$tmp/testdata.sarif" --exit-zero --quiet
bash scripts/validate-sarif.sh "$tmp/testdata.sarif"
fuzz="${FUZZ_SECONDS:-20}"
if [ "$fuzz" != 0 ]; then
  bash scripts/fuzz.sh "${fuzz}s"
fi
