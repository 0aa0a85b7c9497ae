/**
 * `pnpm bench`: gas of the registry's main operations on the in-process Hardhat network.
 * Gas is a count, so one run is exact; results go to bench/results/gas.json and the table
 * in docs/benchmarks.md is copied from its output.
 *
 * Every figure is total transaction gas (21,000 base included) unless it says "marginal":
 * marginal = (gas of a batch of 100 - gas of a batch of 10) / 90, the cost of one more credential.
 *
 * BENCH_CHECK=1 compares with the committed results instead of writing them (part of `pnpm test`),
 * so a change that moves gas also has to update the results and docs/benchmarks.md.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import hre, { ethers } from "hardhat";

import { typeInput } from "../test/helpers/fixtures";

const NONE = ethers.ZeroHash;
let nextAddress = 0x100000;
const fresh = (n: number) => Array.from({ length: n }, () => ethers.getAddress(ethers.toBeHex(nextAddress++, 20)));

async function gasOf(tx: Promise<{ wait(): Promise<{ gasUsed: bigint } | null> }>): Promise<number> {
  return Number((await (await tx).wait())!.gasUsed);
}

async function main() {
  const [admin, issuer] = await ethers.getSigners();
  const renderer = await ethers.deployContract("CredentialRenderer");
  const registry = await ethers.deployContract("CredentialRegistry", [
    admin.address,
    259200,
    "OnChainCert Credential",
    "OCC",
    "https://app.example/credential/",
    await renderer.getAddress(),
  ]);
  await registry.registerIssuer(issuer.address, "Bench Issuer", "https://bench.example");
  const r = registry.connect(issuer);
  for (let i = 0; i < 4; i++) await r.createCredentialType(typeInput({ name: `Type ${i + 1}` }));
  await r.createCredentialType(
    typeInput({ name: "Stack", components: [1, 2], requiredComponents: 2, validityPeriod: 0 }),
  );
  await r.issue(1, fresh(1)[0], 0, NONE); // the token counter is no longer zero: steady state

  const single = await gasOf(r.issue(1, fresh(1)[0], 0, NONE));
  const singleWithEvidence = await gasOf(r.issue(1, fresh(1)[0], 0, ethers.id("evidence")));
  const holders10 = fresh(10);
  const holders100 = fresh(100);
  const batch10 = await gasOf(r.issueBatch(1, holders10, [], []));
  const batch100 = await gasOf(r.issueBatch(1, holders100, [], []));
  // The same holders receive a second type: holders who already hold a credential.
  const existing10 = await gasOf(r.issueBatch(2, holders10, [], []));
  const existing100 = await gasOf(r.issueBatch(2, holders100, [], []));
  const batch320 = await gasOf(r.issueBatch(3, fresh(320), [], []));

  const [first] = holders100;
  const tokenOf = async (holder: string, typeId: bigint) =>
    (await registry.credentialsOf(holder)).find((c) => c.typeId === typeId)!.tokenId;
  const renew = await gasOf(r.renew(await tokenOf(first, 1n), 0));
  const claim = await gasOf(registry.claimStack(5, first));
  const revoke = await gasOf(r.revoke(await tokenOf(holders100[1], 1n), 2, ""));
  const revokeWithNote = await gasOf(r.revoke(await tokenOf(holders100[2], 1n), 3, "Assessment irregularity"));
  const revokeComponent = await gasOf(r.revoke(await tokenOf(first, 2n), 3, ""));
  const holderSigner = await ethers.getImpersonatedSigner(holders100[3]);
  await admin.sendTransaction({ to: holders100[3], value: ethers.parseEther("1") });
  const renounce = await gasOf(registry.connect(holderSigner).renounce(await tokenOf(holders100[3], 2n)));

  const results = {
    solc: hre.config.solidity.compilers[0].version,
    evmVersion: hre.config.solidity.compilers[0].settings.evmVersion,
    hardfork: hre.config.networks.hardhat.hardfork,
    gas: {
      issueSingleNewHolder: single,
      issueSingleNewHolderWithEvidence: singleWithEvidence,
      issueBatch10NewHolders: batch10,
      issueBatch100NewHolders: batch100,
      issueBatchMarginalNewHolder: Math.round((batch100 - batch10) / 90),
      issueBatchMarginalExistingHolder: Math.round((existing100 - existing10) / 90),
      issueBatch320NewHolders: batch320,
      revoke,
      revokeWithNote,
      revokeComponentOfStack: revokeComponent,
      renew,
      renounce,
      claimStack2of2: claim,
    },
    maxBatchSize: Number(await registry.MAX_BATCH_SIZE()),
    eip7825Cap: 16_777_216,
  };
  const out = path.join(__dirname, "..", "bench", "results", "gas.json");
  const text = JSON.stringify(results, null, 2) + "\n";
  if (process.env.BENCH_CHECK === "1") {
    if (!existsSync(out) || readFileSync(out, "utf8") !== text) {
      console.error(
        `Gas changed: ${path.relative(process.cwd(), out)} is out of date. Run \`pnpm bench\`, update docs/benchmarks.md, commit.`,
      );
      console.table(results.gas);
      process.exit(1);
    }
    console.log("Gas figures match bench/results/gas.json.");
    return;
  }
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, text);
  console.table(results.gas);
  console.log(
    `solc ${results.solc}, evm ${results.evmVersion}, hardfork ${results.hardfork}; written to ${path.relative(process.cwd(), out)}`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
