/**
 * What the read-only commands (`pnpm verify:address`, `pnpm export:ob3`) share: input they cannot
 * use, and the chain behind an RPC URL, with a sentence that names the URL (never its secrets)
 * and says how to start the local chain when it is this machine's.
 */
import type { PublicClient } from "viem";
import { isLoopback } from "@onchaincert/sdk";

import { safeUrl } from "./output";

/** Thrown for input a command cannot use; the command exits 2 with the sentence. */
export class BadInput extends Error {}

/**
 * The chain id behind `rpcUrl`. `usage` ends the sentence for a URL that is not one; `elsewhere`
 * says where else an RPC URL can be given ("after the address").
 */
export async function chainIdAt(
  client: Pick<PublicClient, "getChainId">,
  rpcUrl: string,
  usage: string,
  elsewhere: string,
): Promise<number> {
  return client.getChainId().catch((e: unknown) => {
    const reason = (e as Error).message.split("\n")[0];
    let host: string;
    try {
      host = new URL(rpcUrl).hostname;
    } catch {
      // Not echoed: an RPC URL often carries an API key, and this one could not be parsed to strip it.
      throw new BadInput(`The RPC URL is not a URL (it starts with http:// or https://). ${usage}`);
    }
    const hint = isLoopback(host)
      ? " Is the local chain running? Start it with `pnpm dev` in another terminal" +
        ` (for another port, run both with the same PORT=<port>), or pass an RPC URL ${elsewhere}.`
      : "";
    throw new Error(`Could not reach the RPC at ${safeUrl(rpcUrl)}: ${reason}${hint}`);
  });
}
