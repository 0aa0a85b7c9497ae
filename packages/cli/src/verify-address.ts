/**
 * `pnpm verify:address <address> [rpc-url]`: prints every credential of an address with its
 * status, read in one `credentialsOf` call through packages/sdk. Needs no wallet or key.
 */
import { createPublicClient, http, isAddress, type Address } from "viem";

import {
  formatCredits,
  kindLabel,
  readCredentialsOf,
  reasonLabel,
  registryAddress,
  statusLabel,
} from "@onchaincert/sdk";

const date = (seconds: bigint) => (seconds === 0n ? "-" : new Date(Number(seconds) * 1000).toISOString().slice(0, 10));

async function main() {
  const [holder, rpcUrl = process.env.RPC_URL ?? "http://127.0.0.1:8545"] = process.argv.slice(2);
  if (!holder || !isAddress(holder)) {
    console.error("Usage: pnpm verify:address <0x… address> [rpc-url]");
    process.exit(2);
  }
  const client = createPublicClient({ transport: http(rpcUrl) });
  const chainId = await client.getChainId();
  const registry = registryAddress(chainId);
  const [credentials, block] = await Promise.all([
    readCredentialsOf(client, registry, holder as Address),
    client.getBlockNumber(),
  ]);
  console.log(
    `${credentials.length} credential(s) of ${holder} — chain ${chainId}, registry ${registry}, block ${block}`,
  );
  for (const c of credentials) {
    const status = statusLabel(c.status);
    const why = c.revocationReason
      ? ` (${reasonLabel(c.revocationReason)}${c.revocationNote ? `: ${c.revocationNote}` : ""})`
      : "";
    const credits = c.credits ? `, ${formatCredits(c.credits)} credits` : "";
    const stack = c.components.length ? `, stacked from #${c.components.join(", #")}` : "";
    console.log(
      `  #${c.tokenId} ${status}${why} — ${c.typeName} [${kindLabel(c.kind)}${credits}${stack}] by ${c.issuerName}; ` +
        `issued ${date(c.issuedAt)}, valid until ${date(c.validUntil)}`,
    );
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message.split("\n")[0] : error);
  process.exit(1);
});
