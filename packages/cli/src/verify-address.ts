/**
 * `pnpm verify:address <address> [rpc-url]`: prints every credential of an address with its
 * status, then its credit totals by period and what expires within 90 days, read through
 * packages/sdk. Needs no wallet or key. Everything read from the chain is
 * printed through `printable`, so a name or note cannot steer the terminal.
 */
import { createPublicClient, http, isAddress, type Address } from "viem";

import { deploymentOn, readCredentialsOf } from "@onchaincert/sdk";

import { creditAndExpiryLines, credentialLine, guardOutput, printable, safeUrl } from "./output";

async function main() {
  const [holder, rpcUrl = process.env.RPC_URL ?? "http://127.0.0.1:8545"] = process.argv.slice(2);
  guardOutput({ urls: [rpcUrl] });
  if (!holder || !isAddress(holder)) {
    console.error("Usage: pnpm verify:address <0x… address> [rpc-url]");
    process.exit(2);
  }
  const client = createPublicClient({ transport: http(rpcUrl) });
  const chainId = await client.getChainId().catch((e: unknown) => {
    throw new Error(`Could not reach the RPC at ${safeUrl(rpcUrl)}: ${(e as Error).message.split("\n")[0]}`);
  });
  const deployment = deploymentOn(chainId);
  if (!deployment) throw new Error(`OnChainCert is not deployed on chain ${chainId} (according to packages/sdk).`);
  // Every page at one block, so the list is one consistent answer.
  const block = await client.getBlock();
  const credentials = await readCredentialsOf(client, deployment.lens, holder as Address, {
    blockNumber: block.number,
  });
  console.log(
    `${credentials.length} credential(s) of ${holder} — chain ${chainId} (${safeUrl(rpcUrl)}), registry ${deployment.registry}, block ${block.number}`,
  );
  for (const c of credentials) console.log(credentialLine(c));
  for (const line of creditAndExpiryLines(credentials, Number(block.timestamp))) console.log(line);
}

main().catch((error) => {
  console.error(printable(error instanceof Error ? error.message.split("\n")[0]! : String(error)));
  process.exit(1);
});
