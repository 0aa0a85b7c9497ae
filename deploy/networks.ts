/**
 * The public chains `pnpm deploy:chain --network <name>` knows, with the explorers that verify
 * sources there. hardhat.config.ts turns these into Hardhat networks and hardhat-verify settings;
 * scripts/deploy-chain.ts checks a node's chain id against them before it sends anything.
 *
 * RPC URLs: `<NAME>_RPC_URL` in the environment (e.g. BASE_SEPOLIA_RPC_URL) or
 * `npx hardhat vars set BASE_SEPOLIA_RPC_URL`, else the chain's public endpoint below (rate-limited;
 * fine for a deployment, not for an indexer). `custom` takes RPC_URL and any chain id.
 */
export interface ChainPreset {
  /** The name on the command line: `--network base-sepolia`. */
  name: string;
  chainId: number;
  /** The chain's name for people. */
  label: string;
  /** A public RPC endpoint, used when no `<NAME>_RPC_URL` is set. */
  publicRpc: string;
  /** Blockscout's instance for the chain (its API is `<blockscout>/api`). */
  blockscout: string;
  /** Where a person looks a contract up (Etherscan's family). */
  explorer: string;
  testnet: boolean;
  /** The chain's currency, as wallets show it (viem's definitions agree; a dApp test checks). */
  currency: { name: string; symbol: string };
}

export const CHAIN_PRESETS: readonly ChainPreset[] = [
  {
    name: "ethereum",
    chainId: 1,
    label: "Ethereum",
    publicRpc: "https://ethereum-rpc.publicnode.com",
    blockscout: "https://eth.blockscout.com",
    explorer: "https://etherscan.io",
    currency: { name: "Ether", symbol: "ETH" },
    testnet: false,
  },
  {
    name: "sepolia",
    chainId: 11155111,
    label: "Sepolia",
    publicRpc: "https://ethereum-sepolia-rpc.publicnode.com",
    blockscout: "https://eth-sepolia.blockscout.com",
    explorer: "https://sepolia.etherscan.io",
    currency: { name: "Sepolia Ether", symbol: "ETH" },
    testnet: true,
  },
  {
    name: "base",
    chainId: 8453,
    label: "Base",
    publicRpc: "https://mainnet.base.org",
    blockscout: "https://base.blockscout.com",
    explorer: "https://basescan.org",
    currency: { name: "Ether", symbol: "ETH" },
    testnet: false,
  },
  {
    name: "base-sepolia",
    chainId: 84532,
    label: "Base Sepolia",
    publicRpc: "https://sepolia.base.org",
    blockscout: "https://base-sepolia.blockscout.com",
    explorer: "https://sepolia.basescan.org",
    currency: { name: "Sepolia Ether", symbol: "ETH" },
    testnet: true,
  },
  {
    name: "optimism",
    chainId: 10,
    label: "OP Mainnet",
    publicRpc: "https://mainnet.optimism.io",
    blockscout: "https://optimism.blockscout.com",
    explorer: "https://optimistic.etherscan.io",
    currency: { name: "Ether", symbol: "ETH" },
    testnet: false,
  },
  {
    name: "optimism-sepolia",
    chainId: 11155420,
    label: "OP Sepolia",
    publicRpc: "https://sepolia.optimism.io",
    blockscout: "https://optimism-sepolia.blockscout.com",
    explorer: "https://sepolia-optimism.etherscan.io",
    currency: { name: "Sepolia Ether", symbol: "ETH" },
    testnet: true,
  },
  {
    name: "arbitrum",
    chainId: 42161,
    label: "Arbitrum One",
    publicRpc: "https://arb1.arbitrum.io/rpc",
    blockscout: "https://arbitrum.blockscout.com",
    explorer: "https://arbiscan.io",
    currency: { name: "Ether", symbol: "ETH" },
    testnet: false,
  },
  {
    name: "arbitrum-sepolia",
    chainId: 421614,
    label: "Arbitrum Sepolia",
    publicRpc: "https://sepolia-rollup.arbitrum.io/rpc",
    blockscout: "https://arbitrum-sepolia.blockscout.com",
    explorer: "https://sepolia.arbiscan.io",
    currency: { name: "Arbitrum Sepolia Ether", symbol: "ETH" },
    testnet: true,
  },
  {
    name: "polygon",
    chainId: 137,
    label: "Polygon",
    publicRpc: "https://polygon-rpc.com",
    blockscout: "https://polygon.blockscout.com",
    explorer: "https://polygonscan.com",
    currency: { name: "POL", symbol: "POL" },
    testnet: false,
  },
  {
    name: "polygon-amoy",
    chainId: 80002,
    label: "Polygon Amoy",
    publicRpc: "https://rpc-amoy.polygon.technology",
    blockscout: "https://polygon-amoy.blockscout.com",
    explorer: "https://amoy.polygonscan.com",
    currency: { name: "POL", symbol: "POL" },
    testnet: true,
  },
];

/** `base-sepolia` → `BASE_SEPOLIA_RPC_URL`. */
export function rpcVariable(name: string): string {
  return `${name.toUpperCase().replace(/-/g, "_")}_RPC_URL`;
}

export function presetNamed(name: string): ChainPreset | undefined {
  return CHAIN_PRESETS.find((p) => p.name === name);
}

/**
 * The salt every OnChainCert contract is deployed with through the CreateX factory (Ignition's
 * `create2` strategy): the deploying account's 20 bytes, then 0x00, then "OnChainCert". CreateX
 * lets only that account deploy with it (nobody can take the addresses first on a chain we have
 * not reached yet) and, because the 21st byte is 0x00, does not mix in the chain id: the same
 * account, bytecode and constructor arguments give the same addresses on every chain.
 * docs/deploying.md says what must be equal.
 */
export function create2Salt(deployer: string): string {
  if (!/^0x[0-9a-fA-F]{40}$/.test(deployer)) throw new Error(`not an address: ${deployer}`);
  return `${deployer.toLowerCase()}00${Buffer.from("OnChainCert").toString("hex")}`;
}
