#!/usr/bin/env bash
# The whole test suite: unit tests, the policy pack over gRPC, and end to end
# against the real Pulumi CLI, provider and a local kube-apiserver. The
# toolchain is built (or found in its cache) first; see scripts/toolchain.sh.
# IRONFLOW_SKIP_E2E=1 runs only the unit project (no toolchain needed).
set -euo pipefail
cd "$(dirname "$0")/.."
project=()
if [ "${IRONFLOW_SKIP_E2E:-}" = "1" ]; then
  project=(--project unit)
else
  export_line=$(bash scripts/toolchain.sh | tail -n 1)
  case "$export_line" in
    export\ *) eval "$export_line" ;;
    *) echo "scripts/toolchain.sh did not end with an export line: $export_line" >&2; exit 1 ;;
  esac
fi
report=$(mktemp "${TMPDIR:-/tmp}/ironflow-vitest.XXXXXX.json")
trap 'rm -f "$report"' EXIT
status=0
npx vitest run "${project[@]}" --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?
# One plain closing line with the counts, whatever the reporter printed above.
node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));' "$report" || true
exit "$status"
