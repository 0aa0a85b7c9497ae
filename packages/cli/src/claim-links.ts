/**
 * pnpm issue:csv --claim-links --type <id> --file people.csv [--deadline YYYY-MM-DD] [--app-url URL]
 *
 * A spreadsheet of people without wallet addresses (an email, a name, an optional `valid_until`
 * and `evidence`) becomes one claim round: every row is checked, gets a secret key derived from
 * the round's seed, and the round's Merkle root is anchored with one transaction, whatever the
 * number of rows. The results file lists every row with its claim URL, for the issuer's own
 * mail merge. The seed is saved before anything else (<file>.type-<id>.claims.json), so a run
 * stopped at any point makes exactly the same links when it runs again, and a round it sent but
 * did not record is found on the chain rather than opened twice.
 */
import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { createInterface } from "node:readline/promises";
import { formatEther, formatGwei, type Address, type Hex, type PublicClient, type WalletClient } from "viem";
import {
  appBaseFromCredentialBase,
  buildRound,
  checkLinkRows,
  claimsAddress,
  claimsCallAbi,
  credentialRegistryAbi,
  describeError,
  fileHash,
  readRound,
  foundRoundProblem,
  roundOfRoot,
  linksCsv,
  linksCsvChunks,
  newRoundSeed,
  openRoundRequest,
  parseLinksCsv,
  parseValidUntil,
  readIssuerOf,
  roundIdFromLogs,
  typeProblem,
  type RoundJob,
} from "@onchaincert/sdk";

import { nativeCrypto } from "./native-crypto";
import { printable, safeUrl } from "./output";

export interface ClaimLinksOptions {
  /** Filled in by runClaimLinks: the issuer the account acts for. */
  issuerId?: bigint;
  client: PublicClient;
  wallet: WalletClient;
  account: Address;
  chainId: number;
  registry: Address;
  typeId: bigint;
  file: string;
  base: string;
  deadline?: string;
  appUrl?: string;
  validUntilColumn?: string;
  evidenceColumn?: string;
  dryRun: boolean;
  yes: boolean;
  confirmations: number;
  symbol: string;
  pollMs: number;
}

const n = (x: number | bigint) => x.toLocaleString("en-US");

