#!/usr/bin/env bash
# `pnpm test`: every check, in two lanes (one per core), each in the order a failure is cheapest to find.
# First lane:
#   1. lint: solhint (0 warnings), prettier, ESLint (0 warnings), TypeScript strict (root and packages)
#   2. generated files are up to date: the SDK's ABIs and addresses, the gas benchmark results
#   3. contract, property, deploy and SDK tests (with the gas reporter), the card's layout in Chromium
#   4. the dApp's unit tests (vitest, jsdom)
#   5. the dApp's browser tests in Chromium against its production build; that build's bundle budget
#   6. the indexer end to end: the demo seed and a bulk run reconciled with the chain, the issuer
#      list's API, a reorg, a key-compromise watermark, and the same index on PostgreSQL
# Second lane, from the end of the compile in step 1 (it was the longer one: the indexer's test
# moved to the first):
#   a. coverage of contracts/: 100% lines, >= 95% branches
#   b. the CLI end to end (1,000-row CSV, killed mid-job, resumed, checked on-chain; claim links;
#      the two-chain deployment rehearsal), then its chain-free tests
# Then a smoke test of `pnpm dev`: node up, deployed, seeded, dApp served, all stopped.
# Every chain and server a test starts listens on a port the OS picked, while the default and the
# formerly fixed ports are held busy; every process a test starts is stopped by its process group.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$(date +%s)
# Each step's heading says when it began, so a slow step shows in the log.
step() { printf '\n\033[1m== %s\033[0m  (at %ss)\n' "$*" "$(( $(date +%s) - started ))"; }

# A port the OS says is free (tests never assume a fixed one).
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# A shared machine: another `pnpm dev` may hold the default ports, something else any fixed port.
# Hold those ports for the whole run, so a test that assumes one fails here, not there.
# In a process group of its own (npx starts tsx, which starts node): stopping the group stops all
# three, whether the run passes or fails.
setsid npx tsx scripts/hold-ports.ts 8545 5173 42069 18545 15173 18600 15600 15601 18700 15701 18710 15711 18800 &
holder=$!
# Every process group a test starts (scripts/lib/processes.ts spawnGroup) is listed here: ended
# when the run ends, whichever way, since a test runner killed mid-test never runs its `after`.
OCC_GROUPS_FILE=$(mktemp)
export OCC_GROUPS_FILE
end_groups() { while read -r group; do kill -- -"$group" 2>/dev/null || true; done <"$OCC_GROUPS_FILE"; }
trap 'end_groups; kill -- -"$holder" 2>/dev/null || kill "$holder" 2>/dev/null || true' EXIT

step "lint"
npx solhint --max-warnings 0 'contracts/**/*.sol' | { grep -vE '[═║┌└│]' || true; }
npx prettier --check . >/dev/null && echo "prettier: all files formatted"
npx hardhat compile --quiet

# Two lanes, one per core. The second starts now, in a process group of its own: coverage (the
# longest step), then the CLI's end-to-end tests (1,000-row CSV, killed mid-job, resumed, checked
# on-chain; claim links; the two-chain deployment rehearsal), then its chain-free tests. The first
# lane, here, runs everything else in order, then the browser tests, then the indexer's (beside the
# CLI's, whose chains it shares no port or file with). Coverage compiles
# instrumented copies into temporary folders and leaves artifacts and typechain-types alone
# (hardhat.config.ts), and the CLI's tests only read what the compile above wrote, so the type
# checks and tests here read stable files; every chain and server either lane starts listens on a
# port the OS picked, and the two share no files.
cov_log=$(mktemp); cov_rc=$(mktemp)
cli_log=$(mktemp); cli_done=$(mktemp)
offline_log=$(mktemp)
export cov_log cov_rc cli_log cli_done offline_log started
setsid bash -c '
  PROPERTY_RUNS=3 npx hardhat coverage >"$cov_log" 2>&1; echo $? >"$cov_rc"
  echo "coverage finished at $(( $(date +%s) - started ))s" >>"$cov_log"
  pnpm --filter @onchaincert/cli test:chains >"$cli_log" 2>&1 || true
  pnpm --filter @onchaincert/cli test:offline >"$offline_log" 2>&1 || true
  echo "CLI tests finished at $(( $(date +%s) - started ))s" >"$cli_done"
' &
lane2=$!
trap 'kill -- -"$lane2" 2>/dev/null || true; end_groups; kill -- -"$holder" 2>/dev/null || kill "$holder" 2>/dev/null || true' EXIT
echo "coverage, then the CLI tests: started in the background"

npx eslint --max-warnings 0 . && echo "eslint: no problems"
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

step "dApp unit tests (vitest)"
unit_log=$(mktemp)
pnpm --filter @onchaincert/web test:unit >"$unit_log" 2>&1 || { cat "$unit_log"; exit 1; }
sed 's/\x1b\[[0-9;]*m//g' "$unit_log" | grep -E '^ (✓|×)|Tests ' || true
unit_passed=$(sed 's/\x1b\[[0-9;]*m//g' "$unit_log" | grep -Eo 'Tests +[0-9]+ passed' | grep -Eo '[0-9]+' || echo 0)

step "browser tests (Chromium), beside the second lane (coverage, then the CLI tests)"
e2e_log=$(mktemp)
pnpm --filter @onchaincert/web test:e2e >"$e2e_log" 2>&1 || true
echo "browser tests finished at $(( $(date +%s) - started ))s"
echo "browser tests:"
grep -E '^\s*(not )?ok [0-9]+ - |^# (pass|fail)|# the first cards|# all 5,000' "$e2e_log" || true
e2e_passed=$(grep -Eo '^# pass [0-9]+' "$e2e_log" | grep -Eo '[0-9]+' || echo 0)
e2e_failed=$(grep -Eo '^# fail [0-9]+' "$e2e_log" | grep -Eo '[0-9]+' || echo 0)
[ "$e2e_failed" = "0" ] && [ "$e2e_passed" != "0" ] || { cat "$e2e_log"; exit 1; }

