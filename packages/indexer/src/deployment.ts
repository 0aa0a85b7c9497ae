/** The chain the index follows (INDEXER_CHAIN_ID, default the local 31337) and the SDK's addresses on it. */
import { deploymentOn } from "@onchaincert/sdk";

export const chainId = Number(process.env.INDEXER_CHAIN_ID ?? 31337);

const found = deploymentOn(chainId);
if (!found)
  throw new Error(`The SDK records no OnChainCert deployment on chain ${chainId} (packages/sdk deployments).`);

export const deployment = found;
