#!/usr/bin/env bash
# The project's test command (README, .ci/run): the unit and fixture tests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B verify
