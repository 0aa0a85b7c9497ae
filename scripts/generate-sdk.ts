/**
 * Generates packages/sdk/src/generated/ from the contracts and their deployments:
 *   - abis.ts: the ABIs as `as const` literals, for viem's type inference;
 *   - deployments.ts: the addresses per chain id;
 *   - chains.ts: the chains OnChainCert knows (deploy/networks.ts and the local chain), which the
 *     dApp offers where a deployment is recorded.
 *
 * Addresses come from Ignition's records in deploy/deployments/chain-<id>/ (one per public
 * chain, committed), plus the local chain 31337, whose addresses are deterministic: `pnpm dev`
 * deploys the module first thing on a fresh node from Hardhat's account #0, and this script
 * does the same in-process to learn them.
 *
 *   pnpm generate          rewrite the files
 *   pnpm generate:check    fail if they are out of date (part of `pnpm test`)
 *
 * DEPLOY_DIR (read by hardhat.config.ts) and SDK_GENERATED_DIR move where records are read and
 * files written.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import hre from "hardhat";

import OnChainCert from "../deploy/modules/OnChainCert";
import { CHAIN_PRESETS } from "../deploy/networks";
import {
  HEADER,
  LOCAL_CHAIN_ID,
  deploymentsSource,
  formatted,
  withExtension,
  writeIfChanged,
  type Deployment,
} from "./lib/sdkDeployments";

// SDK_GENERATED_DIR writes elsewhere (the two-chain rehearsal keeps the repository's files as they are).
const OUT = process.env.SDK_GENERATED_DIR || path.join(__dirname, "..", "packages", "sdk", "src", "generated");
const CHECK = process.env.SDK_CHECK === "1";
const CONTRACTS = ["CredentialRegistry", "CredentialLens", "CredentialRenderer", "CredentialClaims"] as const;

async function abisModule(): Promise<string> {
  let out = HEADER;
  for (const name of CONTRACTS) {
    const artifact = await hre.artifacts.readArtifact(name);
    const exportName = name[0].toLowerCase() + name.slice(1) + "Abi";
    out += `\nexport const ${exportName} = ${JSON.stringify(artifact.abi)} as const;\n`;
  }
  return out;
}

async function localDeployment(): Promise<Deployment> {
  if (hre.network.name !== "hardhat") throw new Error("run this on the in-process hardhat network");
  const { registry, renderer, lens, claims } = await hre.ignition.deploy(OnChainCert);
  const deployment = withExtension(
    await registry.getAddress(),
    await lens.getAddress(),
    await renderer.getAddress(),
    await claims.getAddress(),
  );
  // The derivation above, checked against the contract itself.
  const extension = await (registry as unknown as { adminExtension(): Promise<string> }).adminExtension();
  if (extension !== deployment.CredentialRegistryAdmin) throw new Error(`extension at ${extension}`);
  return deployment;
}

async function deploymentsModule(): Promise<string> {
  return deploymentsSource(await localDeployment(), path.join(hre.config.paths.ignition, "deployments"));
}

/** The chains the SDK's users may name: the presets of deploy/networks.ts and the local one. */
function chainsModule(): string {
  const chains = [
    {
      id: LOCAL_CHAIN_ID,
      name: "Hardhat",
      testnet: false,
      currency: { name: "Ether", symbol: "ETH" },
      rpc: "http://127.0.0.1:8545",
      explorer: null,
    },
    ...CHAIN_PRESETS.map((p) => ({
      id: p.chainId,
      name: p.label,
      testnet: p.testnet,
      currency: p.currency,
      rpc: p.publicRpc,
      explorer: p.explorer,
    })),
  ];
  return (
    HEADER +
    "\n/** The chains OnChainCert knows: the local chain `pnpm dev` starts and deploy/networks.ts's presets. */\n" +
    `export const knownChains = ${JSON.stringify(chains)} as const;\n`
  );
}

async function main() {
  const files: Record<string, string> = {
    "abis.ts": await abisModule(),
    "deployments.ts": await deploymentsModule(),
    "chains.ts": chainsModule(),
  };
  const stale: string[] = [];
  for (const [file, source] of Object.entries(files)) {
    const text = await formatted(source);
    const target = path.join(OUT, file);
    if (CHECK) {
      if ((existsSync(target) ? readFileSync(target, "utf8") : "") !== text)
        stale.push(path.relative(process.cwd(), target));
    } else writeIfChanged(target, text);
  }
  if (stale.length > 0) {
    console.error(`Out of date: ${stale.join(", ")}. Run \`pnpm generate\` and commit the result.`);
    process.exit(1);
  }
  console.log(CHECK ? "Generated SDK files are up to date." : `Wrote ${Object.keys(files).join(", ")} in ${OUT}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
