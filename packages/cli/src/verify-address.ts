/**
 * `pnpm verify:address <address> [rpc-url]`: prints every credential of an address with its
 * status, then its credit totals by period and what expires within 90 days, read through
 * packages/sdk. Needs no wallet or key. Everything read from the chain is
 * printed through `printable`, so a name or note cannot steer the terminal.
 */
import { createPublicClient, http, type Address } from "viem";
import { mainnet } from "viem/chains";
import { normalize } from "viem/ens";

import {
  deploymentOn,
  ensNameWarning,
  looksLikeEnsName,
  normalizedOrAsIs,
  parseAddress,
  readCredentialsOf,
} from "@onchaincert/sdk";

import { BadInput, chainIdAt } from "./chain";
import { localRpcUrl } from "./config";
import { creditAndExpiryLines, credentialLine, guardOutput, printable, safeUrl } from "./output";

const USAGE = "Usage: pnpm verify:address <0x… address or ENS name> [rpc-url]";

/** The address to read: a 0x address, or an ENS name looked up on Ethereum mainnet (RPC_URL_1). */
async function holderOf(input: string, mainnetRpc: string | undefined): Promise<Address> {
  const value = input.trim();
  if (!looksLikeEnsName(value)) {
    const parsed = parseAddress(value);
    if (parsed.error !== undefined) throw new BadInput(`“${value}”: ${parsed.error}`);
    return parsed.address;
  }
  let name: string;
  try {
    name = normalize(value);
  } catch (error) {
    throw new BadInput(`“${value}” is not a valid ENS name: ${(error as Error).message.split("\n")[0]}`);
  }
  if (!mainnetRpc) {
    throw new BadInput(
      `${name} looks like an ENS name. ENS names are looked up on Ethereum mainnet: set RPC_URL_1 to a mainnet RPC URL, or pass the 0x address.`,
    );
  }
  const ens = createPublicClient({ chain: mainnet, transport: http(mainnetRpc, { retryCount: 0 }) });
  const failed = (error: unknown): never => {
    throw new Error(`Could not look up ${name} at ${safeUrl(mainnetRpc)}: ${(error as Error).message.split("\n")[0]}`);
  };
  // A name means what mainnet's ENS says: another chain's registry (or a node that lies about
  // which chain it is on at the first question) does not answer for it.
  const chainId = await ens.getChainId().catch(failed);
  if (chainId !== mainnet.id) {
    throw new BadInput(
      `RPC_URL_1 (${safeUrl(mainnetRpc)}) is chain ${chainId}, not Ethereum mainnet (chain 1): ENS names are looked up there.`,
    );
  }
  const address = await ens.getEnsAddress({ name }).catch(failed);
  if (!address) throw new BadInput(`${name} does not point to an address.`);
  console.log(`${name} → ${address}`);
  // The address's own name, from its reverse record: a name anyone pointed here proves nothing.
  const primary = await ens.getEnsName({ address }).then(
    (found) => (found === null ? null : normalizedOrAsIs(normalize, found)),
    () => undefined,
  );
  const warning = ensNameWarning(name, primary);
  if (warning) console.log(`⚠ ${printable(warning)}`);
  return address;
}

async function main() {
  const args = process.argv.slice(2);
  const [target, rpcArg] = args;
  const rpcUrl = rpcArg || process.env.RPC_URL || localRpcUrl();
  const mainnetRpc = process.env.RPC_URL_1 || undefined;
  // Every argument that is a URL too: swapped arguments must not print an API key either.
  const urls = args.filter((a) => /^[a-z][a-z0-9+.-]*:\/\//i.test(a));
  guardOutput({ urls: [rpcUrl, ...urls, ...(mainnetRpc ? [mainnetRpc] : [])] });
  if (!target) throw new BadInput(USAGE);
  const holder = await holderOf(target, mainnetRpc);

  const client = createPublicClient({ transport: http(rpcUrl, { retryCount: 0 }) });
  const chainId = await chainIdAt(client, rpcUrl, USAGE, "after the address");
  const deployment = deploymentOn(chainId);
  if (!deployment) throw new Error(`OnChainCert is not deployed on chain ${chainId} (according to packages/sdk).`);
  // Every page at one block, so the list is one consistent answer.
  const block = await client.getBlock();
  const credentials = await readCredentialsOf(client, deployment.lens, holder, { blockNumber: block.number });
  console.log(
    `${credentials.length} credential(s) of ${holder} — chain ${chainId} (${safeUrl(rpcUrl)}), registry ${deployment.registry}, block ${block.number}`,
  );
  for (const c of credentials) console.log(credentialLine(c));
  for (const line of creditAndExpiryLines(credentials, Number(block.timestamp))) console.log(line);
}

main().catch((error) => {
  console.error(printable(error instanceof Error ? error.message.split("\n")[0]! : String(error)));
  process.exit(error instanceof BadInput ? 2 : 1);
});
