import { subtask, task, vars } from "hardhat/config";
import { readdirSync } from "node:fs";
import path from "node:path";
import {
  TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD,
  TASK_COMPILE_SOLIDITY_GET_SOURCE_PATHS,
  TASK_COMPILE_SOLIDITY_LOG_COMPILATION_ERRORS,
} from "hardhat/builtin-tasks/task-names";
import type { HardhatUserConfig } from "hardhat/config";
import "@nomicfoundation/hardhat-toolbox";

import { CHAIN_PRESETS, rpcVariable } from "./deploy/networks";

const SOLC_VERSION = "0.8.30";

// Hardhat 2 downloads compilers from a host that many CI systems (and these machines)
// cannot reach. The npm `solc` package ships the same compiler as WebAssembly, so we
// hand Hardhat that build and no compiler list is ever fetched.
subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD).setAction(async ({ solcVersion }: { solcVersion: string }) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const solc = require("solc") as { version(): string };
  const longVersion = solc.version().replace(/\.Emscripten\.clang$/, "");
  if (solcVersion !== SOLC_VERSION || !longVersion.startsWith(`${solcVersion}+`)) {
    throw new Error(
      `hardhat.config.ts wants solc ${solcVersion}, but the installed npm package is ${longVersion}. ` +
        `Pin "solc": "${solcVersion}" in package.json.`,
    );
  }
  return { compilerPath: require.resolve("solc/soljson.js"), isSolcJs: true, version: solcVersion, longVersion };
});

