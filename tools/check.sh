#!/usr/bin/env bash
# Static checks CI runs (.ci/run): types, type-aware ESLint, layer rules (dependency-cruiser) and formatting.
# Every check runs; the script fails if any did, naming which.
set -uo pipefail
cd "$(dirname "$0")/.."
failed=()
run() {
  local name="$1"
  shift
  echo "-- $name"
  if ! "$@"; then failed+=("$name"); fi
}
run typecheck npx tsc -p tsconfig.json --noEmit
run eslint npx eslint apps libs connectors bench
run layers npx depcruise --config .dependency-cruiser.cjs apps libs connectors
run prettier npx prettier --check --log-level warn .
if [ "${#failed[@]}" -gt 0 ]; then
  echo "static checks failed: ${failed[*]}"
  exit 1
fi
echo "static checks passed"
