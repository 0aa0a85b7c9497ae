/**
 * `pnpm deploy:chain --network <preset> --app-url <https://your.app> [--admin <address>]
 *  [--admin-delay <seconds>] [--skip-verify]`
 *
 * Deploys OnChainCert to a public chain through Ignition's `create2` strategy (the CreateX
 * factory, one salt), so the same deploying account and parameters give the same addresses on
 * every chain; records the deployment in deploy/deployments/chain-<id>/; regenerates
 * packages/sdk; verifies the sources on the chain's explorers; prints what to commit and the
 * dApp's link for the chain. Running it again deploys nothing.
 *
 * The deploying account's key comes from DEPLOYER_PRIVATE_KEY (environment) or
 * `npx hardhat vars set DEPLOYER_PRIVATE_KEY`, never the command line, and never appears in the
 * output. With `--admin` another account (a Safe) holds the registry; the one transaction only
 * the admin may send (letting claim links mint) is written as a Safe Transaction Builder file.
 * docs/deploying.md walks through it.
 */
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  concat,
  encodeFunctionData,
  getAddress,
  getContractAddress,
  isAddress,
  keccak256,
  pad,
  type Address,
} from "viem";

import { credentialRegistryAbi, safeBatchFile } from "@onchaincert/sdk";
import { create2Salt } from "../deploy/networks";
import { hasCreateX, CREATEX_ADDRESS } from "./lib/createx";
import { connect, networkName, parseOptions, recordDir, Refused, run } from "./lib/deployment";
import { deployedContracts, verifyOnExplorers } from "./lib/explorers";
import { LOCAL_CHAIN_ID, deploymentsSource, formatted, writeIfChanged, type Deployment } from "./lib/sdkDeployments";

const ROOT = path.join(__dirname, "..");
const THREE_DAYS = 3 * 24 * 60 * 60;

