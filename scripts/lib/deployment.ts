/**
 * What `pnpm deploy:chain`, `pnpm verify:chain` and `pnpm check:bytecode` share: their command
 * line, the Hardhat runtime for the chosen network (loaded after HARDHAT_NETWORK is set), secrets
 * kept out of the output, and the deployment Ignition recorded for a chain.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import { guardOutput } from "../../packages/cli/src/output";
import { CHAIN_PRESETS, presetNamed, rpcVariable, type ChainPreset } from "../../deploy/networks";

/** A mistake in what was asked: printed as one sentence, exit code 2. */
export class Refused extends Error {}

/** `--name value` options and `--flag`s; anything that looks like a secret is refused. */
export function parseOptions(argv: readonly string[], known: Record<string, "value" | "flag">): Map<string, string> {
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const name = arg.replace(/^--/, "");
    if (!arg.startsWith("--") || !(name in known)) {
      if (/^(0x)?[0-9a-fA-F]{64}$/.test(arg) || /key|secret|mnemonic/i.test(name)) {
        throw new Refused(
          "Keys never go on the command line (they stay in shell history and process lists): set DEPLOYER_PRIVATE_KEY in the environment or run `npx hardhat vars set DEPLOYER_PRIVATE_KEY`.",
        );
      }
      throw new Refused(
        `Unknown argument “${arg}”. Options: ${Object.keys(known)
          .map((k) => `--${k}`)
          .join(", ")}.`,
      );
    }
    if (known[name] === "flag") options.set(name, "yes");
    else {
      const value = argv[++i];
      if (value === undefined || value.startsWith("--")) throw new Refused(`--${name} needs a value.`);
      if (/^(0x)?[0-9a-fA-F]{64}$/.test(value)) {
        throw new Refused(
          `--${name} was given something shaped like a private key. Keys never go on the command line.`,
        );
      }
      options.set(name, value);
    }
  }
  return options;
}

export interface Target {
  hre: HardhatRuntimeEnvironment;
  /** The preset, or undefined for `custom`. */
  preset: ChainPreset | undefined;
  chainId: number;
  label: string;
}

const NETWORKS = [...CHAIN_PRESETS.map((p) => p.name), "custom"];

/**
 * Loads Hardhat for `--network <name>`, with every secret it holds scrubbed from this process's
 * output, and checks that the node answers with the chain id the preset names.
 */
/** The network named on the command line, if it is one these commands serve. */
export function networkName(network: string | undefined): string {
  if (!network) throw new Refused(`Name the chain: --network <${NETWORKS.join(" | ")}>.`);
  if (network === "hardhat" || network === "localhost") {
    throw new Refused(
      "The local chain is `pnpm dev`'s: it deploys there itself. Name a public chain, or `custom` with RPC_URL.",
    );
  }
  if (!NETWORKS.includes(network)) throw new Refused(`Unknown network “${network}”. Known: ${NETWORKS.join(", ")}.`);
  return network;
}

export async function connect(raw: string | undefined): Promise<Target> {
  const network = networkName(raw);
  process.env.HARDHAT_NETWORK = network;
  const { default: hre } = await import("hardhat");
  const config = hre.network.config as { url?: string; accounts?: unknown };
  const keys = Array.isArray(config.accounts) ? (config.accounts as string[]) : [];
  const apiKey = hre.config.etherscan.apiKey;
  guardOutput({
    keys,
    urls: config.url ? [config.url] : [],
    words: typeof apiKey === "string" && apiKey ? [apiKey] : [],
  });
  if (network === "custom" && !config.url)
    throw new Refused("`custom` needs RPC_URL (environment or `npx hardhat vars`).");

  const preset = presetNamed(network);
  let chainId: number;
  try {
    chainId = Number(await hre.network.provider.send("eth_chainId"));
  } catch (error) {
    const variable = preset ? rpcVariable(preset.name) : "RPC_URL";
    // Hardhat checks the configured chain id on the first request (HH101).
    const other = /connected to a chain with id (\d+)/.exec((error as Error).message);
    if (preset && other) chainId = Number(other[1]);
    else
      throw new Refused(
        `Could not reach ${network}'s RPC endpoint (${(error as Error).message.split("\n")[0]}). Set ${variable} to a node you can reach.`,
      );
  }
  if (preset && chainId !== preset.chainId) {
    throw new Refused(
      `The node behind ${network} says it is chain ${chainId}, not ${preset.label} (${preset.chainId}). Check ${rpcVariable(preset.name)}.`,
    );
  }
  return { hre, preset, chainId, label: preset?.label ?? `chain ${chainId}` };
}

/** deploy/deployments/chain-<id>/ (or under DEPLOY_DIR). */
export function recordDir(hre: HardhatRuntimeEnvironment, chainId: number): string {
  return path.join(hre.config.paths.ignition, "deployments", `chain-${chainId}`);
}

export interface RecordedContract {
  futureId: string;
  contractName: string;
  address: string;
  constructorArgs: unknown[];
  /** The account that sent the deployment. */
  from: string;
  /** Ignition's strategy: "create2" (through CreateX, with `salt`) or "basic" (CREATE). */
  strategy: string;
  salt: string | undefined;
}

/** Ignition writes bigints as { _kind: "bigint", value }. */
function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (value && typeof value === "object" && (value as { _kind?: string })._kind === "bigint") {
    return BigInt((value as { value: string }).value);
  }
  return value;
}

/** Every contract Ignition deployed in a record, with the constructor arguments it sent. */
export function recordedContracts(dir: string): RecordedContract[] {
  const journal = path.join(dir, "journal.jsonl");
  if (!existsSync(journal)) return [];
  const started = new Map<
    string,
    { contractName: string; constructorArgs: unknown[]; from: string; strategy: string; salt: string | undefined }
  >();
  const found: RecordedContract[] = [];
  for (const line of readFileSync(journal, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const entry = JSON.parse(line) as Record<string, unknown>;
    if (entry.type === "DEPLOYMENT_EXECUTION_STATE_INITIALIZE") {
      started.set(entry.futureId as string, {
        contractName: entry.contractName as string,
        constructorArgs: revive(entry.constructorArgs) as unknown[],
        from: entry.from as string,
        strategy: entry.strategy as string,
        salt: (entry.strategyConfig as { salt?: string } | undefined)?.salt,
      });
    } else if (entry.type === "DEPLOYMENT_EXECUTION_STATE_COMPLETE") {
      const result = entry.result as { type: string; address?: string };
      const init = started.get(entry.futureId as string);
      if (result.type === "SUCCESS" && result.address && init) {
        found.push({ futureId: entry.futureId as string, ...init, address: result.address });
      }
    }
  }
  return found;
}

/** Runs `main`, printing a refusal as one line (exit 2) and anything else with its stack (exit 1). */
export function run(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      if (error instanceof Refused) {
        console.error(error.message);
        process.exit(2);
      }
      console.error(error);
      process.exit(1);
    },
  );
}
