#!/usr/bin/env bash
# The main job, from a fresh clone: install, build or find the toolchain, start
# a local control plane (unless KUBECONFIG names a cluster), then preview, up
# and destroy the top-level program with the policy pack, on a local file
# backend. Everything it starts or creates is removed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
step() { printf '\n\033[1m[demo] %s\033[0m\n' "$*"; }

step "installing npm dependencies (npm ci)"
npm ci --no-audit --no-fund

step "building or finding the toolchain (scripts/toolchain.sh)"
export_line=$(bash scripts/toolchain.sh | tail -n 1)
case "$export_line" in export\ *) eval "$export_line" ;; *) echo "toolchain failed: $export_line" >&2; exit 1 ;; esac

work=$(mktemp -d "${TMPDIR:-/tmp}/ironflow-demo.XXXXXX")
started_cluster=""
cleanup() {
  status=$?
  if [ -n "$started_cluster" ]; then
    step "stopping the local control plane"
    IRONFLOW_CLUSTER_DIR="$work/cluster" node scripts/cluster.mjs down || true
  fi
  rm -rf "$work"
  exit $status
}
trap cleanup EXIT INT TERM

if [ -n "${KUBECONFIG:-}" ]; then
  kubeconfig="$KUBECONFIG"
  step "using your cluster from KUBECONFIG=$kubeconfig"
else
  step "starting a local control plane (etcd, kube-apiserver, controller-manager, scheduler, kwok; loopback only)"
  kubeconfig=$(IRONFLOW_CLUSTER_DIR="$work/cluster" node scripts/cluster.mjs up | tail -n 1)
  started_cluster=1
fi

export PULUMI_BACKEND_URL="file://$work/state"
export PULUMI_CONFIG_PASSPHRASE="ironflow-demo"
export PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
mkdir -p "$work/state"
# Every policy mandatory, with the hosts and paths the demo uses allowed.
policy=(--policy-pack "$root/policy" --policy-pack-config "$root/examples/demo/policy-config.json")
# The demo program is type-checked by the tests; ts-node's type check would only slow it down.
export PULUMI_NODEJS_TRANSPILE_ONLY=true

step "pulumi stack init (local file backend in $work/state)"
pulumi stack init demo --non-interactive
pulumi config set kubeconfigPath "$kubeconfig"
# A placeholder credential: the demo shows where it goes (a Secret), it does not log in to Claude.
pulumi config set --secret claudeCredentials '{"claudeAiOauth":{"accessToken":"demo-placeholder","refreshToken":"demo-placeholder","expiresAt":0}}'

step "pulumi preview with the policy pack"
pulumi preview --non-interactive --diff "${policy[@]}"

step "pulumi up with the policy pack"
pulumi up --yes --non-interactive --skip-preview "${policy[@]}"

step "the pod in the cluster"
KUBECONFIG="$kubeconfig" kubectl get pods,secrets,networkpolicies -l app.kubernetes.io/managed-by=ironflow -o wide

step "pulumi preview again: no changes expected"
pulumi preview --non-interactive --expect-no-changes "${policy[@]}"

step "pulumi destroy"
pulumi destroy --yes --non-interactive --skip-preview
pulumi stack rm --yes --non-interactive demo
step "done"
