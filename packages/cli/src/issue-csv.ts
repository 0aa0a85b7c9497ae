/**
 * pnpm issue:csv --type <id> --file recipients.csv [--network localhost|custom] [--dry-run] [--yes]
 *
 * Validates every row (file and chain), prints the plan and its cost, asks, then issues chunk by
 * chunk with a progress bar. The job's state is saved next to the CSV after every transaction:
 * running the same command again resumes, and nothing is issued twice. The results file (every
 * row with its status, token id and transaction) is written next to the CSV.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { createPublicClient, createWalletClient, formatEther, formatGwei, http, type PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import * as knownChains from "viem/chains";
import {
  JobStopped,
  confirmIssued,
  credentialRegistryAbi,
  csvTemplate,
  defaultConfirmations,
  deployments,
  formatDuration,
  issuedRows,
  jobResults,
  kindLabel,
  prepareBulkIssue,
  readCredentialType,
  readIssuerOf,
  recipientsByRow,
  resultsCsv,
  runIssuance,
  type JobState,
  type JobStore,
  type Progress,
} from "@onchaincert/sdk";

import { runClaimLinks } from "./claim-links";
import { issuerKey, rpcUrlFor } from "./config";
import { guardOutput, printable, safeUrl } from "./output";

const USAGE = `Usage: pnpm issue:csv --type <id> --file <recipients.csv> [options]
       pnpm issue:csv --claim-links --type <id> --file <people.csv> [--deadline YYYY-MM-DD] [--app-url URL] [options]

Options:
  --network <name>          localhost (default; HARDHAT_LOCALHOST_URL or http://127.0.0.1:8545)
                            or custom (RPC_URL)
  --dry-run                 validate and print the plan and its cost; send nothing
  --yes                     do not ask before sending
  --max-batch <n>           at most n credentials per transaction (default: as many as fit, up to 320)
  --recipient-column <name> header of the recipient column (default: recipient, address or wallet)
  --valid-until-column <name>, --evidence-column <name>   likewise
  --confirmations <n>       blocks a transaction must be deep before its credentials are read
                            again for the results (default: 0 locally, 12 on Ethereum, 10 on L2s)
  --template                print a template CSV and exit

Claim links (for people without a wallet address; no recipient column needed):
  --claim-links             one claim round for the whole file: one transaction, one link per row
  --deadline <YYYY-MM-DD>   last day (UTC) the links can be claimed (default: none)
  --app-url <url>           the dApp the links open (default: from the registry's credential page URL)

The issuing key comes from ISSUER_PRIVATE_KEY (environment) or \`npx hardhat vars set ISSUER_PRIVATE_KEY\`.
State: <file>.type-<id>.job.json; results: <file>.type-<id>.results.csv, both next to the CSV.
Claim links: <file>.type-<id>.claims.json (the round's secret seed) and <file>.type-<id>.links.csv.`;

const n = (x: number | bigint) => x.toLocaleString("en-US");

/** One line: a bar on a terminal, plain progress otherwise. */
function progressLine(p: Progress): string {
  const width = 24;
  const filled = p.rowsTotal ? Math.round((p.rowsDone / p.rowsTotal) * width) : width;
  const left = p.remainingMs === undefined ? "" : ` · ~${formatDuration(p.remainingMs)} left`;
  return (
    `[${"█".repeat(filled)}${"░".repeat(width - filled)}] ${n(p.rowsDone)}/${n(p.rowsTotal)} rows · ` +
    `${p.transactionsConfirmed}/${p.transactionsPlanned} transactions · ${formatDuration(p.elapsedMs)} elapsed${left}`
  );
}

