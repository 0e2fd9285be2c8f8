#!/usr/bin/env bash
# Builds and runs every test. Needs the .NET 10 SDK, Node.js and Debian's package mirror: scripts/peers/install.sh
# installs the real peers (Postfix, DKIM verifiers, SpamAssassin, Dovecot, PostgreSQL, Chromium…), which the tests start
# and stop by pid; the Bitrix24 peer is the built-in sandbox portal and WireMock.Net (both in-process, on loopback);
# SQLite is embedded, PostgreSQL runs as a private server per test run. The pages' own tests (Vitest, and vue-tsc's type
# check counted as one test) run after the .NET suite; Node.js >= 20.19 builds the pages. Prints "N passed, N failed,
# N skipped" at the end, the two suites added together.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v dotnet >/dev/null || { echo "test.sh: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
command -v node >/dev/null || { echo "test.sh: Node.js 20.19 or newer is required to build the pages (the machine image has it; Debian's apt has only 18)" >&2; exit 1; }
./scripts/peers/install.sh
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test CrmEspBridge.sln -c Release --nologo --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
count() { grep -E "^\s*$1:? *[0-9]+" "$log" | tail -n 1 | grep -oE '[0-9]+' | head -n 1; }
passed=0 failed=0 skipped=0
if grep -qE '^\s*Total tests:' "$log"; then
  passed=$(count Passed || echo 0) failed=$(count Failed || echo 0) skipped=$(count Skipped || echo 0)
fi
ui=Connector/Web/Ui
if [ -d "$ui/node_modules" ]; then
  report=$(mktemp)
  trap 'rm -f "$log" "$report"' EXIT
  set +e
  (cd "$ui" && npx vitest run --reporter=default --reporter=json --outputFile.json="$report")
  vitest=$?
  (cd "$ui" && npx vue-tsc --noEmit -p tsconfig.json)
  typecheck=$?
  set -e
  read -r vp vf vs < <(node -e 'try{const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));console.log(r.numPassedTests,r.numFailedTests+(r.numFailedTestSuites||0),r.numPendingTests+r.numTodoTests)}catch{console.log(0,1,0)}' "$report")
  passed=$((passed + vp + (typecheck == 0 ? 1 : 0))) failed=$((failed + vf + (typecheck == 0 ? 0 : 1))) skipped=$((skipped + vs))
  [ "$vitest" -eq 0 ] && [ "$typecheck" -eq 0 ] || status=1
else
  echo "test.sh: the pages were not built ($ui/node_modules is missing), so their tests did not run" >&2
  failed=$((failed + 1)) status=1
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
