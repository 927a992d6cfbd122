#!/usr/bin/env bash
# The project's test command (README, .ci/run): the unit, fixture and end-to-end tests, then the
# SARIF of the sample drivers checked by Microsoft's sarif-multitool (installed on first use into a
# cache outside the repository).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B verify
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
java -jar target/pollcheck.jar check testdata --format sarif -o "$tmp/testdata.sarif" --exit-zero --quiet
bash scripts/validate-sarif.sh "$tmp/testdata.sarif"
