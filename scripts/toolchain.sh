#!/usr/bin/env bash
# Builds the real toolchain used by the end-to-end tests from Go modules:
#   pulumi CLI + pulumi-language-nodejs, pulumi-resource-kubernetes (installed into PULUMI_HOME),
#   etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kubectl, kwok.
# Everything goes into a cache outside the repo, keyed by exact versions; a step whose output
# already exists is skipped, so a warm run takes seconds.
#
# Usage:  eval "$(bash scripts/toolchain.sh | tail -1)"
# Progress goes to stderr; the last line of stdout is a single `export ...` line.
#
# Environment:
#   IRONFLOW_TOOLCHAIN_DIR   cache dir (default ~/.cache/ironflow-toolchain)
#   PULUMI_HOME              plugin home (default $IRONFLOW_TOOLCHAIN_DIR/pulumi-home)
#   IRONFLOW_BUILD_PULUMI=1  build our own pulumi even if one is on PATH
#   IRONFLOW_TOOLCHAIN_ONLY  space-separated subset of: etcd kube kwok pulumi provider
set -euo pipefail

PULUMI_VERSION=3.248.0            # must match the npm @pulumi/pulumi pin
K8S_PROVIDER_VERSION=4.25.0       # must match the npm @pulumi/kubernetes pin
# provider/v4 has no semver tags; this is the pseudo-version of the v4.25.0 release commit.
K8S_PROVIDER_MODULE_VERSION=v4.0.0-20260115033456-f47bc2d6f199
KUBE_VERSION=1.36.3               # k8s.io/kubernetes; staging modules at v0.36.3
ETCD_VERSION=3.6.16
KWOK_VERSION=0.8.0

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TC="${IRONFLOW_TOOLCHAIN_DIR:-$HOME/.cache/ironflow-toolchain}"
mkdir -p "$TC"
TC="$(cd "$TC" && pwd -P)"
PULUMI_HOME="${PULUMI_HOME:-$TC/pulumi-home}"
BIN="$TC/bin"                     # one dir of symlinks, put first on PATH
ONLY="${IRONFLOW_TOOLCHAIN_ONLY:-etcd kube kwok pulumi provider}"

export GOFLAGS="-mod=mod -buildvcs=false"
export GOTOOLCHAIN=local
export CGO_ENABLED=0

log() { echo "[toolchain] $*" >&2; }
die() { echo "[toolchain] ERROR: $*" >&2; exit 1; }
want() { [[ " $ONLY " == *" $1 "* ]]; }
now() { date +%s; }
took() { log "  done in $(( $(now) - $1 ))s"; }

command -v go >/dev/null || die "go is not on PATH"
GO_VER="$(go env GOVERSION)"
# k8s.io/kubernetes v1.36 and kwok v0.8 declare go 1.26.0 (GOTOOLCHAIN=local: no toolchain download).
case "$GO_VER" in
  go1.2[6-9]*|go1.[3-9]*) ;;
  *) die "need Go >= 1.26 (found $GO_VER)" ;;
esac

# One run at a time per cache dir.
if command -v flock >/dev/null; then
  exec 9>"$TC/.lock"
  flock -n 9 || { log "waiting for another toolchain.sh using $TC..."; flock 9; }
fi

# Run a build in a work dir, writing into $out.tmp then renaming, so a half-finished
# build never looks finished.
# usage: build_into <outdir> <workdir> go build ... -o <outdir>.tmp/ ...
build_into() {
  local out="$1" work="$2"; shift 2
  rm -rf "$out.tmp"; mkdir -p "$out.tmp"
  (cd "$work" && "$@") || { rm -rf "$out.tmp"; die "build failed in $work"; }
  rm -rf "$out"; mv "$out.tmp" "$out"
}

mod_dir() { # module@version -> extracted dir in the module cache (downloads it)
  go mod download -json "$1" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p'
}

mkdir -p "$BIN"
link() { ln -sfn "$1" "$BIN/$(basename "$1")"; }

# ---------------------------------------------------------------- etcd
ETCD_OUT="$TC/etcd-v$ETCD_VERSION/bin"
if want etcd; then
  if [[ -x "$ETCD_OUT/etcd" ]]; then
    log "etcd v$ETCD_VERSION: cached ($ETCD_OUT/etcd)"
  else
    t=$(now); log "building etcd v$ETCD_VERSION (this takes ~1-2 min cold)..."
    W="$TC/src/etcd-v$ETCD_VERSION"; mkdir -p "$W"
    # server/v3's own go.mod replaces its siblings with ../ paths; require them at the same tag.
    cat > "$W/go.mod" <<EOF
module ironflow.local/toolchain/etcd

