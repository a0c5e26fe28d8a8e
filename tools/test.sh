#!/usr/bin/env bash
# The whole test suite: unit specs (nothing running) and integration specs against real PostgreSQL, Kafka,
# Dovecot, an SMTP sink and Chromium. The integration tier starts a Kafka broker unless KAFKA_BROKERS names one.
# Prints one closing line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp
# PGlite loads its WebAssembly through import(), which Jest's module runtime needs this flag for.
export NODE_OPTIONS="--experimental-vm-modules --no-warnings=ExperimentalWarning ${NODE_OPTIONS:-}"
export KAFKAJS_NO_PARTITIONER_WARNING=1
# --forceExit: a leaked handle must never hang CI; leaks are found with --detectOpenHandles locally.
results=".tmp/jest-results-$$.json"
npx jest --ci --maxWorkers=2 --forceExit --json --outputFile="$results" "$@"
status=$?
RESULTS="$results" node -e '
  const r = require(require("path").resolve(process.env.RESULTS));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`\nsuites: ${r.numPassedTestSuites} passed, ${r.numFailedTestSuites} failed`);
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
' || true
rm -f "$results"
exit $status
