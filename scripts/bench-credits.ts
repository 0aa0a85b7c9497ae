/**
 * `pnpm bench:credits`: what the lens's creditsOf costs for a holder of 1,000 professional-
 * development credentials of 1,000 types, as eth_call gas:
 *   typical — issued by the types' owner, no key-compromise watermark anywhere on the chain;
 *   delegate — issued by a delegate, with a watermark over some other issuer, so every status
 *             check also searches the type's delegate runs;
 *   stacks  — 16 components and 984 stacks of all 16 (anyone may claim a stack for a holder),
 *             each stack's status checking its 16 components.
 * Also pages of 200 (what the SDK's readCreditsOf reads per call), 400 and 700. Not run by
 * `pnpm test` (a few minutes); figures go into docs/benchmarks.md.
 */
import hre, { ethers } from "hardhat";

import { register, registryWithType, typeInput } from "../test/helpers/fixtures";

const NONE = ethers.ZeroHash;

async function measure(worst: boolean) {
  const d = await registryWithType();
  const acme = d.registry.connect(d.issuerA);
  const holder = ethers.Wallet.createRandom().address;
  for (let i = 0; i < 1000; i++) await acme.createCredentialType(typeInput({ name: `Module ${i}`, credits: 150 }));
  if (worst) {
    for (let i = 0; i < 1000; i++) await acme.setTypeDelegate(2 + i, 2, true);
    await register(d, d.stranger.address, "Compromised Co");
    await d.registry.connect(d.stranger).createCredentialType(typeInput({ name: "Its type" }));
    await d.registry.connect(d.stranger).issue(1002, d.holders[0].address, 0, NONE);
    await d.registry.connect(d.admin).setCompromiseWatermark(3, 1);
  }
  const issuer = worst ? d.registry.connect(d.issuerB) : acme;
  for (let i = 0; i < 1000; i++) await issuer.issue(2 + i, holder, 0, NONE);
  const lens = await d.lens.getAddress();
  const gas = async (fn: "creditsOf" | "creditsOfPage", args: unknown[]) => {
    const data = d.lens.interface.encodeFunctionData(fn as "creditsOfPage", args as never);
    return (await ethers.provider.estimateGas({ to: lens, data })).toLocaleString("en-US");
  };
  console.log(worst ? "delegate-issued, a watermark on the chain" : "typical (owner-issued, no watermark)");
  console.log(`  creditsOfPage, 200 credentials: ${await gas("creditsOfPage", [holder, 0, false, 0, 200])}`);
  console.log(`  creditsOfPage, 400 credentials: ${await gas("creditsOfPage", [holder, 0, false, 0, 400])}`);
  console.log(`  creditsOfPage, 700 credentials: ${await gas("creditsOfPage", [holder, 0, false, 0, 700])}`);
  console.log(`  creditsOf, 1,000 credentials:   ${await gas("creditsOf", [holder, 0])}`);
}

/** A holder of 16 components and 984 stacks of all 16 (anyone may claim a stack for a holder), a watermark on the chain. */
async function measureStacks() {
  const d = await registryWithType();
  const acme = d.registry.connect(d.issuerA);
  const holder = ethers.Wallet.createRandom().address;
  const components = Array.from({ length: 16 }, (_, i) => 2 + i);
  for (const i of components) await acme.createCredentialType(typeInput({ name: `Module ${i}`, credits: 150 }));
  for (let i = 0; i < 984; i++) {
    await acme.createCredentialType(
      typeInput({ name: `Stack ${i}`, components, requiredComponents: 16, validityPeriod: 0 }),
    );
  }
  for (const t of components) await acme.issue(t, holder, 0, NONE);
  for (let i = 0; i < 984; i++) await d.registry.claimStack(18 + i, holder);
  await register(d, d.stranger.address, "Compromised Co");
  await d.registry.connect(d.stranger).createCredentialType(typeInput({ name: "Its type" }));
  await d.registry.connect(d.stranger).issue(1002, d.holders[0].address, 0, NONE);
  await d.registry.connect(d.admin).setCompromiseWatermark(3, 1);
  const lens = await d.lens.getAddress();
  const gas = async (args: unknown[]) =>
    (
      await ethers.provider.estimateGas({
        to: lens,
        data: d.lens.interface.encodeFunctionData("creditsOfPage", args as never),
      })
    ).toLocaleString("en-US");
  console.log("stacks (16 components, 984 stacks of all 16, a watermark on the chain)");
  console.log(`  creditsOfPage, 200 credentials: ${await gas([holder, 0, false, 0, 200])}`);
  console.log(`  creditsOf, 1,000 credentials:   ${await gas([holder, 0, false, 0, 1000])}`);
  // The full list (what the dApp reads) does work out each stack's status: pages of 20.
  const list = await ethers.provider.estimateGas({
    to: lens,
    data: d.lens.interface.encodeFunctionData("credentialsOfPage", [holder, 0, 20]),
  });
  console.log(`  credentialsOfPage, 20 credentials (16 components, 4 stacks): ${list.toLocaleString("en-US")}`);
}

async function main() {
  // Prague: the same gas schedule for these reads, without EIP-7825's cap, so the worst case
  // past 16,777,216 is measured rather than refused (geth, reth and erigon exempt eth_call from
  // the cap; Hardhat's Osaka does not).
  hre.config.networks.hardhat.hardfork = "prague";
  await measure(false);
  await measure(true);
  await measureStacks();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