go 1.26.0

require (
	go.etcd.io/etcd/api/v3 v$ETCD_VERSION
	go.etcd.io/etcd/client/pkg/v3 v$ETCD_VERSION
	go.etcd.io/etcd/client/v3 v$ETCD_VERSION
	go.etcd.io/etcd/pkg/v3 v$ETCD_VERSION
	go.etcd.io/etcd/server/v3 v$ETCD_VERSION
)
EOF
    build_into "$ETCD_OUT" "$W" go build -trimpath -pgo=off -ldflags "-s -w" \
      -o "$ETCD_OUT.tmp/etcd" go.etcd.io/etcd/server/v3
    took "$t"
  fi
  link "$ETCD_OUT/etcd"
fi

# ---------------------------------------------------------------- kube
KUBE_OUT="$TC/kube-v$KUBE_VERSION/bin"
KUBE_BINS="kube-apiserver kube-controller-manager kube-scheduler kubectl"
if want kube; then
  missing=0; for b in $KUBE_BINS; do [[ -x "$KUBE_OUT/$b" ]] || missing=1; done
  if [[ $missing == 0 ]]; then
    log "kubernetes v$KUBE_VERSION: cached ($KUBE_OUT)"
  else
    t=$(now); log "building kube-apiserver, kube-controller-manager, kube-scheduler, kubectl v$KUBE_VERSION (this takes ~7-12 min cold on 2 cores)..."
    W="$TC/src/kube-v$KUBE_VERSION"; mkdir -p "$W"
    KMOD="$(go mod download -json "k8s.io/kubernetes@v$KUBE_VERSION" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",*$/\1/p')"
    [[ -f "$KMOD" ]] || die "could not download k8s.io/kubernetes@v$KUBE_VERSION"
    # k/k requires every staging module at v0.0.0 and replaces it with ./staging/...;
    # replace each with the published v0.<minor>.<patch> instead (list derived from that tag's go.mod).
    {
      echo "module ironflow.local/toolchain/kube"; echo
      echo "go 1.26.0"; echo
      grep -E '^godebug ' "$KMOD" || true; echo
      echo "require k8s.io/kubernetes v$KUBE_VERSION"; echo
      echo "replace ("
      grep -E '^[[:space:]]*k8s\.io/[^ ]+ v0\.0\.0$' "$KMOD" | awk -v v="v0.${KUBE_VERSION#1.}" '{print "\t"$1" => "$1" "v}'
      echo ")"
    } > "$W/go.mod"
    KMINOR="$(echo "$KUBE_VERSION" | cut -d. -f2)"
    BUILD_DATE="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    LD="-s -w"
    for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
      LD="$LD -X $p.gitVersion=v$KUBE_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$KMINOR"
      LD="$LD -X $p.gitCommit=0000000000000000000000000000000000000000 -X $p.gitTreeState=clean -X $p.buildDate=$BUILD_DATE"
    done
    pkgs=""; for b in $KUBE_BINS; do pkgs="$pkgs k8s.io/kubernetes/cmd/$b"; done
    # One go build for all four so shared packages compile once.
    # shellcheck disable=SC2086
    build_into "$KUBE_OUT" "$W" go build -trimpath -pgo=off -ldflags "$LD" -o "$KUBE_OUT.tmp/" $pkgs
    took "$t"
  fi
  for b in $KUBE_BINS; do link "$KUBE_OUT/$b"; done
fi

# ---------------------------------------------------------------- kwok
KWOK_OUT="$TC/kwok-v$KWOK_VERSION/bin"
if want kwok; then
  if [[ -x "$KWOK_OUT/kwok" ]]; then
    log "kwok v$KWOK_VERSION: cached ($KWOK_OUT/kwok)"
  else
    t=$(now); log "building kwok v$KWOK_VERSION (this takes ~2-3 min cold)..."
    W="$TC/src/kwok-v$KWOK_VERSION"; mkdir -p "$W"
    printf 'module ironflow.local/toolchain/kwok\n\ngo 1.26.0\n\nrequire sigs.k8s.io/kwok v%s\n' "$KWOK_VERSION" > "$W/go.mod"
    build_into "$KWOK_OUT" "$W" go build -trimpath -pgo=off \
      -ldflags "-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=v$KWOK_VERSION" \
      -o "$KWOK_OUT.tmp/kwok" sigs.k8s.io/kwok/cmd/kwok
    took "$t"
  fi
  # kwok's stage definitions (used by scripts/cluster.mjs) ship in the module zip.
  KWOK_DIR="$(mod_dir "sigs.k8s.io/kwok@v$KWOK_VERSION")"
  mkdir -p "$KWOK_OUT/../stages"
  for s in node/fast/node-initialize node/heartbeat-with-lease/node-heartbeat-with-lease \
           pod/fast/pod-ready pod/fast/pod-complete pod/fast/pod-delete; do
    [[ -f "$KWOK_OUT/../stages/$(basename "$s").yaml" ]] || \
      install -m 0644 "$KWOK_DIR/kustomize/stage/$s.yaml" "$KWOK_OUT/../stages/$(basename "$s").yaml"
  done
  link "$KWOK_OUT/kwok"
  ln -sfn "$(cd "$KWOK_OUT/../stages" && pwd)" "$BIN/kwok-stages"
