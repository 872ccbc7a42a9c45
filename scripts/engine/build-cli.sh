#!/usr/bin/env bash
# Builds the pinned Pulumi CLIs the engine suite runs (npm run test:engine) from the Go module proxy.
#
# One wrapper module per version lives in test/engine/cli/<version>/ (go.mod + go.sum, committed): it requires
# github.com/pulumi/pulumi/pkg/v3 and sdk/v3 at that version and names the CLI's main package in a `tool`
# directive. `go install …@version` cannot build it because pkg's own go.mod carries replace directives; inside a
# wrapper module they are ignored. The flags are those of Pulumi's release build (.goreleaser.yml).
#
# Binaries go to a cache outside the repository, keyed by version, and are only built when missing:
#   ${AKMG_CLI_CACHE:-$HOME/.cache/aws-key-material-guard/pulumi}/<version>/bin/pulumi
#
# Usage: scripts/engine/build-cli.sh [v3.248.0 ...]   (default: every version under test/engine/cli/)
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
cache="${AKMG_CLI_CACHE:-$HOME/.cache/aws-key-material-guard/pulumi}"
main_package=github.com/pulumi/pulumi/pkg/v3/cmd/pulumi

if [ "$#" -eq 0 ]; then
    set -- $(cd test/engine/cli && ls -d v*/ | tr -d /)
fi

for version in "$@"; do
    module="$root/test/engine/cli/$version"
    out="$cache/$version/bin/pulumi"
    if [ ! -f "$module/go.mod" ]; then
        echo "build-cli: no wrapper module $module/go.mod" >&2
        exit 2
    fi
    if [ -x "$out" ] && [ "$("$out" version 2>/dev/null)" = "$version" ]; then
        echo "build-cli: $out ($version) already built"
        continue
    fi
    mkdir -p "$cache/$version/bin"
    start=$(date +%s)
    echo "build-cli: building pulumi $version into $out"
    (
        cd "$module"
        export GOTOOLCHAIN=local GOFLAGS=-mod=readonly CGO_ENABLED=0
        go build -trimpath -tags osusergo,grpcnotrace \
            -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version" \
            -o "$out.partial" "$main_package"
    )
    mv "$out.partial" "$out"
    actual="$("$out" version)"
    if [ "$actual" != "$version" ]; then
        echo "build-cli: $out reports $actual, expected $version" >&2
        exit 1
    fi
    echo "build-cli: built $version in $(( $(date +%s) - start )) s"
done
