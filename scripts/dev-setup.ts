/**
 * Deploys OnChainCert with Ignition and seeds the demo. Run by scripts/dev.ts against the
 * local node (`--network localhost`); writes a summary for it to print.
 */
import { writeFileSync } from "node:fs";
import hre, { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";

import OnChainCert from "../deploy/modules/OnChainCert";
import { openDemoRound, seedDemo } from "./lib/demo";
import type { CredentialRegistry } from "../typechain-types";

async function main() {
  // Token metadata links each credential to the dApp that `pnpm dev` serves (WEB_PORT may differ).
  const web = process.env.DEV_WEB_URL;
  const { registry, renderer, lens, claims } = await hre.ignition.deploy(OnChainCert, {
    parameters: web ? { OnChainCert: { externalBaseURI: `${web}/credential/` } } : {},
    deploymentId: process.env.DEV_DEPLOYMENT_ID,
  });
  const signers = await ethers.getSigners();
  const summary = await seedDemo(registry as unknown as CredentialRegistry, signers, (t) => time.increaseTo(t));
  const chainId = Number((await ethers.provider.getNetwork()).chainId);
  const links = await openDemoRound(claims, signers, chainId, web ?? "http://127.0.0.1:5173");
  const out = process.env.DEV_SUMMARY_FILE;
  const result = {
    ...summary,
    claims: await claims.getAddress(),
    claimLinks: { open: links.open, withEvidence: links.withEvidence, voided: links.voided },
    lens: await lens.getAddress(),
    renderer: await renderer.getAddress(),
    block: await ethers.provider.getBlockNumber(),
  };
  if (out)
    writeFileSync(
      out,
      JSON.stringify(result, (_, v) => (typeof v === "bigint" ? v.toString() : v)),
    );
  else console.log(result);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
