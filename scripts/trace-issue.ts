/**
 * `pnpm bench:trace`: where the gas goes, opcode by opcode (`debug_traceTransaction` on the
 * in-process Hardhat network), for one `issue` and for one claim-link claim sent alone. The table
 * "What a single `issue` spends" in docs/benchmarks.md and the split of a claim in
 * docs/claim-links.md ("What it would take") are copied from its output.
 */
import { ethers } from "hardhat";

import { claimArgs, issuerNameKey } from "@onchaincert/sdk";
import { deployRegistry, typeInput } from "../test/helpers/fixtures";
import { sparseRound } from "./lib/sparseRound";

interface StructLog {
  op: string;
  gas: number;
  gasCost: number;
  depth: number;
}

const NONE = ethers.ZeroHash as `0x${string}`;

async function trace(hash: string): Promise<StructLog[]> {
  return ((await ethers.provider.send("debug_traceTransaction", [hash, {}])) as { structLogs: StructLog[] }).structLogs;
}

/** The issue's split: base and calldata, writes, reads, events, the rest. */
function issueTable(steps: StructLog[], gasUsed: number) {
  const top = steps.filter((s) => s.depth === 1);
  const sum = (pick: (s: StructLog) => boolean) => top.filter(pick).reduce((a, s) => a + s.gasCost, 0);
  const count = (pick: (s: StructLog) => boolean) => top.filter(pick).length;
  const execution = sum(() => true);
  const sstores = top.filter((s) => s.op === "SSTORE").map((s) => s.gasCost);
  const sloads = top.filter((s) => s.op === "SLOAD").map((s) => s.gasCost);
  const isLog = (s: StructLog) => s.op.startsWith("LOG");
  const rest = (s: StructLog) => s.op !== "SSTORE" && s.op !== "SLOAD" && !isLog(s);
  const rows: [string, number][] = [
    ["base transaction and calldata (gas used − execution)", gasUsed - execution],
    [`${sstores.length} storage writes (${sstores.join(" + ")})`, sum((s) => s.op === "SSTORE")],
    [
      `${sloads.length} storage reads: ${sloads.filter((g) => g >= 2100).length} cold, ${sloads.filter((g) => g < 2100).length} warm`,
      sum((s) => s.op === "SLOAD"),
    ],
    [
      `${count(isLog)} events (${top
        .filter(isLog)
        .map((s) => s.gasCost)
        .join(" + ")})`,
      sum(isLog),
    ],
    [`everything else (${count(rest)} opcodes)`, sum(rest)],
  ];
  return Object.fromEntries(rows.map(([label, gas]) => [label, gas.toLocaleString("en-US")]));
}

/**
 * A claim's split by contract: the claim contract (depth 1) and the registry it calls (depth 2),
 * each by kind of opcode. A CALL's own cost is what the caller lost across it, less what the
 * callee spent.
 */
function claimTable(steps: StructLog[], gasUsed: number) {
  const by = new Map<string, number>();
  const add = (key: string, gas: number) => by.set(key, (by.get(key) ?? 0) + gas);
  steps.forEach((s, k) => {
    const where = s.depth === 1 ? "claim contract" : s.depth === 2 ? "registry" : "precompile";
    let cost = s.gasCost;
    if (s.op === "CALL" || s.op === "STATICCALL") {
      let end = k + 1;
      while (end < steps.length && steps[end]!.depth > s.depth) end++;
      const inner = steps.slice(k + 1, end).reduce((a, t) => a + (t.depth === s.depth + 1 ? t.gasCost : 0), 0);
      cost = s.gas - steps[end]!.gas - inner;
    }
    const kind = ["SSTORE", "SLOAD", "KECCAK256"].includes(s.op)
      ? s.op
      : s.op.startsWith("LOG")
        ? "events"
        : s.op === "CALL"
          ? "call into the registry"
          : s.op === "STATICCALL"
            ? "ecrecover"
            : "everything else";
    add(`${where}: ${kind}`, cost);
  });
  const top = steps.filter((s) => s.depth === 1);
  const execution = top[0]!.gas - top[top.length - 1]!.gas + top[top.length - 1]!.gasCost;
  const rows: [string, number][] = [["base transaction and calldata (gas used − execution)", gasUsed - execution]];
  for (const [key, gas] of [...by].sort()) rows.push([key, gas]);
  return Object.fromEntries(rows.map(([label, gas]) => [label, gas.toLocaleString("en-US")]));
}

async function main() {
  const { registry, issuerA: issuer, issuerB: sponsor } = await deployRegistry();
  await registry.registerIssuer(issuer.address, "Trace Issuer", issuerNameKey("Trace Issuer"), "");
  const r = registry.connect(issuer);
  await r.createCredentialType(typeInput({ name: "Traced" }));
  await r.issue(1, "0x00000000000000000000000000000000000beef0", 0, NONE); // counters warm
  const recipient = "0x00000000000000000000000000000000000beef1";
  const issued = (await (await r.issue(1, recipient, 0, NONE)).wait())!;
  console.log(`One issue by the type's owner to new holder ${recipient}:`);
  console.table(issueTable(await trace(issued.hash), Number(issued.gasUsed)));
  console.log(`total ${Number(issued.gasUsed).toLocaleString("en-US")} gas\n`);

  // A round of 100,000 links (a 17-hash proof); link 0 is claimed first, so link 1's claim writes
  // a link-state slot that is non-zero already, as most claims do.
  const claims = await ethers.deployContract("CredentialClaims", [await registry.getAddress()]);
  await registry.grantRole(await registry.MINTER_ROLE(), await claims.getAddress());
  const claimsAddress = (await claims.getAddress()) as `0x${string}`;
  const size = 100_000;
  const round = sparseRound(size, [0, 1], []);
  await claims.connect(issuer).openRound(1, round.root, size, 0);
  let claimed;
  for (const i of [0, 1]) {
    const to = ethers.getAddress(ethers.toBeHex(0xc1a100 + i, 20)) as `0x${string}`;
    const [c, rr, vs, proof] = await claimArgs(round.link(1n, i), claimsAddress, to);
    claimed = (await (await claims.connect(sponsor).claim(c, rr, vs, proof)).wait())!;
  }
  const tx = (await ethers.provider.getTransaction(claimed!.hash))!;
  console.log(
    `One claim sent alone from a round of ${size.toLocaleString("en-US")} links, to a new holder (${(tx.data.length - 2) / 2} bytes of calldata):`,
  );
  console.table(claimTable(await trace(claimed!.hash), Number(claimed!.gasUsed)));
  console.log(`total ${Number(claimed!.gasUsed).toLocaleString("en-US")} gas`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
