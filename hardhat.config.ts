import { subtask, task } from "hardhat/config";
import { readdirSync } from "node:fs";
import path from "node:path";
import {
  TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD,
  TASK_COMPILE_SOLIDITY_GET_SOURCE_PATHS,
  TASK_COMPILE_SOLIDITY_LOG_COMPILATION_ERRORS,
} from "hardhat/builtin-tasks/task-names";
import type { HardhatUserConfig } from "hardhat/config";
import "@nomicfoundation/hardhat-toolbox";

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
    ignition: "deploy",
  },
  networks: {
    hardhat: {
      // Osaka, Hardhat's default, enforces EIP-7825's 16,777,216-gas cap per transaction, so
      // the tests prove the largest batch fits. Bytecode targets prague for wider chain support.
      hardfork: "osaka",
      // `pnpm dev` starts its node years back so the demo can hold credentials earned then.
      ...(process.env.HARDHAT_INITIAL_DATE ? { initialDate: process.env.HARDHAT_INITIAL_DATE } : {}),
    },
    // The chain `pnpm dev` starts: port 8545 or $PORT (as packages/cli/src/config.ts localRpcUrl).
    // An empty variable counts as unset, as in localRpcUrl.
    localhost: { url: process.env.HARDHAT_LOCALHOST_URL || `http://127.0.0.1:${process.env.PORT || 8545}` },
    ...(process.env.RPC_URL
      ? {
          custom: {
            url: process.env.RPC_URL,
            accounts: process.env.DEPLOYER_PRIVATE_KEY ? [process.env.DEPLOYER_PRIVATE_KEY] : [],
          },
        }
      : {}),
  },
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