step "coverage of contracts/ (second lane)"
while [ ! -s "$cov_rc" ]; do sleep 1; done
[ "$(cat "$cov_rc")" = "0" ] || { echo "coverage run failed:"; tail -120 "$cov_log"; exit 1; }
grep -E '^\s+[0-9]+ (passing|failing|pending)|^coverage finished' "$cov_log" || true
npx tsx scripts/check-coverage.ts

step "indexer end to end: Ponder on PGlite, then PostgreSQL (first lane, beside the CLI tests)"
idx_log=$(mktemp)
pnpm --filter @onchaincert/indexer test >"$idx_log" 2>&1 || true
echo "indexer tests finished at $(( $(date +%s) - started ))s"
grep -E '^\s*(not )?ok [0-9]+ - |^# (pass|fail|skip)|^# \\# ' "$idx_log" || true
idx_passed=$(grep -Eo '^# pass [0-9]+' "$idx_log" | grep -Eo '[0-9]+' || echo 0)
idx_failed=$(grep -Eo '^# fail [0-9]+' "$idx_log" | grep -Eo '[0-9]+' || echo 0)
[ "$idx_failed" = "0" ] && [ "$idx_passed" != "0" ] || { cat "$idx_log"; exit 1; }

step "CLI tests (second lane)"
wait "$lane2" || true
cat "$cli_done"
cat "$offline_log" >>"$cli_log"
echo "CLI tests:"
grep -E '^\s*(not )?ok [0-9]+ - |^# (pass|fail)|# killed|^# duration' "$cli_log" || true
# How long each file's suite took (the lanes are balanced by these).
awk '/^(not )?ok [0-9]+ - / { name = $0 } /^  duration_ms/ && name { printf "  %6.1f s  %s\n", $2 / 1000, name; name = "" }' "$cli_log" "$e2e_log"
# Two runs' summaries in one log: add them up.
sum_of() { { grep -Eo "^# $1 [0-9]+" "$cli_log" || true; } | awk '{ n += $3 } END { print n + 0 }'; }
cli_passed=$(sum_of pass)
cli_failed=$(sum_of fail)
[ "$cli_failed" = "0" ] && [ "$cli_passed" != "0" ] || { cat "$cli_log"; exit 1; }
# The browser tests ran against a production build (packages/web/dist-e2e): its bundle budget.
pnpm --filter @onchaincert/web check:bundle dist-e2e

step "pnpm dev smoke test"
dev_log=$(mktemp)
smoke_chain=$(free_port); smoke_web=$(free_port)
smoke_index=$(free_port)
PORT=$smoke_chain WEB_PORT=$smoke_web INDEXER_PORT=$smoke_index DEV_EXIT_AFTER_READY=1 pnpm dev >"$dev_log" 2>&1 || { cat "$dev_log"; exit 1; }
# An `a && b` list does not stop a `set -e` script: check each line explicitly.
if ! grep -q "Press Ctrl-C" "$dev_log" || ! grep -q "17 credential types" "$dev_log" || ! grep -q "Indexer  " "$dev_log"; then
  echo "pnpm dev did not print its banner with the seeded demo and the indexer:"; cat "$dev_log"; exit 1
fi
echo "pnpm dev: node started, contracts deployed, demo seeded, demo indexed, dApp served, all stopped"
sleep 1
if pgrep -f "bootstrap.js node --hostname 127.0.0.1 --port $smoke_chain" >/dev/null; then
  echo "pnpm dev left its node running"; exit 1
fi
if pgrep -f "vite.js --host 127.0.0.1 --port $smoke_web" >/dev/null; then
  echo "pnpm dev left its dApp server running"; exit 1
fi
if pgrep -f "ponder.js start --port $smoke_index" >/dev/null; then
  echo "pnpm dev left its indexer running"; exit 1
fi
# Nothing any test started is left running: no Hardhat node, Vite server, CLI run or browser in
# this run's session or the second lane's (another `pnpm dev` on the machine is in a session of
# its own).
sid=$(ps -o sid= -p $$ | tr -d ' ')
leftovers=$(ps -eo pid=,sid=,args= | awk -v sid="$sid" -v lane2="$lane2" '$2 == sid || $2 == lane2' |
  grep -E "[b]ootstrap.js node|[v]ite.js|[p]onder.js|[p]ostgres|[i]ssue-csv.ts|[v]erify-address.ts|[c]hromium" || true)
# And no process group a test started (in a session of its own) is still alive. A zombie (state
# Z) has ended: it waits for a parent to read its exit status, and an orphan's new parent is this
# machine's init, which may take its time.
while read -r group; do
  if pgid_left=$(ps -eo pgid=,pid=,stat=,args= | awk -v g="$group" '$1 == g && $3 !~ /^Z/') && [ -n "$pgid_left" ]; then
    leftovers="$leftovers$pgid_left"$'\n'
  fi
done <"$OCC_GROUPS_FILE"
if [ -n "$leftovers" ]; then
  echo "tests left processes running:"; echo "$leftovers"; exit 1
fi
echo "no process a test started is left running"

printf '\nAll checks passed in %ss.\n' "$(( $(date +%s) - started ))"
echo "tests: $(( ${passed:-0} + unit_passed + e2e_passed + cli_passed + idx_passed )) passed, $(( ${failed:-0} + e2e_failed + cli_failed + idx_failed )) failed" \
  "(contracts/SDK ${passed:-0}, dApp unit ${unit_passed}, browser ${e2e_passed}, CLI ${cli_passed}, indexer ${idx_passed})"
