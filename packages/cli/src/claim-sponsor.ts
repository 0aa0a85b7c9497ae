/**
 * pnpm claim:sponsor --file requests.txt [--network localhost|custom] [--dry-run] [--yes]
 *
 * Pays for other people's claims. Each recipient opens their claim link, enters their address and
 * copies the sponsor request the page makes (`occ-sponsor-1.…`: their claim, signed by the link's
 * key; it holds no secret and can only give that credential to that address). Collect them in a
 * file, one per line (a CSV export works too: the request is found in each line), and this command
 * checks every one against the chain, prints what it refuses and why, and sends the rest with
 * `claimMany`, SPONSOR_BATCH claims a transaction. Running it again is safe: nothing is sent
 * twice, and a link the chain shows claimed for the request's own recipient is reported as
 * claimed earlier, with its credential and transaction, not as a refusal. Results:
 * <file>.results.csv.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import {
  createPublicClient,
  createWalletClient,
  formatEther,
  formatGwei,
  http,
  type Hex,
  type PublicClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import * as knownChains from "viem/chains";
import {
  SPONSOR_BATCH,
  SPONSOR_REQUEST_PREFIX,
  SPONSOR_STATUS,
  checkSponsorLines,
  claimManyRequest,
  claimsAddress,
  claimsCallAbi,
  describeError,
  earlierSponsorTransactions,
  readSponsorLines,
  settleSponsorBatch,
  stopSponsorBatches,
  sponsorBatches,
  sponsorResultsCsv,
} from "@onchaincert/sdk";

import { KEY_VARIABLE, issuerKey, rpcUrlFor } from "./config";
import { guardOutput, printable, safeUrl } from "./output";

const SPONSOR_VARIABLE = "SPONSOR_PRIVATE_KEY";

const USAGE = `Usage: pnpm claim:sponsor --file <requests.txt> [options]

Sends other people's claims and pays for them. Each line of the file holds one sponsor request
(${SPONSOR_REQUEST_PREFIX}…), which a recipient copies from their claim page ("Ask someone to pay").

Options:
  --network <name>   localhost (default; HARDHAT_LOCALHOST_URL or http://127.0.0.1:8545) or custom (RPC_URL)
  --dry-run          check every request and print the plan and its cost; send nothing
  --yes              do not ask before sending

The paying key comes from ${SPONSOR_VARIABLE}, else ${KEY_VARIABLE} (environment, or \`npx hardhat vars set\`).
Results: <file>.results.csv next to the file (every line, its status, credential and transaction).`;

const n = (x: number | bigint) => x.toLocaleString("en-US");

/** SPONSOR_PRIVATE_KEY (environment, then `hardhat vars`), else ISSUER_PRIVATE_KEY likewise. */
function payingKey(): `0x${string}` {
  try {
    return issuerKey(process.env, undefined, SPONSOR_VARIABLE, "paying key");
  } catch (error) {
    if (!/^No paying key/.test((error as Error).message)) throw error;
  }
  try {
    return issuerKey(process.env, undefined, KEY_VARIABLE, "paying key");
  } catch (error) {
    if (!/^No paying key/.test((error as Error).message)) throw error;
    throw new Error(
      `No paying key: set ${SPONSOR_VARIABLE} (or ${KEY_VARIABLE}) in the environment, or run \`npx hardhat vars set ${SPONSOR_VARIABLE}\`.`,
      { cause: error },
    );
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      file: { type: "string" },
      network: { type: "string", default: "localhost" },
      "dry-run": { type: "boolean", default: false },
      yes: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.file) {
    console.error(USAGE);
    return 2;
  }
  // pnpm runs scripts from the workspace root; paths are relative to where the command was typed.
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), values.file);
  if (!existsSync(file)) {
    console.error(`No such file: ${file}`);
    return 2;
  }
  const resultsFile = `${file.replace(/\.(txt|csv)$/i, "")}.results.csv`;

  // Every line that holds a request (anything else, such as a CSV header, is left alone).
  const lines = readSponsorLines(readFileSync(file, "utf8"));
  if (lines.length === 0) {
    console.error(`No sponsor request in ${file}: each starts with “${SPONSOR_REQUEST_PREFIX}”.`);
    return 2;
  }

  const rpc = rpcUrlFor(values.network!);
  guardOutput({ urls: [rpc] });
  const key = payingKey();
  guardOutput({ keys: [key] });
  const account = privateKeyToAccount(key);
  const local = values.network === "localhost";
  const client = createPublicClient({
    transport: http(rpc, { batch: { batchSize: 100 } }),
    pollingInterval: local ? 100 : 2_000,
  }) as PublicClient;
  const chainId = await client.getChainId().catch((e: unknown) => {
    throw new Error(`Could not reach the RPC at ${safeUrl(rpc)}: ${(e as Error).message.split("\n")[0]}`);
  });
  const claims = claimsAddress(chainId);
  if (!claims) throw new Error(`OnChainCert has no claim-link contract recorded for chain ${chainId} in packages/sdk.`);
  const symbol =
    Object.values(knownChains).find((c) => (c as { id?: number }).id === chainId)?.nativeCurrency.symbol ??
    "(native currency)";

  console.log("OnChainCert sponsored claims");
  console.log(`  file      ${file}`);
  console.log(`  network   ${values.network} (chain ${chainId}, ${safeUrl(rpc)}), claim links ${claims}`);
  console.log(`  paid by   ${account.address}`);

  // A link claimed already for the line's own recipient reads "claimed earlier" (the last results
  // file names the transaction to look in); claimed for anyone else, it stays refused.
  await checkSponsorLines(
    client,
    chainId,
    claims,
    account.address,
    lines,
    existsSync(resultsFile) ? earlierSponsorTransactions(readFileSync(resultsFile, "utf8")) : undefined,
  );
  const batches = sponsorBatches(lines);
  const ready = batches.flat();
  const earlier = lines.filter((l) => l.status === SPONSOR_STATUS.claimedEarlier);
  const refused = lines.filter((l) => l.status !== SPONSOR_STATUS.ready && l.status !== SPONSOR_STATUS.claimedEarlier);
  console.log(
    `\nChecked: ${n(lines.length)} requests — ${n(ready.length)} ready, ${earlier.length ? `${n(earlier.length)} claimed earlier for their recipient, ` : ""}${n(refused.length)} refused.`,
  );
  for (const l of refused.slice(0, 50)) console.log(`  line ${String(l.line).padEnd(6)} ${printable(l.status)}`);
  if (refused.length > 50) console.log(`  … and ${refused.length - 50} more: every line is in the results file.`);

  const writeResults = () => writeFileSync(resultsFile, sponsorResultsCsv(lines));
  if (ready.length === 0) {
    writeResults();
    console.log(`\nNothing to send. Results: ${resultsFile}`);
    return refused.length > 0 ? 1 : 0;
  }

  const gasPrice = await client.getGasPrice();
  let gas = 0n;
  try {
    for (const batch of batches) {
      gas += await client.estimateContractGas({
        ...claimManyRequest(
          claims,
          batch.map((l) => l.request!),
        ),
        account: account.address,
      });
    }
  } catch (error) {
    console.error(`\nThe claim-link contract would refuse a batch: ${printable(describeError(error))}`);
    writeResults();
    return 1;
  }
  console.log(
    `\nPlan: ${n(ready.length)} claims in ${batches.length === 1 ? "1 transaction" : `${batches.length} transactions of up to ${SPONSOR_BATCH}`}.`,
  );
  console.log(
    `  estimated gas ${n(gas)} (${n(gas / BigInt(ready.length))} a claim) at ${formatGwei(gasPrice)} gwei = ${formatEther(gas * gasPrice)} ${symbol}`,
  );
  if (values["dry-run"]) {
    writeResults();
    console.log(`\nDry run: nothing was sent. Results: ${resultsFile}`);
    return 0;
  }
  if (!values.yes) {
    if (!process.stdin.isTTY) {
      console.error("\nNot a terminal: add --yes to send without asking.");
      return 2;
    }
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const answer = await rl.question(`\nSend ${n(ready.length)} claims now and pay for them? [y/N] `);
    rl.close();
    if (!/^y(es)?$/i.test(answer.trim())) {
      console.log("Nothing was sent.");
      return 0;
    }
  }

  const wallet = createWalletClient({ account, transport: http(rpc), chain: undefined });
  for (const [b, batch] of batches.entries()) {
    let hash: Hex | undefined;
    try {
      hash = await wallet.writeContract({
        ...claimManyRequest(
          claims,
          batch.map((l) => l.request!),
        ),
        abi: claimsCallAbi,
        chain: null,
      });
      const receipt = await client.waitForTransactionReceipt({ hash });
      if (receipt.status !== "success") throw new Error(`transaction ${hash} reverted`);
      settleSponsorBatch(batch, claims, receipt);
      console.log(
        `transaction ${b + 1}/${batches.length} confirmed: ${hash} (${n(batch.length)} claims, ${n(receipt.gasUsed)} gas)`,
      );
    } catch (error) {
      // Sent, then no answer (or a revert): the next run reads this transaction's outcome first.
      stopSponsorBatches(batches, b, hash);
      writeResults();
      console.error(
        `\nTransaction ${b + 1}/${batches.length} failed: ${printable(describeError(error))}\n` +
          `Run the same command again: claimed links are reported as such, the rest are sent. Results: ${resultsFile}`,
      );
      return 1;
    }
  }
  writeResults();
  const claimedNow = ready.filter((l) => l.status === SPONSOR_STATUS.claimed).length;
  const skipped = ready.length - claimedNow;
  console.log(
    `\nDone: ${n(claimedNow)} claimed${skipped ? `, ${n(skipped)} claimed meanwhile by another transaction` : ""}${earlier.length ? `, ${n(earlier.length)} claimed earlier` : ""}, ${n(refused.length)} refused. Results: ${resultsFile}`,
  );
  return refused.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`\n${printable(error instanceof Error ? error.message.split("\n")[0]! : String(error))}`);
    process.exit(1);
  },
);
