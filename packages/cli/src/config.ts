/**
 * Where the CLI sends transactions and with which key. Networks match hardhat.config.ts: the local
 * node (`localhost`: 127.0.0.1 on port 8545, or $PORT as for `pnpm dev`; HARDHAT_LOCALHOST_URL
 * overrides the whole URL) and any RPC (`custom`, RPC_URL).
 * The key comes from the ISSUER_PRIVATE_KEY environment variable or the Hardhat configuration
 * variable of that name (`npx hardhat vars set ISSUER_PRIVATE_KEY`), never from an argument,
 * so it stays out of shell history and process lists.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import os from "node:os";
import type { Hex } from "viem";

import { portFrom } from "./port";

export { portFrom };

export const KEY_VARIABLE = "ISSUER_PRIVATE_KEY";

/**
 * The local chain `pnpm dev` starts: port 8545, or $PORT, the one setting that moves `pnpm dev`,
 * `pnpm verify:address`, `pnpm issue:csv` and `npx hardhat --network localhost` together.
 */
export function localRpcUrl(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HARDHAT_LOCALHOST_URL) return env.HARDHAT_LOCALHOST_URL;
  return `http://127.0.0.1:${portFrom(env, "PORT", 8545)}`;
}

export function rpcUrlFor(network: string, env: NodeJS.ProcessEnv = process.env): string {
  if (network === "localhost") return localRpcUrl(env);
  if (network === "custom") {
    if (!env.RPC_URL) throw new Error("--network custom needs the RPC_URL environment variable.");
    return env.RPC_URL;
  }
  throw new Error(`Unknown network “${network}”: use localhost or custom (with RPC_URL).`);
}

/** Hardhat's configuration-variables file, where `npx hardhat vars set` writes. */
function hardhatVarsFile(): string {
  try {
    const require = createRequire(import.meta.url);
    const globalDir = require("hardhat/internal/util/global-dir") as { getVarsFilePath(): string };
    return globalDir.getVarsFilePath();
  } catch {
    const base = process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), ".config");
    return path.join(base, "hardhat-nodejs", "vars.json");
  }
}

export function issuerKey(
  env: NodeJS.ProcessEnv = process.env,
  varsFile = hardhatVarsFile(),
  variable = KEY_VARIABLE,
  what = "issuer key",
): Hex {
  let key = env[variable];
  let source = `the ${variable} environment variable`;
  if (!key && existsSync(varsFile)) {
    const vars = JSON.parse(readFileSync(varsFile, "utf8")) as { vars?: Record<string, { value?: string }> };
    key = vars.vars?.[variable]?.value;
    source = `the Hardhat configuration variable ${variable}`;
  }
  if (!key) {
    throw new Error(
      `No ${what}: set the ${variable} environment variable, or run \`npx hardhat vars set ${variable}\`.`,
    );
  }
  const hex = key.startsWith("0x") ? key : `0x${key}`;
  if (!/^0x[0-9a-fA-F]{64}$/.test(hex)) throw new Error(`The key in ${source} is not a 32-byte hex private key.`);
  return hex as Hex;
}
