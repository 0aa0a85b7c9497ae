/**
 * Which chain and contracts the index follows, and where it keeps its tables.
 *
 * - Chain: INDEXER_CHAIN_ID (default 31337, the chain `pnpm dev` starts) and INDEXER_RPC_URL
 *   (default that chain's http://127.0.0.1:8545). The contracts' addresses are the SDK's record
 *   for that chain id; INDEXER_START_BLOCK (default 0) is the block the registry was deployed in.
 * - Database: PostgreSQL when DATABASE_URL is set; otherwise Ponder's embedded PGlite in
 *   INDEXER_PGLITE_DIR (default .ponder/pglite), nothing to install.
 */
import { createConfig } from "ponder";

import { credentialClaimsAbi, credentialRegistryAbi } from "@onchaincert/sdk";

import { chainId, deployment } from "./src/deployment";
const local = chainId === 31337;
const rpc = process.env.INDEXER_RPC_URL ?? (local ? "http://127.0.0.1:8545" : undefined);
if (!rpc) throw new Error(`Set INDEXER_RPC_URL to an RPC endpoint of chain ${chainId}.`);
const startBlock = Number(process.env.INDEXER_START_BLOCK ?? 0);
const databaseUrl = process.env.DATABASE_URL;

export default createConfig({
  database: databaseUrl
    ? { kind: "postgres", connectionString: databaseUrl }
    : { kind: "pglite", directory: process.env.INDEXER_PGLITE_DIR ?? ".ponder/pglite" },
  chains: {
    onchaincert: {
      id: chainId,
      rpc,
      // A local chain restarts from block 0 with other contents: cached answers would lie.
      disableCache: local,
      pollingInterval: Number(process.env.INDEXER_POLLING_MS ?? (local ? 200 : 1000)),
    },
  },
  contracts: {
    CredentialRegistry: {
      chain: "onchaincert",
      abi: credentialRegistryAbi,
      address: deployment.registry,
      startBlock,
    },
    CredentialClaims: {
      chain: "onchaincert",
      abi: credentialClaimsAbi,
      address: deployment.claims,
      startBlock,
    },
  },
});
