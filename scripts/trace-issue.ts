/**
 * `pnpm bench:trace`: where the gas of one `issue` goes, opcode by opcode
 * (`debug_traceTransaction` on the in-process Hardhat network). The table "What a single `issue`
 * spends" in docs/benchmarks.md is copied from its output.
 */
import { ethers } from "hardhat";

import { issuerNameKey } from "@onchaincert/sdk";
import { deployRegistry, typeInput } from "../test/helpers/fixtures";

interface StructLog {
  op: string;
  gasCost: number;
  depth: number;
}

async function main() {
  const { registry, issuerA: issuer } = await deployRegistry();
  await registry.registerIssuer(issuer.address, "Trace Issuer", issuerNameKey("Trace Issuer"), "");
  const r = registry.connect(issuer);
  await r.createCredentialType(typeInput({ name: "Traced" }));
  await r.issue(1, "0x00000000000000000000000000000000000beef0", 0, ethers.ZeroHash); // counters warm
  const recipient = "0x00000000000000000000000000000000000beef1";
  const receipt = (await (await r.issue(1, recipient, 0, ethers.ZeroHash)).wait())!;
  const trace = (await ethers.provider.send("debug_traceTransaction", [receipt.hash, {}])) as {
    structLogs: StructLog[];
  };

  const steps = trace.structLogs.filter((s) => s.depth === 1);
  const sum = (pick: (s: StructLog) => boolean) => steps.filter(pick).reduce((a, s) => a + s.gasCost, 0);
  const count = (pick: (s: StructLog) => boolean) => steps.filter(pick).length;
  const execution = sum(() => true);
  const sstores = steps.filter((s) => s.op === "SSTORE").map((s) => s.gasCost);
  const sloads = steps.filter((s) => s.op === "SLOAD").map((s) => s.gasCost);
  const isLog = (s: StructLog) => s.op.startsWith("LOG");
  const rest = (s: StructLog) => s.op !== "SSTORE" && s.op !== "SLOAD" && !isLog(s);
  const gasUsed = Number(receipt.gasUsed);

  const rows: [string, number][] = [
    ["base transaction and calldata (gas used − execution)", gasUsed - execution],
    [`${sstores.length} storage writes (${sstores.join(" + ")})`, sum((s) => s.op === "SSTORE")],
    [
      `${sloads.length} storage reads: ${sloads.filter((g) => g >= 2100).length} cold, ${sloads.filter((g) => g < 2100).length} warm`,
      sum((s) => s.op === "SLOAD"),
    ],
    [
      `${count(isLog)} events (${steps
        .filter(isLog)
        .map((s) => s.gasCost)
        .join(" + ")})`,
      sum(isLog),
    ],
    [`everything else (${count(rest)} opcodes)`, sum(rest)],
  ];
  console.log(`One issue by the type's owner to new holder ${recipient}:`);
  console.table(Object.fromEntries(rows.map(([label, gas]) => [label, gas.toLocaleString("en-US")])));
  console.log(`total ${gasUsed.toLocaleString("en-US")} gas`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
