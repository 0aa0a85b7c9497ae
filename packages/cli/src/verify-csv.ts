/**
 * `pnpm verify:csv --requirement req.json --file candidates.csv`: checks every candidate of a CSV
 * (any columns; the address column found by name or content, or --column) against an employer's
 * requirement, all at one block, and writes the same results file as the dApp's /check: one row per
 * candidate, pass or fail, what met each part, what is missing, bad rows with why. Needs no wallet
 * or key. Names from the chain are printed through `printable`, and the file is formula-safe.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createPublicClient, http } from "viem";

import {
  candidatesCsv,
  checkCandidates,
  deploymentOn,
  describeRequirement,
  lookAlikeGroups,
  parseCandidateList,
  parseRequirement,
  parseRequirementJson,
  readIssuers,
  readRequirementNames,
  type CandidateResult,
} from "@onchaincert/sdk";

import { BadInput, chainIdAt } from "./chain";
import { rpcUrlFor } from "./config";
import { guardOutput, printable, safeUrl } from "./output";

const USAGE = `Usage: pnpm verify:csv --requirement <req.json | requirement text> --file <candidates.csv> [options]

Options:
  --column <name>     header of the address column (default: found by its name or its content)
  --out <file>        where to write the results (default: <file>.results.csv, next to the CSV)
  --network <name>    localhost (default; HARDHAT_LOCALHOST_URL or http://127.0.0.1:8545)
                      or custom (RPC_URL)

A requirement is the JSON file the dApp's /check page downloads, or the text of its link's
?req= (e.g. "all:1;any:1:2,3;credits:20:24;on:2026-12-31").
Exit code: 0 when every candidate passed, 1 when some did not or could not be checked, 2 on bad input.`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        requirement: { type: "string" },
        file: { type: "string" },
        column: { type: "string" },
        out: { type: "string" },
        network: { type: "string", default: "localhost" },
        help: { type: "boolean", default: false },
      },
      strict: true,
    }));
  } catch (error) {
    throw new BadInput(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.requirement || !values.file) throw new BadInput(USAGE);
  const rpcUrl = rpcUrlFor(values.network!);
  guardOutput({ urls: [rpcUrl] });
  const here = process.env.INIT_CWD ?? process.cwd();

  const reqPath = path.resolve(here, values.requirement);
  // A file's path, else the text of a link's ?req=.
  const parsed = existsSync(reqPath)
    ? parseRequirementJson(readFileSync(reqPath, "utf8"))
    : /\.json$/i.test(values.requirement)
      ? { error: `there is no file ${reqPath}` }
      : parseRequirement(values.requirement);
  if (parsed.error !== undefined) throw new BadInput(`The requirement: ${parsed.error}`);
  const requirement = parsed.requirement;

  const file = path.resolve(here, values.file);
  if (!existsSync(file)) throw new BadInput(`No such file: ${file}`);
  const list = parseCandidateList(readFileSync(file), values.column);
  if (list.error !== undefined) throw new BadInput(`${path.basename(file)}: ${list.error}`);

  const client = createPublicClient({ transport: http(rpcUrl, { retryCount: 1, batch: { batchSize: 100 } }) });
  const chainId = await chainIdAt(client, rpcUrl, USAGE, "with --network custom and RPC_URL");
  const deployment = deploymentOn(chainId);
  if (!deployment) throw new Error(`OnChainCert is not deployed on chain ${chainId} (according to packages/sdk).`);
  const names = await readRequirementNames(client, deployment.registry, requirement);
  console.log(printable(`Requirement: ${describeRequirement(requirement, names)}`));
  // An issuer the requirement counts whose name looks like another's: said before any result.
  const everyone = await readIssuers(client, deployment.registry);
  const lookAlikes = lookAlikeGroups(everyone);
  for (const id of names.issuers.keys()) {
    const others = lookAlikes.get(id);
    const issuer = everyone.find((p) => p.issuerId === id);
    if (!others || !issuer) continue;
    const named = (p: (typeof everyone)[number]) => `${p.name} (issuer #${p.issuerId}, ${p.account})`;
    console.log(
      printable(
        `Warning — look-alike name: this requirement names ${named(issuer)}, which looks like ${others.map(named).join(" and ")}, a different issuer. Make sure you chose the one you mean.`,
      ),
    );
  }

  const started = Date.now();
  const tty = process.stdout.isTTY;
  const { results, blockNumber, now } = await checkCandidates(client, deployment.lens, requirement, list.rows, {
    concurrency: 16,
    // A credential that counted from such an issuer is warned about in its row (warnings column).
    lookAlikes,
    onResult: (_r: CandidateResult, done: number) => {
      if (tty && (done % 50 === 0 || done === list.rows.length))
        process.stdout.write(`\r${done}/${list.rows.length} checked`);
    },
  });
  if (tty) process.stdout.write("\n");
  const out = values.out ? path.resolve(here, values.out) : `${file.replace(/\.csv$/i, "")}.results.csv`;
  writeFileSync(out, candidatesCsv(requirement, results, names));

  const passed = results.filter((r) => r.check?.pass).length;
  const failed = results.filter((r) => r.check && !r.check.pass).length;
  const bad = results.filter((r) => !r.check);
  console.log(
    `${results.length} candidate(s) checked in ${((Date.now() - started) / 1000).toFixed(1)} s at block ${blockNumber} ` +
      `(${new Date(now * 1000).toISOString()}) on chain ${chainId} (${safeUrl(rpcUrl)}): ` +
      `${passed} passed, ${failed} did not, ${bad.length} row(s) could not be checked.`,
  );
  const warned = results.filter((r) => r.check?.warnings.length).length;
  if (warned)
    console.log(
      `${warned} candidate(s) with a warning about a credential that counted (its issuer suspended or with a look-alike name, or, for a past date, revoked or expired since): see the warnings column.`,
    );
  for (const r of bad.slice(0, 20)) console.log(printable(`  row ${r.row}: ${r.error}`));
  if (bad.length > 20) console.log(`  … and ${bad.length - 20} more in the results file.`);
  console.log(`Results: ${out}`);
  return passed === results.length ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(printable(error instanceof Error ? error.message.split("\n")[0]! : String(error)));
    for (const line of error instanceof Error ? error.message.split("\n").slice(1) : []) console.error(printable(line));
    process.exit(error instanceof BadInput ? 2 : 1);
  },
);
