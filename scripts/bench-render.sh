#!/usr/bin/env bash
# Render micro-benchmark: CPU milliseconds per render of one letter (default manifests/templates/november-sale.json with
# TemplateData.Sample, subject + preheader + HTML + text), for a reference build of crm-esp and the working tree, in one
# process (scripts/bench-render: each build in its own assembly load context), batches alternating between the two so
# a busy machine weighs on both alike. Prints each build's median and the per-batch ratio (working tree ÷ reference).
# REF defaults to 842257c, the last commit with DotLiquid templates.
# Usage: ./scripts/bench-render.sh [TEMPLATE] [RENDERS_PER_BATCH] [BATCHES]
set -euo pipefail
cd "$(dirname "$0")/.."
template=${1:-manifests/templates/november-sale.json}
renders=${2:-5000}
batches=${3:-7}
ref=${REF:-842257c}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
build() { local out; out=$(dotnet build "$1" -c Release -o "$2" --nologo -v quiet -clp:ErrorsOnly 2>&1) || { echo "$out" >&2; exit 1; }; }
git archive "$ref" | tar -x -C "$work"
build "$work/Connector/Connector.csproj" "$work/ref"
build Connector/Connector.csproj "$work/tree"
build scripts/bench-render/BenchRender.csproj "$work/bench"
echo "reference: $ref ($(git log -1 --format=%s "$ref" | cut -c1-60)…); tree: $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes')"
dotnet "$work/bench/BenchRender.dll" "$work/ref" "$work/tree" "$template" "$renders" "$batches"
