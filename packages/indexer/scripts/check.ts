/**
 * `pnpm indexer:check`: compares every credential the index holds with the chain, and exits 1 on
 * any difference. INDEXER_URL (default http://127.0.0.1:42069), INDEXER_RPC_URL (default the
 * local chain on $PORT or 8545), INDEXER_CHAIN_ID (default 31337).
 */
import { chainClient, reconcile } from "../src/reconcile";

const chainId = Number(process.env.INDEXER_CHAIN_ID ?? 31337);
const rpcUrl = process.env.INDEXER_RPC_URL ?? `http://127.0.0.1:${process.env.PORT || 8545}`;
const indexerUrl = process.env.INDEXER_URL ?? "http://127.0.0.1:42069";

try {
  const result = await reconcile({ indexerUrl, client: chainClient(rpcUrl), chainId });
  for (const line of result.differences) console.log(line);
  const n = result.checked.toLocaleString("en-US");
  if (result.differences.length === 0) {
    console.log(`The index agrees with the chain: ${n} credentials checked at block ${result.blockNumber}.`);
  } else {
    console.log(`${result.differences.length} difference(s) in ${n} credentials at block ${result.blockNumber}.`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