fi

# ---------------------------------------------------------------- pulumi
PULUMI_OUT="$TC/pulumi-v$PULUMI_VERSION/bin"
PULUMI_LDFLAGS="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION"
PULUMI_W="$TC/src/pulumi-v$PULUMI_VERSION"
write_pulumi_wrapper() {
  mkdir -p "$PULUMI_W"
  # pkg/v3's go.mod: replace sdk/v3 => ../sdk (so require it at the same tag) and the clipboard fork.
  cat > "$PULUMI_W/go.mod" <<EOF
module ironflow.local/toolchain/pulumi

go 1.25.11

require (
	github.com/pulumi/pulumi/pkg/v3 v$PULUMI_VERSION
	github.com/pulumi/pulumi/sdk/v3 v$PULUMI_VERSION
)

replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
EOF
}
PULUMI_CMD=""
if want pulumi || want provider; then
  existing="$(command -v pulumi || true)"
  if [[ -n "$existing" && "$(readlink -f "$existing")" != "$TC"/* && "${IRONFLOW_BUILD_PULUMI:-0}" != 1 ]]; then
    log "pulumi: using the one already on PATH ($existing, $("$existing" version 2>/dev/null || echo '?')); not building"
    PULUMI_CMD="$existing"
    rm -f "$BIN/pulumi" "$BIN/pulumi-language-nodejs" "$BIN/pulumi-resource-pulumi-nodejs"
  elif want pulumi; then
    if [[ -x "$PULUMI_OUT/pulumi" ]]; then
      log "pulumi v$PULUMI_VERSION: cached ($PULUMI_OUT/pulumi)"
    else
      t=$(now); log "building pulumi CLI v$PULUMI_VERSION (this takes ~5-8 min cold)..."
      write_pulumi_wrapper
      rm -rf "$PULUMI_OUT.tmp"; mkdir -p "$PULUMI_OUT.tmp"
      (cd "$PULUMI_W" && go build -trimpath -pgo=off -tags osusergo,grpcnotrace -ldflags "$PULUMI_LDFLAGS" \
        -o "$PULUMI_OUT.tmp/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi) || die "pulumi build failed"
      # keep an already-built language host across a CLI rebuild
      [[ -x "$PULUMI_OUT/pulumi-language-nodejs" ]] && cp -p "$PULUMI_OUT/pulumi-language-nodejs" "$PULUMI_OUT.tmp/"
      rm -rf "$PULUMI_OUT"; mv "$PULUMI_OUT.tmp" "$PULUMI_OUT"
      took "$t"
    fi
    # pulumi-language-nodejs: the upstream module (github.com/pulumi/pulumi/sdk/nodejs/cmd/
    # pulumi-language-nodejs/v3) is untagged and the module proxy here refuses it, so we build our
    # own language host (scripts/lib/pulumi-language-nodejs) against the same sdk/v3. It must sit
    # next to the real pulumi binary (the CLI looks beside os.Executable()).
    LH_SRC="$SCRIPT_DIR/lib/pulumi-language-nodejs"
    LH_SUM="$(cat "$LH_SRC"/*.go | sha256sum | cut -c1-16)"
    if [[ -x "$PULUMI_OUT/pulumi-language-nodejs" && "$(cat "$PULUMI_OUT/.langhost-src" 2>/dev/null)" == "$LH_SUM" ]]; then
      log "pulumi-language-nodejs: cached"
    else
      t=$(now); log "building pulumi-language-nodejs (ironflow's own, against sdk/v3 v$PULUMI_VERSION; ~1 min)..."
      write_pulumi_wrapper
      rm -rf "$PULUMI_W/langhost"; mkdir -p "$PULUMI_W/langhost"; cp "$LH_SRC"/*.go "$PULUMI_W/langhost/"
      (cd "$PULUMI_W" && go build -trimpath -pgo=off -tags osusergo,grpcnotrace -ldflags "$PULUMI_LDFLAGS" \
        -o "$PULUMI_OUT/pulumi-language-nodejs.tmp" ./langhost) || die "pulumi-language-nodejs build failed"
      mv "$PULUMI_OUT/pulumi-language-nodejs.tmp" "$PULUMI_OUT/pulumi-language-nodejs"
      echo "$LH_SUM" > "$PULUMI_OUT/.langhost-src"
      took "$t"
    fi
    # Only needed for pulumi.dynamic.Resource: a shell shim shipped in sdk/v3's module zip.
    if [[ ! -x "$PULUMI_OUT/pulumi-resource-pulumi-nodejs" ]]; then
      SDK_DIR="$(mod_dir "github.com/pulumi/pulumi/sdk/v3@v$PULUMI_VERSION")"
      install -m 0755 "$SDK_DIR/nodejs/dist/pulumi-resource-pulumi-nodejs" "$PULUMI_OUT/"
    fi
    for b in pulumi pulumi-language-nodejs pulumi-resource-pulumi-nodejs; do link "$PULUMI_OUT/$b"; done
    PULUMI_CMD="$PULUMI_OUT/pulumi"
  elif [[ -x "$PULUMI_OUT/pulumi" ]]; then
    PULUMI_CMD="$PULUMI_OUT/pulumi"
  fi
fi

# ---------------------------------------------------------------- pulumi-resource-kubernetes
PROV_OUT="$TC/pulumi-kubernetes-v$K8S_PROVIDER_VERSION/bin"
if want provider; then
  if [[ -x "$PROV_OUT/pulumi-resource-kubernetes" ]]; then
    log "pulumi-resource-kubernetes v$K8S_PROVIDER_VERSION: cached ($PROV_OUT)"
  else
    t=$(now); log "building pulumi-resource-kubernetes v$K8S_PROVIDER_VERSION (this takes ~12-16 min cold)..."
    PMOD="github.com/pulumi/pulumi-kubernetes/provider/v4@$K8S_PROVIDER_MODULE_VERSION"
    PDIR="$(mod_dir "$PMOD")"; [[ -d "$PDIR" ]] || die "could not download $PMOD"
    W="$TC/src/pulumi-kubernetes-v$K8S_PROVIDER_VERSION"
    if [[ ! -f "$W/cmd/pulumi-resource-kubernetes/schema-embed.json" ]]; then
      rm -rf "$W"; mkdir -p "$(dirname "$W")"; cp -r "$PDIR" "$W"; chmod -R u+w "$W"
      # provider/go.mod replaces sdk/v4 => ../sdk, which is not in the module zip.
      (cd "$W" && go mod edit -dropreplace=github.com/pulumi/pulumi-kubernetes/sdk/v4 \
        -require=github.com/pulumi/pulumi-kubernetes/sdk/v4@v$K8S_PROVIDER_VERSION)
      # main.go embeds schema-embed.json / terraform-mapping-embed.json, which are generated
      # (gitignored upstream, so absent from the module zip).
      (cd "$W/cmd/pulumi-resource-kubernetes" && VERSION="$K8S_PROVIDER_VERSION" go run generate.go) \
        || die "provider schema generation failed"
    fi
    build_into "$PROV_OUT" "$W" go build -trimpath -pgo=off \
      -ldflags "-s -w -X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=$K8S_PROVIDER_VERSION" \
      -o "$PROV_OUT.tmp/pulumi-resource-kubernetes" ./cmd/pulumi-resource-kubernetes
    took "$t"
  fi
  PLUGIN_DIR="$PULUMI_HOME/plugins/resource-kubernetes-v$K8S_PROVIDER_VERSION"
  if [[ -x "$PLUGIN_DIR/pulumi-resource-kubernetes" && ! -e "$PLUGIN_DIR.partial" ]]; then
    log "plugin resource kubernetes $K8S_PROVIDER_VERSION: already installed in $PULUMI_HOME"
  else
    [[ -n "$PULUMI_CMD" ]] || die "no pulumi CLI to install the kubernetes plugin with"
    log "installing plugin resource kubernetes $K8S_PROVIDER_VERSION into $PULUMI_HOME..."
    mkdir -p "$PULUMI_HOME"
    PULUMI_HOME="$PULUMI_HOME" PULUMI_SKIP_UPDATE_CHECK=true \
      "$PULUMI_CMD" plugin install resource kubernetes "$K8S_PROVIDER_VERSION" \
      --file "$PROV_OUT/pulumi-resource-kubernetes" >&2 || die "pulumi plugin install failed"
  fi
fi

log "toolchain ready in $TC (go $GO_VER)"
echo "export PATH=\"$BIN:\$PATH\" PULUMI_HOME=\"$PULUMI_HOME\" PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true IRONFLOW_TOOLCHAIN_BIN=\"$BIN\""
