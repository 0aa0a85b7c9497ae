/**
 * `pnpm export:ob3 <tokenId> [--out file] [--app-url url] [rpc-url]`: one credential as an Open
 * Badges 3.0 OpenBadgeCredential (JSON-LD), built by packages/sdk from the chain's records, printed
 * or written to a file. Needs no wallet or key. The ids and links in it point into the dApp: at
 * --app-url, or where the registry's own links go (its external base URL, less "/credential/").
 */
import { writeFileSync } from "node:fs";
import { createPublicClient, http } from "viem";

import { credentialRegistryAbi, deploymentOn, readOpenBadge } from "@onchaincert/sdk";

import { BadInput, chainIdAt } from "./chain";
import { localRpcUrl } from "./config";
import { guardOutput, printable } from "./output";

const USAGE = "Usage: pnpm export:ob3 <token id> [--out file.json] [--app-url https://…] [rpc-url]";

function parseArgs(args: string[]) {
  const options: { tokenId?: bigint; out?: string; app?: string; rpc?: string } = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = () => {
      const next = args[++i];
      if (next === undefined || next.startsWith("--")) throw new BadInput(`${arg} needs a value. ${USAGE}`);
      return next;
    };
    if (arg === "--out") options.out = value();
    else if (arg === "--app-url") options.app = value();
    else if (arg.startsWith("--")) throw new BadInput(`Unknown option ${arg}. ${USAGE}`);
    else if (options.tokenId === undefined) {
      if (!/^[1-9][0-9]{0,29}$/.test(arg))
        throw new BadInput(`“${arg}” is not a credential id (a whole number from 1). ${USAGE}`);
      options.tokenId = BigInt(arg);
    } else if (options.rpc === undefined) options.rpc = arg;
    else throw new BadInput(`Too many arguments. ${USAGE}`);
  }
  if (options.tokenId === undefined) throw new BadInput(USAGE);
  return options as typeof options & { tokenId: bigint };
}

/** The dApp's address from the registry's credential links ("https://app/credential/" → "https://app"). */
function appFromExternalBase(base: string): string | undefined {
  const match = /^(https?:\/\/[^\s]+?)\/credential\/$/i.exec(base);
  return match?.[1];
}

async function main() {
  const args = process.argv.slice(2);
  const options = parseArgs(args);
  const rpcUrl = options.rpc || process.env.RPC_URL || localRpcUrl();
  guardOutput({ urls: [rpcUrl] });
  if (options.app !== undefined && !/^https?:\/\/[^\s]+$/i.test(options.app)) {
    throw new BadInput(`--app-url must be an http(s) URL, such as https://verify.example.org.`);
  }
  const client = createPublicClient({ transport: http(rpcUrl, { retryCount: 0 }) });
  const chainId = await chainIdAt(client, rpcUrl, USAGE, "after the id");
  const deployment = deploymentOn(chainId);
  if (!deployment) throw new Error(`OnChainCert is not deployed on chain ${chainId} (according to packages/sdk).`);
  let app = options.app;
  if (app === undefined) {
    const base = await client.readContract({
      address: deployment.registry,
      abi: credentialRegistryAbi,
      functionName: "externalBaseURI",
    });
    app = appFromExternalBase(base);
    if (app === undefined) {
      throw new BadInput(
        `The registry's credential links (“${printable(base)}”) do not end in /credential/: say where the dApp is with --app-url.`,
      );
    }
  }
  const out = await readOpenBadge(client, deployment, chainId, options.tokenId, app);
  if (out.problem !== undefined) throw new BadInput(out.problem);
  // JSON.stringify escapes C0 controls only: C1 controls, bidi and line separators (which type
  // descriptions and notes may hold) are escaped too, so the file means the same and a terminal
  // shown it cannot be steered.
  const json = `${JSON.stringify(out.credential, null, 2).replace(
    /[\u0080-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  )}\n`;
  if (options.out === undefined) {
    process.stdout.write(json);
    return;
  }
  writeFileSync(options.out, json);
  console.error(
    `Wrote credential #${options.tokenId} (${out.credential.credentialStatus.statusAtExport} at block ` +
      `${out.credential.credentialStatus.readAtBlock}) to ${options.out}.`,
  );
}

main().catch((error) => {
  console.error(printable(error instanceof Error ? error.message.split("\n")[0]! : String(error)));
  process.exit(error instanceof BadInput ? 2 : 1);
});