/** Writes a file only its owner can read (links and seeds are secrets), through a fresh temporary file. */
/** Writes `text` (or its pieces, one at a time) to a new private file, then moves it into place. */
function writePrivate(file: string, text: string | Iterable<string>) {
  const tmp = `${file}.${process.pid}.tmp`;
  rmSync(tmp, { force: true });
  const fd = openSync(tmp, "wx", 0o600);
  try {
    for (const piece of typeof text === "string" ? [text] : text) writeSync(fd, piece);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

function saveJob(file: string, job: RoundJob) {
  writePrivate(file, JSON.stringify(job, null, 2));
}

export async function runClaimLinks(o: ClaimLinksOptions): Promise<number> {
  const { client, chainId, typeId } = o;
  const jobFile = `${o.base}.type-${typeId}.claims.json`;
  const resultsFile = `${o.base}.type-${typeId}.links.csv`;
  const claims = claimsAddress(chainId);
  if (!claims) {
    console.error(`\nOnChainCert has no claim-link contract recorded for chain ${chainId}.`);
    return 1;
  }
  console.log(`  claims    ${claims}`);

  const problem = await typeProblem({ client, registry: o.registry, typeId, issuer: o.account });
  if (problem) {
    console.error(`\n${printable(problem)}`);
    return 1;
  }
  const issuer = await readIssuerOf(client, o.registry, o.account);
  const now = Number((await client.getBlock()).timestamp);
  let deadline = 0;
  if (o.deadline !== undefined) {
    const parsed = parseValidUntil(o.deadline, now);
    if ("error" in parsed) {
      console.error(`\n--deadline: ${parsed.error.replace("valid-until date", "deadline")}`);
      return 2;
    }
    deadline = Number(parsed.seconds);
  }

  const bytes = readFileSync(o.file);
  const csv = parseLinksCsv(bytes, {
    ...(o.validUntilColumn ? { validUntil: o.validUntilColumn } : {}),
    ...(o.evidenceColumn ? { evidence: o.evidenceColumn } : {}),
  });
  if (csv.error !== undefined) {
    console.error(`\n${printable(csv.error)}`);
    return 1;
  }

  // The job: the seed first, before any link exists.
  const hash = fileHash(bytes);
  let job: RoundJob;
  if (existsSync(jobFile)) {
    job = JSON.parse(readFileSync(jobFile, "utf8")) as RoundJob;
    if (job.fileHash !== hash || job.chainId !== chainId || job.typeId !== String(typeId) || job.claims !== claims) {
      console.error(
        `\n${jobFile} belongs to another file, chain or type: its links were made for them. ` +
          "Move it away to make a new round from this file.",
      );
      return 1;
    }
    if (o.deadline !== undefined && job.deadline !== deadline) {
      console.error(
        `\nThis round was made with another deadline; run again without --deadline (or move ${jobFile} away).`,
      );
      return 1;
    }
    deadline = job.deadline;
    console.log(`  resuming  ${jobFile}${job.roundId ? ` (round #${job.roundId} is open)` : ""}`);
  } else {
    job = { version: 1, chainId, claims, typeId: String(typeId), fileHash: hash, seed: newRoundSeed(), deadline };
    saveJob(jobFile, job);
  }

  // Rows are checked at the time of the first run, so a resumed run gives every row the same link
  // even after a row's valid-until date has passed.
  if (job.checkedAt === undefined) {
    job.checkedAt = now;
    saveJob(jobFile, job);
  }
  const outcomes = checkLinkRows(csv.rows, job.checkedAt, deadline);
  const ready = outcomes.flatMap((x) => (x.status === "ready" ? [x.ready] : []));
  const invalid = outcomes.filter((x) => x.status === "invalid");
  console.log(
    `\nValidation: ${n(csv.rows.length)} rows — ${n(ready.length)} get a link, ${n(invalid.length)} invalid.`,
  );
  for (const x of invalid.slice(0, 50))
    if (x.status === "invalid") console.log(`  row ${String(x.row).padEnd(6)} ${printable(x.reason)}`);
  if (invalid.length > 50) console.log(`  … and ${invalid.length - 50} more: every row is in the results file.`);
  if (ready.length === 0) {
    writePrivate(resultsFile, linksCsv(csv, outcomes, undefined));
    console.log(`\nNo row can get a link. Results: ${resultsFile}`);
    return 1;
  }

  const tty = process.stdout.isTTY;
  const started = Date.now();
  // In a log (no terminal): a line about every tenth of the way, at the 2,000-row steps progress comes in.
  const step = Math.max(2_000, Math.ceil(ready.length / 20_000) * 2_000);
  const built = await buildRound(job.seed, ready, {
    crypto: nativeCrypto,
    onProgress: (done, total) => {
      if (tty) process.stdout.write(`\r\x1b[2KMaking links: ${n(done)}/${n(total)}`);
      else if (done % step === 0 && done < total) console.log(`Making links: ${n(done)}/${n(total)}`);
    },
  });
  if (tty) process.stdout.write("\n");
  const root = built.tree.root;
  if (job.root !== undefined && job.root !== root) {
    console.error(`\nThe links differ from the ones this job made before (root ${job.root}); the job file was edited.`);
    return 1;
  }
  console.log(`Links made: ${n(ready.length)} in ${((Date.now() - started) / 1000).toFixed(1)} s, root ${root}.`);
  job.root = root;
  job.size = ready.length;
  saveJob(jobFile, job);

  const appBase =
    o.appUrl ??
    appBaseFromCredentialBase(
      await client.readContract({ address: o.registry, abi: credentialRegistryAbi, functionName: "externalBaseURI" }),
    );
  // A link people open from an email needs the dApp's full address; nothing is sent without one.
  if (!/^https?:\/\/[^\s/]+\S*$/i.test(appBase)) {
    console.error(
      appBase === ""
        ? "\nThe registry has no credential page URL to make the links' address from: say where the dApp is with --app-url https://…"
        : `\nThe links' address would be “${printable(appBase)}”, not an http(s) URL: say where the dApp is with --app-url https://…`,
    );
    return 1;
  }

  // A round this job already sent: recorded, or found on the chain after the count it noted.
  await settleSentRound({ ...o, issuerId: issuer?.issuerId ?? 0n }, claims, job, jobFile);
  if (!job.roundId) {
    const request = openRoundRequest(claims, typeId, root, ready.length, deadline);
    let gas: bigint;
    try {
      gas = await client.estimateContractGas({ ...request, abi: claimsCallAbi, account: o.account });
    } catch (error) {
      console.error(`\nThe claim-link contract would refuse the round: ${describeError(error)}`);
      return 1;
    }
    const gasPrice = await client.getGasPrice();
    console.log(
      `\nPlan: one transaction opens a round of ${n(ready.length)} links for type #${typeId}` +
        `${deadline ? `, claimable until ${new Date(deadline * 1000).toISOString().replace(".000Z", " UTC")}` : ""}.`,
    );
    console.log(
      `  estimated gas ${n(gas)} at ${formatGwei(gasPrice)} gwei = ${formatEther(gas * gasPrice)} ${o.symbol}`,
    );
    if (o.dryRun) {
      console.log("\nDry run: nothing was sent. The same links will be made when you run it for real.");
      return 0;
    }
    if (!o.yes) {
      if (!process.stdin.isTTY) {
        console.error("\nNot a terminal: add --yes to send without asking.");
        return 2;
      }
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      const answer = await rl.question(`\nOpen the round of ${n(ready.length)} links now? [y/N] `);
      rl.close();
      if (!/^y(es)?$/i.test(answer.trim())) {
        console.log("Nothing was sent.");
        return 0;
      }
    }
    try {
      job.openHash = await o.wallet.writeContract({
        ...request,
        account: o.account,
        chain: null,
        gas: (gas * 12n) / 10n,
      });
    } catch (error) {
      console.error(`\nNot sent: ${describeError(error)}`);
      return 1;
    }
    saveJob(jobFile, job);
    const receipt = await client.waitForTransactionReceipt({ hash: job.openHash, pollingInterval: o.pollMs });
    if (receipt.status !== "success") {
      console.error(`\nTransaction ${job.openHash} was reverted; no round was opened. Run the command again.`);
      delete job.openHash;
      saveJob(jobFile, job);
      return 1;
    }
    const roundId = roundIdFromLogs(receipt.logs as { address: Address; topics: Hex[] }[], claims);
    if (roundId === undefined) throw new Error(`Transaction ${job.openHash} opened no round.`);
    job.roundId = String(roundId);
    saveJob(jobFile, job);
    console.log(`Round #${roundId} opened in ${job.openHash} (${n(receipt.gasUsed)} gas).`);
  }

  // Deep enough that a reorganisation will not drop the round the links point to.
  if (o.confirmations > 0 && job.openHash) {
    const receipt = await client.getTransactionReceipt({ hash: job.openHash }).catch(() => undefined);
    if (receipt) {
      console.log(`Waiting for ${o.confirmations} confirmations …`);
      for (;;) {
        const head = await client.getBlockNumber();
        if (head >= receipt.blockNumber + BigInt(o.confirmations)) break;
        await new Promise((resolve) => setTimeout(resolve, o.pollMs));
      }
    }
  }
  const onChain = await readRound(client, claims, BigInt(job.roundId!));
  if (onChain?.root !== root) {
    console.error(
      `\nRound #${job.roundId} on the chain is not this job's (a reorganisation dropped it). Run the command again to open it again.`,
    );
    delete job.roundId;
    delete job.openHash;
    saveJob(jobFile, job);
    return 1;
  }
  // A reorganisation can also put another issuer's copy of the root first and take the round's
  // id: the round is checked again before any link is written.
  const notOurs = foundRoundProblem(onChain, {
    issuerId: issuer?.issuerId ?? 0n,
    typeId,
    size: ready.length,
    deadline: job.deadline,
  });
  if (notOurs) {
    console.error(`\n${notOurs} No link was written. Move ${jobFile} away to make new links.`);
    return 1;
  }
  writePrivate(resultsFile, linksCsvChunks(csv, outcomes, { appBase, chainId, roundId: BigInt(job.roundId!), built }));
  console.log(
    `\nDone: round #${job.roundId}, ${n(ready.length)} claim links, ${n(invalid.length)} invalid rows. Links: ${resultsFile}`,
  );
  console.log(
    `Each link gives the credential to whoever opens it first: send each to its person only, and keep ${resultsFile} ` +
      `and ${jobFile} private. Links open ${safeUrl(appBase)}.`,
  );
  return 0;
}

/**
 * Records the round this job's root opened, if the chain has one: sent before a stop, recorded
 * or not. A transaction still pending is waited for, never sent twice; a root opens one round only.
 */
async function settleSentRound(o: ClaimLinksOptions, claims: Address, job: RoundJob, jobFile: string) {
  if (job.root === undefined) return;
  if (job.openHash) {
    const pending = await o.client.getTransaction({ hash: job.openHash }).catch(() => undefined);
    if (pending) await o.client.waitForTransactionReceipt({ hash: job.openHash, pollingInterval: o.pollMs });
  }
  const found = await roundOfRoot(o.client, claims, job.root);
  if (found === undefined) return;
  const round = await readRound(o.client, claims, found);
  const problem = foundRoundProblem(round, {
    issuerId: o.issuerId ?? 0n,
    typeId: BigInt(job.typeId),
    size: job.size ?? 0,
    deadline: job.deadline,
  });
  if (problem) throw new Error(`${problem} Move ${jobFile} away to make new links.`);
  if (job.roundId !== String(found)) console.log(`  found round #${found}, which this job opened before it stopped`);
  job.roundId = String(found);
  saveJob(jobFile, job);
}
