#!/usr/bin/env bash
# The whole test suite: unit tests, the policy pack over gRPC, and end to end
# against the real Pulumi CLI, provider and a local kube-apiserver. The
# toolchain is built (or found in its cache) first; see scripts/toolchain.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${IRONFLOW_SKIP_E2E:-}" = "1" ]; then
  exec npx vitest run --project unit "$@"
fi
export_line=$(bash scripts/toolchain.sh | tail -n 1)
case "$export_line" in
  export\ *) eval "$export_line" ;;
  *) echo "scripts/toolchain.sh did not end with an export line: $export_line" >&2; exit 1 ;;
esac
exec npx vitest run "$@"