// The gas benchmark's reference contracts live in bench/contracts/, apart from the product's
// contracts/, and are compiled with them (not under solidity-coverage, which measures contracts/).
subtask(TASK_COMPILE_SOLIDITY_GET_SOURCE_PATHS).setAction(async (args, hre, runSuper) => {
  const paths: string[] = await runSuper(args);
  if ((hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING) return paths;
  const benchDir = path.join(hre.config.paths.root, "bench", "contracts");
  const bench = readdirSync(benchDir)
    .filter((f) => f.endsWith(".sol"))
    .map((f) => path.join(benchDir, f));
  return [...paths, ...bench];
});

// Compiler warnings in our own sources are errors. (solidity-coverage compiles instrumented
// copies without the optimizer; its warnings are about the instrumentation, not our code.)
subtask(TASK_COMPILE_SOLIDITY_LOG_COMPILATION_ERRORS).setAction(async (args, hre, runSuper) => {
  await runSuper(args);
  const output = args.output as { errors?: { severity: string; sourceLocation?: { file: string } }[] };
  const ours = (output?.errors ?? []).filter(
    (e) =>
      e.severity === "warning" &&
      (e.sourceLocation?.file.startsWith("contracts/") || e.sourceLocation?.file.startsWith("bench/")),
  );
  const coverage = (hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING;
  if (ours.length > 0 && !coverage) {
    throw new Error(`${ours.length} compiler warning(s) in contracts/ or bench/: warnings are errors here.`);
  }
});

// solidity-coverage instruments the bytecode, which makes the registry's deployment (it carries
// its administration extension) exceed Osaka's EIP-7825 per-transaction cap of 16,777,216 gas.
// Coverage runs on Prague, which has no such cap; every other run stays on Osaka.
// It compiles its instrumented copies into artifacts and a cache of its own, and leaves
// typechain-types alone: in the shared folders, a `hardhat test` running beside it would recompile
// over its instrumented artifacts (and a full rebuild deletes and rewrites typechain-types).
task("coverage").setAction(async (args, hre, runSuper) => {
  hre.config.networks.hardhat.hardfork = "prague";
  hre.config.typechain.dontOverrideCompile = true;
  hre.config.paths.artifacts = path.join(hre.config.paths.root, ".coverage_artifacts");
  hre.config.paths.cache = path.join(hre.config.paths.root, ".coverage_cache");
  // Plugins (ethers, Ignition) read artifacts through hre.artifacts when they run: point it there too.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Artifacts } = require("hardhat/internal/artifacts") as typeof import("hardhat/internal/artifacts");
  (hre as { artifacts: unknown }).artifacts = new Artifacts(hre.config.paths.artifacts);
  return runSuper(args);
});

/**
 * A key or URL from the environment, else from `npx hardhat vars set <NAME>` (kept in the user's
 * configuration folder, outside the repository). Never from the command line.
 */
function secret(name: string): string {
  return process.env[name] || (vars.has(name) ? vars.get(name) : "");
}

// The deploying account on every public chain: DEPLOYER_PRIVATE_KEY (docs/deploying.md).
const deployerKey = secret("DEPLOYER_PRIVATE_KEY");
const deployerAccounts = deployerKey ? [deployerKey] : [];

// `pnpm deploy:chain --network <preset>` (deploy/networks.ts). Hardhat checks the node's chain id
// against the preset's before anything is sent.
const presetNetworks = Object.fromEntries(
  CHAIN_PRESETS.map((p) => [
    p.name,
    { url: secret(rpcVariable(p.name)) || p.publicRpc, chainId: p.chainId, accounts: deployerAccounts },
  ]),
);

const config: HardhatUserConfig = {
  solidity: {
    version: SOLC_VERSION,
    settings: {
      evmVersion: "prague",
      optimizer: { enabled: true, runs: 200 },
      // The registry and its administration extension share one storage layout; a test compares them.
      outputSelection: { "*": { "*": ["storageLayout"] } },
    },
  },
  paths: {
    // Ignition records deployments in <ignition>/deployments/chain-<id>/. DEPLOY_DIR moves them
    // (the two-chain rehearsal records into a temporary folder, not the repository's).
    ignition: process.env.DEPLOY_DIR || "deploy",
  },
  networks: {
    hardhat: {
      // Osaka, Hardhat's default, enforces EIP-7825's 16,777,216-gas cap per transaction, so
      // the tests prove the largest batch fits. Bytecode targets prague for wider chain support.
      hardfork: process.env.HARDHAT_HARDFORK || "osaka",
      // `pnpm dev` starts its node years back so the demo can hold credentials earned then.
      ...(process.env.HARDHAT_INITIAL_DATE ? { initialDate: process.env.HARDHAT_INITIAL_DATE } : {}),
      // A node standing in for a public chain (the two-chain rehearsal) answers with its chain id.
      ...(process.env.HARDHAT_CHAIN_ID ? { chainId: Number(process.env.HARDHAT_CHAIN_ID) } : {}),
    },
    // The chain `pnpm dev` starts: port 8545 or $PORT (as packages/cli/src/config.ts localRpcUrl).
    // An empty variable counts as unset, as in localRpcUrl.
    localhost: { url: process.env.HARDHAT_LOCALHOST_URL || `http://127.0.0.1:${process.env.PORT || 8545}` },
    ...presetNetworks,
    // Any other EVM chain: RPC_URL, any chain id.
    ...(secret("RPC_URL") ? { custom: { url: secret("RPC_URL"), accounts: deployerAccounts } } : {}),
  },
  // Source verification (scripts/verify-chain.ts): one Etherscan key covers every chain of its
  // family through Etherscan's multichain API; Blockscout and Sourcify need no key.
  etherscan: {
    apiKey: secret("ETHERSCAN_API_KEY"),
    customChains: CHAIN_PRESETS.map((p) => ({
      network: p.name,
      chainId: p.chainId,
      urls: { apiURL: "https://api.etherscan.io/v2/api", browserURL: p.explorer },
    })),
  },
  blockscout: {
    enabled: true,
    customChains: CHAIN_PRESETS.map((p) => ({
      network: p.name,
      chainId: p.chainId,
      urls: { apiURL: `${p.blockscout}/api`, browserURL: p.blockscout },
    })),
  },
  sourcify: { enabled: true },
  typechain: { outDir: "typechain-types", target: "ethers-v6" },
  gasReporter: {
    enabled: process.env.REPORT_GAS === "true",
    offline: true,
    currency: "USD",
    outputFile: process.env.REPORT_GAS_FILE,
    noColors: !!process.env.REPORT_GAS_FILE,
  },
  mocha: { timeout: 120_000 },
};

export default config;
