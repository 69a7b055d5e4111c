#!/usr/bin/env bash
# Builds Kubo (tools/kubo) once per dependency set and prints the binary's path.
# The binary is cached in ${DAIMM_KUBO_CACHE:-~/.cache/daimm/kubo}/<key>/ipfs, where <key> hashes go.mod, go.sum,
# main.go and the Go version: a CI runner that keeps ~/.cache (and Go's caches) between runs builds only when they
# change. Nothing is downloaded but Go modules from the proxy; GOTOOLCHAIN=local keeps the installed Go.
# `build.sh --cached` prints the path only when the binary is built already (exit 1 otherwise): for tests.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
command -v go >/dev/null || { echo "tools/kubo/build.sh: Go is not installed (Kubo is built from source)" >&2; exit 1; }
key=$( (cat "$here/go.mod" "$here/go.sum" "$here/main.go"; go env GOVERSION GOOS GOARCH) | sha256sum | cut -c1-16)
dir="${DAIMM_KUBO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/daimm/kubo}/$key"
if [ "${1:-}" = --cached ] && [ ! -x "$dir/ipfs" ]; then
  exit 1
fi
if [ ! -x "$dir/ipfs" ]; then
  mkdir -p "$dir"
  started=$SECONDS
  echo "building Kubo into $dir (first time for this go.sum: several minutes)" >&2
  # -mod=mod: go.sum is complete, but a Go newer than go.mod's may want to tidy; -trimpath for a reproducible binary.
  (cd "$here" && GOTOOLCHAIN=local GOFLAGS=-mod=mod go build -trimpath -o "$dir/ipfs.partial" .)
  mv "$dir/ipfs.partial" "$dir/ipfs"
  echo "built Kubo in $((SECONDS - started))s" >&2
fi
echo "$dir/ipfs"