/** The dApp's address as given, without a trailing slash: https, no credentials, no path. */
function appUrlOf(raw: string | undefined): string {
  if (!raw) {
    throw new Refused(
      "Give the dApp's public address: --app-url https://your.app. Every credential's metadata links to <app-url>/credential/<id>, and QR codes and shared links keep that address (the admin can change the prefix later, not what was shared), so use the address you will keep. It is also a constructor argument: the same URL on every chain keeps the same addresses.",
    );
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Refused(`--app-url “${raw}” is not a URL.`);
  }
  const loopback = url.hostname === "127.0.0.1" || url.hostname === "localhost";
  if (url.protocol !== "https:" && !(loopback && url.protocol === "http:")) {
    throw new Refused(`--app-url must be https:// (${raw}).`);
  }
  if (url.username || url.password) throw new Refused("--app-url must not carry a user name or password.");
  if (/[?#]/.test(raw)) throw new Refused(`--app-url takes no query or fragment (${raw}).`);
  // The dApp is built for the root of its host (Vite's base "/"): its pages are /credential/<id>.
  if (url.pathname !== "/") throw new Refused(`--app-url must be the host's root, without a path (${raw}).`);
  return url.origin;
}

/** Files under `paths` that git reports as changed or new; none when git cannot tell. */
function uncommitted(paths: string[]): string[] {
  try {
    const out = execFileSync("git", ["status", "--porcelain", "--", ...paths], { cwd: ROOT, encoding: "utf8" });
    return out
      .split("\n")
      .filter(Boolean)
      .map((line) => line.slice(3));
  } catch {
    return [];
  }
}

async function main() {
  const options = parseOptions(process.argv.slice(2), {
    network: "value",
    "app-url": "value",
    admin: "value",
    "admin-delay": "value",
    "skip-verify": "flag",
  });
  networkName(options.get("network"));
  const appUrl = appUrlOf(options.get("app-url"));
  const target = await connect(options.get("network"));
  const { hre, chainId, label } = target;
  if (target.preset && /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(`${appUrl}/`)) {
    throw new Refused(`--app-url points at this machine (${appUrl}): give ${label}'s dApp its public address.`);
  }
  // What is deployed is this checkout's build: compiled now, and said if contracts differ from
  // the commit (other chains' addresses would then differ too).
  await hre.run("compile", { quiet: true });
  const changed = uncommitted(["contracts", "hardhat.config.ts"]);
  if (changed.length > 0) {
    console.log(
      `Warning: ${changed.join(", ")} differ from the commit. The addresses on this chain will differ from other chains' unless they are deployed from the same sources.`,
    );
  }

  const [signer] = await hre.ethers.getSigners();
  if (!signer) {
    throw new Refused(
      "No deploying account: set DEPLOYER_PRIVATE_KEY in the environment or run `npx hardhat vars set DEPLOYER_PRIVATE_KEY`.",
    );
  }
  const deployer = getAddress(signer.address);
  const adminRaw = options.get("admin");
  if (adminRaw !== undefined && !isAddress(adminRaw)) throw new Refused(`--admin “${adminRaw}” is not an address.`);
  const admin: Address = adminRaw ? getAddress(adminRaw) : deployer;
  const delayRaw = options.get("admin-delay") ?? String(THREE_DAYS);
  if (!/^\d+$/.test(delayRaw) || Number(delayRaw) > 2 ** 48 - 1) {
    throw new Refused(`--admin-delay “${delayRaw}” is not a number of seconds.`);
  }
  if (!(await hasCreateX(hre.ethers.provider))) {
    throw new Refused(
      `The CreateX factory is not on ${label} (${CREATEX_ADDRESS}), so the same-address deployment cannot run there. docs/deploying.md says how to deploy without it.`,
    );
  }

  // A record lost (or never committed) while the contracts exist: Ignition would try again and
  // CreateX would refuse, because the addresses are taken. Say so before anything is sent.
  const dir = recordDir(hre, chainId);
  if (!existsSync(path.join(dir, "journal.jsonl"))) {
    const renderer = await hre.artifacts.readArtifact("CredentialRenderer");
    const guardedSalt = keccak256(concat([pad(deployer), create2Salt(deployer) as `0x${string}`]));
    const at = getContractAddress({
      opcode: "CREATE2",
      from: CREATEX_ADDRESS,
      salt: guardedSalt,
      bytecode: renderer.bytecode as `0x${string}`,
    });
    if ((await hre.ethers.provider.getCode(at)) !== "0x") {
      throw new Refused(
        `This account already deployed OnChainCert on ${label} (its renderer is at ${at}), but ${path.relative(ROOT, dir)} holds no record of it. Restore that folder from where it was committed, or deploy from another account.`,
      );
    }
  }

  const balance = await hre.ethers.provider.getBalance(deployer);
  const nonceBefore = await hre.ethers.provider.getTransactionCount(deployer);
  console.log(
    `Deploying OnChainCert to ${label} (chain ${chainId}) from ${deployer}, balance ${hre.ethers.formatEther(balance)}.`,
  );
  console.log(
    `Admin: ${admin}${admin === deployer ? " (the deploying account)" : ""}; admin transfer delay ${delayRaw} s.`,
  );
  console.log(`Credential pages: ${appUrl}/credential/<id>`);

  const { default: OnChainCert, OnChainCertContracts } = await import("../deploy/modules/OnChainCert");
  const adminIsDeployer = admin === deployer;
  const deployed = await hre.ignition
    .deploy(adminIsDeployer ? OnChainCert : OnChainCertContracts, {
      parameters: {
        OnChainCert: { admin, adminDelay: Number(delayRaw), externalBaseURI: `${appUrl}/credential/` },
      },
      strategy: "create2",
      strategyConfig: { salt: create2Salt(deployer) },
      deploymentId: `chain-${chainId}`,
      displayUi: true,
    })
    .catch((error: Error) => {
      throw new Refused(
        `The deployment stopped: ${error.message.split("\n").slice(0, 3).join(" ")}\nWhat was sent is recorded in ${path.relative(ROOT, dir)}; fix the cause and run the same command again. A step that failed on-chain must first be cleared with \`npx hardhat ignition wipe chain-${chainId} <future id>\`; changed parameters (--admin, --app-url) cannot resume a recorded deployment (docs/deploying.md).`,
      );
    });
  const sent = (await hre.ethers.provider.getTransactionCount(deployer)) - nonceBefore;
  console.log(sent === 0 ? "Already deployed: nothing was sent." : `Sent ${sent} transaction(s).`);

  const registry = getAddress(await deployed.registry.getAddress());
  const claims = getAddress(await deployed.claims.getAddress());
  const minterRole = (await deployed.registry.getFunction("MINTER_ROLE")()) as `0x${string}`;
  const claimsCanMint = (await deployed.registry.getFunction("hasRole")(minterRole, claims)) as boolean;
  if (!claimsCanMint) {
    // Only the admin may grant it: hand the admin the transaction, ready for its Safe.
    const batch = safeBatchFile({
      chainId,
      safe: admin,
      name: "OnChainCert: let claim links mint",
      description: `grantRole(MINTER_ROLE, ${claims}) on the registry ${registry}, so CredentialClaims can mint claimed credentials.`,
      transactions: [
        {
          to: registry,
          data: encodeFunctionData({
            abi: credentialRegistryAbi,
            functionName: "grantRole",
            args: [minterRole, claims],
          }),
        },
      ],
      createdAt: Date.now(),
    });
    const file = path.join(dir, "grant-claims-minter.safe.json");
    // Written once: a re-run leaves the file the owners may already be signing as it is.
    if (!existsSync(file)) writeFileSync(file, JSON.stringify(batch, null, 2) + "\n");
    console.log(
      `The admin must let claim links mint: load ${path.relative(ROOT, file)} in the Safe app (Apps → Transaction Builder), or send grantRole(MINTER_ROLE, ${claims}) to ${registry} from ${admin}.`,
    );
  }

  // The SDK's addresses: the local chain's kept from the current file (`pnpm generate:check`
  // keeps those right), every recorded public chain's from its record.
  const generated = path.join(
    process.env.SDK_GENERATED_DIR || path.join(ROOT, "packages", "sdk", "src", "generated"),
    "deployments.ts",
  );
  const current = (await import(pathToFileURL(generated).href)) as { deployments: Record<number, Deployment> };
  const rewritten = writeIfChanged(
    generated,
    await formatted(
      deploymentsSource(current.deployments[LOCAL_CHAIN_ID]!, path.join(hre.config.paths.ignition, "deployments")),
    ),
  );
  console.log(
    rewritten
      ? `Wrote this chain's addresses into ${path.relative(ROOT, generated)}.`
      : `${path.relative(ROOT, generated)} already has this chain's addresses.`,
  );

  const contracts = deployedContracts(target);
  if (options.has("skip-verify")) console.log("Explorer verification skipped (--skip-verify).");
  else await verifyOnExplorers(target, contracts);

  console.log("");
  for (const c of contracts) console.log(`  ${c.contractName.padEnd(24)} ${c.address}`);
  console.log("");
  console.log(`Commit: git add ${path.relative(ROOT, dir)} packages/sdk/src/generated && git commit`);
  console.log(`dApp for this chain: ${appUrl}/?chain=${chainId}`);
  console.log(`Check the code on-chain against this repository: pnpm check:bytecode --network ${hre.network.name}`);
}

run(main);