function fileStore(file: string): JobStore {
  return {
    async load() {
      return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as JobState) : undefined;
    },
    async save(state) {
      // Write then rename, so a kill mid-write never leaves half a state file.
      writeFileSync(`${file}.tmp`, JSON.stringify(state, null, 2));
      renameSync(`${file}.tmp`, file);
    },
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      type: { type: "string" },
      file: { type: "string" },
      network: { type: "string", default: "localhost" },
      "dry-run": { type: "boolean", default: false },
      yes: { type: "boolean", default: false },
      "max-batch": { type: "string" },
      "recipient-column": { type: "string" },
      "valid-until-column": { type: "string" },
      "evidence-column": { type: "string" },
      template: { type: "boolean", default: false },
      confirmations: { type: "string" },
      "claim-links": { type: "boolean", default: false },
      deadline: { type: "string" },
      "app-url": { type: "string" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.template) {
    process.stdout.write(csvTemplate());
    return 0;
  }
  if (values.confirmations !== undefined && !/^\d+$/.test(values.confirmations)) {
    console.error("--confirmations must be a whole number of blocks.");
    return 2;
  }
  if (!values.type || !/^\d+$/.test(values.type) || !values.file) {
    console.error(USAGE);
    return 2;
  }
  const maxBatch = values["max-batch"] === undefined ? undefined : Number(values["max-batch"]);
  if (maxBatch !== undefined && !(Number.isInteger(maxBatch) && maxBatch > 0)) {
    console.error("--max-batch must be a positive whole number.");
    return 2;
  }
  const typeId = BigInt(values.type);
  // pnpm runs scripts from the workspace root; paths are relative to where the command was typed.
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), values.file);
  if (!existsSync(file)) {
    console.error(`No such file: ${file}`);
    return 2;
  }
  const base = file.replace(/\.csv$/i, "");
  const stateFile = `${base}.type-${typeId}.job.json`;
  const resultsFile = `${base}.type-${typeId}.results.csv`;

  const rpc = rpcUrlFor(values.network!);
  guardOutput({ urls: [rpc] });
  // A dry run needs the key too (nothing is signed): the checks and estimates are for the issuing account.
  const key = issuerKey();
  guardOutput({ keys: [key] });
  const account = privateKeyToAccount(key);
  const local = values.network === "localhost";
  const client = createPublicClient({
    transport: http(rpc, { batch: { batchSize: 500 } }),
    pollingInterval: local ? 100 : 2_000,
  }) as PublicClient;
  const chainId = await client.getChainId().catch((e: unknown) => {
    throw new Error(`Could not reach the RPC at ${safeUrl(rpc)}: ${(e as Error).message.split("\n")[0]}`);
  });
  const deployment = (deployments as Record<string, { CredentialRegistry: `0x${string}` } | undefined>)[
    String(chainId)
  ];
  if (!deployment) throw new Error(`OnChainCert has no deployment recorded for chain ${chainId} in packages/sdk.`);
  const registry = deployment.CredentialRegistry;
  const symbol =
    Object.values(knownChains).find((c) => (c as { id?: number }).id === chainId)?.nativeCurrency.symbol ??
    "(native currency)";

  console.log(values["claim-links"] ? "OnChainCert claim links" : "OnChainCert bulk issue");
  console.log(`  file      ${file}`);
  console.log(`  network   ${values.network} (chain ${chainId}, ${safeUrl(rpc)}), registry ${registry}`);
  const issuer = await readIssuerOf(client, registry, account.address);
  console.log(
    `  issuer    ${account.address}${issuer ? ` (${printable(issuer.name)}, issuer #${issuer.issuerId})` : " (not a registered issuer)"}`,
  );
  const count = await client.readContract({ address: registry, abi: credentialRegistryAbi, functionName: "typeCount" });
  if (typeId >= 1n && typeId <= count) {
    const t = await readCredentialType(client, registry, typeId);
    console.log(`  type      #${typeId} ${printable(t.name)} (${kindLabel(t.kind)})`);
  }

  const confirmations =
    values.confirmations === undefined ? defaultConfirmations(chainId) : Number(values.confirmations);
  const wallet = createWalletClient({ account, transport: http(rpc), chain: undefined });
  if (values["claim-links"]) {
    return runClaimLinks({
      client,
      wallet,
      account: account.address,
      chainId,
      registry,
      typeId,
      file,
      base,
      deadline: values.deadline,
      appUrl: values["app-url"],
      validUntilColumn: values["valid-until-column"],
      evidenceColumn: values["evidence-column"],
      dryRun: values["dry-run"]!,
      yes: values.yes!,
      confirmations,
      symbol,
      pollMs: local ? 100 : 2_000,
    });
  }
  if (values.deadline !== undefined || values["app-url"] !== undefined) {
    console.error("--deadline and --app-url go with --claim-links.");
    return 2;
  }
  const store = fileStore(stateFile);
  let stopRequested = false;
  process.on("SIGINT", () => {
    if (stopRequested) process.exit(130);
    stopRequested = true;
    console.log("\nStopping after the current transaction (Ctrl-C again to quit now; the job resumes either way).");
  });

  // A round: validate against the chain, plan, send, then confirm that what was issued is still
  // there. A reorganisation that drops issued credentials makes another round re-plan those rows.
  let confirmedToSend = values.yes;
  for (let round = 1; ; round++) {
    const outcome = await issueRound(round === 1);
    if (outcome !== "again") return outcome;
    if (round === 3) {
      console.error("\nThe chain keeps reorganising; run the same command again later to re-send the missing rows.");
      return 1;
    }
  }

  async function issueRound(first: boolean): Promise<number | "again"> {
    const prepared = await prepareBulkIssue({
      client,
      chainId,
      registry,
      typeId,
      issuer: account.address,
      bytes: readFileSync(file),
      store,
      maxBatch,
      columns: {
        ...(values["recipient-column"] ? { recipient: values["recipient-column"] } : {}),
        ...(values["valid-until-column"] ? { validUntil: values["valid-until-column"] } : {}),
        ...(values["evidence-column"] ? { evidence: values["evidence-column"] } : {}),
      },
    });
    if (prepared.error !== undefined) {
      console.error(`\n${printable(prepared.error)}`);
      return 1;
    }
    const { csv, validation, plan, state } = prepared;
    const resumed = state.chunks.length > 0;
    const issuedBefore = issuedRows(state).size;

    console.log(
      `\nValidation: ${n(csv.rows.length)} rows — ${n(validation.counts.ready)} ready, ${n(validation.counts.invalid)} invalid, ` +
        `${n(validation.counts.held)} already hold this credential${resumed ? ` (${n(issuedBefore)} of them issued by this job before)` : ""}.`,
    );
    if (first) {
      if (validation.jobError) console.log(`  ${printable(validation.jobError)}`);
      else {
        const invalid = validation.outcomes.filter((o) => o.status === "invalid");
        for (const o of invalid.slice(0, 50))
          if (o.status === "invalid") console.log(`  row ${String(o.row).padEnd(6)} ${printable(o.reason)}`);
        if (invalid.length > 50) console.log(`  … and ${invalid.length - 50} more: every row is in the results file.`);
      }
    }

    const writeResults = (s: JobState | undefined) => {
      writeFileSync(resultsFile, resultsCsv(csv, jobResults(csv, validation, s)));
    };
    if (validation.jobError || plan.transactions === 0) {
      writeResults(state);
      console.log(`\nNothing to send. Results: ${resultsFile}`);
      return validation.jobError ? 1 : 0;
    }

    console.log(
      `\nPlan: ${n(plan.rows)} credentials in ` +
        (plan.transactions === 1 ? "1 transaction " : `${plan.transactions} transactions of up to ${plan.chunkSize} `) +
        `(per-transaction gas limit ${n(plan.gasLimitPerTransaction)}).`,
    );
    console.log(
      `  estimated gas ${n(plan.totalGas)} at ${formatGwei(plan.gasPrice)} gwei = ${formatEther(plan.totalCost)} ${symbol}`,
    );
    if (values["dry-run"]) {
      console.log("\nDry run: nothing was sent.");
      return 0;
    }
    if (!confirmedToSend) {
      if (!process.stdin.isTTY) {
        console.error("\nNot a terminal: add --yes to send without asking.");
        return 2;
      }
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      const answer = await rl.question(`\nIssue ${n(plan.rows)} credentials now? [y/N] `);
      rl.close();
      if (!/^y(es)?$/i.test(answer.trim())) {
        console.log("Nothing was sent.");
        return 0;
      }
      confirmedToSend = true;
    }

    const tty = process.stdout.isTTY;
    let lastConfirmed = 0;
    try {
      await runIssuance({
        client,
        registry,
        typeId,
        issuer: account.address,
        rows: validation.ready,
        plan,
        state,
        store,
        send: (request) => wallet.writeContract({ ...request, chain: null }),
        shouldStop: () => stopRequested,
        onProgress: (p) => {
          if (p.transactionsConfirmed > lastConfirmed) {
            lastConfirmed = p.transactionsConfirmed;
            const line = `transaction ${p.transactionsConfirmed}/${p.transactionsPlanned} confirmed: ${p.lastHash} (${n(p.rowsDone)}/${n(p.rowsTotal)} rows)`;
            if (tty) process.stdout.write(`\r\x1b[2K${line}\n`);
            else console.log(line);
          }
          if (tty) process.stdout.write(`\r\x1b[2K${progressLine(p)}`);
        },
      });
    } catch (error) {
      if (tty) process.stdout.write("\n");
      writeResults(state);
      if (error instanceof JobStopped) {
        console.error(`\n${printable(error.message)}`);
        console.error(`State saved in ${stateFile}; run the same command to resume. Results so far: ${resultsFile}`);
        return 1;
      }
      throw error;
    }
    if (tty) process.stdout.write("\n");

    // Before the results are written: is everything issued still on the chain, deep enough?
    if (confirmations > 0)
      console.log(`Waiting for ${confirmations} confirmations, then reading every credential again …`);
    const { block, vanishedRows } = await confirmIssued({
      client,
      state,
      store,
      typeId,
      recipients: recipientsByRow(csv),
      confirmations,
      pollMs: local ? 100 : 4_000,
    });
    writeResults(state);
    if (vanishedRows.length > 0) {
      console.log(
        `\n${n(vanishedRows.length)} credential(s) this job issued are not on the chain at block ${block} any more ` +
          "(a reorganisation dropped their transaction): planning those rows again.",
      );
      return "again";
    }
    const results = jobResults(csv, validation, state);
    const by = (s: string) => results.filter((r) => r.status === s).length;
    console.log(
      `\nDone: ${n(by("issued"))} issued by this job, ${n(by("skipped-already-held"))} skipped (already held), ${n(by("invalid"))} invalid.`,
    );
    console.log(`Checked at block ${block} (${confirmations} confirmations). Results: ${resultsFile}`);
    return 0;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`\n${printable(error instanceof Error ? error.message.split("\n")[0]! : String(error))}`);
    process.exit(1);
  },
);
