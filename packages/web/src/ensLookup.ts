/** Loaded only when a name is looked up (see ens.ts): viem's ENS resolution and normalisation. */
import { createClient, http } from "viem";
import { getEnsAddress, getEnsName } from "viem/actions";
import { mainnet } from "viem/chains";
import { normalize } from "viem/ens";

import type { EnsResolver } from "./ens";

export { normalize };

export function mainnetResolver(rpcUrl: string): EnsResolver {
  const client = createClient({ chain: mainnet, transport: http(rpcUrl, { timeout: 8_000, retryCount: 0 }) });
  return { getEnsAddress: (args) => getEnsAddress(client, args), getEnsName: (args) => getEnsName(client, args) };
}
