#!/usr/bin/env bash
# `pnpm test`: every check, in the order a failure is cheapest to find.
#   1. lint: solhint (0 warnings), prettier, TypeScript strict (root and packages)
#   2. generated files are up to date: the SDK's ABIs and addresses, the gas benchmark results
#   3. contract, property, deploy and SDK tests (with the gas reporter)
#   4. coverage of contracts/: 100% lines, >= 95% branches
#   5. smoke test of `pnpm dev`: node up, deployed, seeded, stopped
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
started=$(date +%s)

step "lint"
npx solhint --max-warnings 0 'contracts/**/*.sol' | { grep -vE '[═║┌└│]' || true; }
npx prettier --check . >/dev/null && echo "prettier: all files formatted"
npx hardhat compile --quiet
npx tsc --noEmit -p .
pnpm -r --if-present run typecheck >/dev/null && echo "tsc: root and packages type-check"

step "generated files"
SDK_CHECK=1 npx hardhat run scripts/generate-sdk.ts
BENCH_CHECK=1 npx hardhat run scripts/bench-gas.ts

step "tests"
log=$(mktemp)
REPORT_GAS=true REPORT_GAS_FILE=gas-report.txt npx hardhat test 2>&1 | tee "$log"
passed=$(grep -Eo '^\s+[0-9]+ passing' "$log" | grep -Eo '[0-9]+' | tail -1)
failed=$(grep -Eo '^\s+[0-9]+ failing' "$log" | grep -Eo '[0-9]+' | tail -1 || true)

step "coverage"
PROPERTY_RUNS=3 npx hardhat coverage >/dev/null 2>&1 || { echo "coverage run failed"; npx hardhat coverage; exit 1; }
npx tsx scripts/check-coverage.ts

step "pnpm dev smoke test"
dev_log=$(mktemp)
PORT=${SMOKE_PORT:-18545} DEV_EXIT_AFTER_READY=1 pnpm dev >"$dev_log" 2>&1 || { cat "$dev_log"; exit 1; }
grep -q "Press Ctrl-C" "$dev_log" && grep -q "12 credential types" "$dev_log" && echo "pnpm dev: node started, contracts deployed, demo seeded, node stopped"
if pgrep -f "bootstrap.js node --hostname 127.0.0.1 --port ${SMOKE_PORT:-18545}" >/dev/null; then
  echo "pnpm dev left its node running"; exit 1
fi

printf '\nAll checks passed in %ss.\n' "$(( $(date +%s) - started ))"
echo "tests: ${passed:-0} passed, ${failed:-0} failed"
