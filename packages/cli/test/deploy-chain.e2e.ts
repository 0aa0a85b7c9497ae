/**
 * The two-chain rehearsal: `pnpm deploy:chain` against two local nodes that stand in for Base
 * Sepolia (84532) and OP Sepolia (11155420), each with the CreateX factory installed the way it is
 * on public chains (its keyless deployment). No explorer is reachable here, so verification must
 * be skipped with a clear message. Deployments are recorded and the SDK regenerated in temporary
 * folders (DEPLOY_DIR, SDK_GENERATED_DIR): the repository's files stay as they are.
 *
 * The nodes run the Prague rules: under Osaka's per-transaction gas cap, Hardhat's gas
 * estimation fails for a deployment through a factory (the deployment itself needs ~10.1M gas,
 * under the cap; docs/deploying.md).
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  createPublicClient,
  createWalletClient,
  decodeFunctionData,
  getAddress,
  http,
  keccak256,
  stringToHex,
  type Address,
  type Hex,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { credentialRegistryAbi, issuerNameKey } from "@onchaincert/sdk";

import { freePorts, spawnGroup, stopGroup, waitForOutput } from "../../../scripts/lib/processes";
import { installCreateX } from "../../../scripts/lib/createx";
import { launchChromium } from "../../../scripts/lib/chromium";
import { serveStatic } from "../../web/e2e/staticHost";

const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");
// Hardhat's well-known accounts #0 (deploys), #1 (an issuer) and #2 (deploys with a Safe as
// admin). The deploying keys must never be printed.
const DEPLOYER_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const SAFE_DEPLOYER_KEY = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
const ISSUER_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
const ETHERSCAN_KEY = "REHEARSALETHERSCANKEY0123456789AB";
const SAFE: Address = getAddress("0x5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe");
const APP = "https://credentials.example.org";
const HOLDER: Address = "0x000000000000000000000000000000000000c0de";
const CHAINS = [
  { name: "base-sepolia", chainId: 84532, variable: "BASE_SEPOLIA_RPC_URL" },
  { name: "optimism-sepolia", chainId: 11155420, variable: "OPTIMISM_SEPOLIA_RPC_URL" },
] as const;

const dir = mkdtempSync(path.join(tmpdir(), "occ-rehearsal-"));
const deployDir = path.join(dir, "deploy");
// A copy of the SDK's sources whose generated/ the rehearsal rewrites, and a tsconfig that points
// `@onchaincert/sdk` at it, so the CLI reads the rehearsal chains as it would read committed ones.
const sdkDir = path.join(dir, "sdk");
const generatedDir = path.join(sdkDir, "src", "generated");
const tsconfig = path.join(dir, "tsconfig.json");
const nodes: ChildProcess[] = [];
const rpc: Record<number, string> = {};
const outputs: string[] = [];

/** Runs `pnpm <script> …` as a deployer would, with the rehearsal's environment. */
function pnpm(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  const child = spawnGroup("pnpm", ["--silent", ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      DEPLOY_DIR: deployDir,
      SDK_GENERATED_DIR: generatedDir,
      DEPLOYER_PRIVATE_KEY: DEPLOYER_KEY,
      ETHERSCAN_API_KEY: ETHERSCAN_KEY,
      BASE_SEPOLIA_RPC_URL: rpc[84532]!,
      OPTIMISM_SEPOLIA_RPC_URL: rpc[11155420]!,
      ...env,
    },
  });
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  return new Promise((resolve) =>
    child.on("close", (code) => {
      outputs.push(out);
      resolve({ code, out });
    }),
  );
}

const client = (chainId: number) => createPublicClient({ transport: http(rpc[chainId]!) });

function recorded(chainId: number, root = deployDir): Record<string, string> {
  return JSON.parse(
    readFileSync(path.join(root, "deployments", `chain-${chainId}`, "deployed_addresses.json"), "utf8"),
  );
}

before(async () => {
  const ports = await freePorts(CHAINS.length);
  await Promise.all(
    CHAINS.map(async ({ chainId }, i) => {
      const node = spawnGroup(
        process.execPath,
        [
          path.join(ROOT, "node_modules/hardhat/internal/cli/bootstrap.js"),
          "node",
          "--hostname",
          "127.0.0.1",
          "--port",
          String(ports[i]),
        ],
        { cwd: ROOT, env: { ...process.env, HARDHAT_CHAIN_ID: String(chainId), HARDHAT_HARDFORK: "prague" } },
      );
      nodes.push(node);
      await waitForOutput(node, "Started HTTP and WebSocket JSON-RPC server", 60_000);
      rpc[chainId] = `http://127.0.0.1:${ports[i]}`;
      const transport = http(rpc[chainId]);
      const request = transport({}).request;
      await installCreateX({ send: (method, params) => request({ method, params } as never) });
    }),
  );
  mkdirSync(sdkDir, { recursive: true });
  cpSync(path.join(ROOT, "packages", "sdk", "src"), path.join(sdkDir, "src"), { recursive: true });
  cpSync(path.join(ROOT, "packages", "sdk", "package.json"), path.join(sdkDir, "package.json"));
  symlinkSync(path.join(ROOT, "packages", "sdk", "node_modules"), path.join(sdkDir, "node_modules"));
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: path.join(ROOT, "packages", "cli", "tsconfig.json"),
      compilerOptions: { paths: { "@onchaincert/sdk": [path.join(sdkDir, "src", "index.ts")] } },
    }),
  );
});

after(async () => {
  for (const node of nodes) await stopGroup(node);
  rmSync(dir, { recursive: true, force: true });
});

describe("pnpm deploy:chain, rehearsed on two local chains", () => {
  it("deploys to both chains at the same addresses, records both, regenerates the SDK with both, and says verification was skipped", async () => {
    for (const { name, chainId } of CHAINS) {
      const { code, out } = await pnpm(["deploy:chain", "--network", name, "--app-url", APP]);
      assert.equal(code, 0, out);
      assert.match(out, /Sent 5 transaction\(s\)\./);
      assert.match(out, /Etherscan: skipped, not reachable from here/);
      assert.match(out, /Blockscout: skipped, not reachable from here/);
      assert.match(out, /Sourcify: skipped, not reachable from here/);
      assert.match(out, new RegExp(`dApp for this chain: ${APP.replace(/\./g, "\\.")}/\\?chain=${chainId}`));
    }
    const [a, b] = CHAINS.map((c) => recorded(c.chainId));
    assert.deepEqual(a, b);
    assert.equal(Object.keys(a!).length, 4);
    const generated = readFileSync(path.join(generatedDir, "deployments.ts"), "utf8");
    for (const { chainId } of CHAINS) assert.match(generated, new RegExp(`"?${chainId}"?: \\{`));
    assert.ok(generated.includes(a!["OnChainCert#CredentialRegistry"]!));
    // The repository's own generated file is untouched.
    const committed = readFileSync(path.join(ROOT, "packages/sdk/src/generated/deployments.ts"), "utf8");
    assert.ok(!committed.includes("84532"));
    assert.ok(!existsSync(path.join(ROOT, "deploy", "deployments", "chain-84532")));
  });

  it("deploys nothing the second time", async () => {
    for (const { name, chainId } of CHAINS.slice(0, 1)) {
      const deployer = privateKeyToAccount(DEPLOYER_KEY).address;
      const nonce = await client(chainId).getTransactionCount({ address: deployer });
      const { code, out } = await pnpm(["deploy:chain", "--network", name, "--app-url", APP, "--skip-verify"]);
      assert.equal(code, 0, out);
      assert.match(out, /Already deployed: nothing was sent\./);
      assert.match(out, /deployments\.ts already has this chain.s addresses\./);
      assert.equal(await client(chainId).getTransactionCount({ address: deployer }), nonce);
    }
  });

  it("check:bytecode finds this repository's build at every recorded address, and a changed byte", async () => {
    for (const { name } of CHAINS) {
      const { code, out } = await pnpm(["check:bytecode", "--network", name]);
      assert.equal(code, 0, out);
      assert.match(out, /All 5 contracts are this repository's build, created by their constructors/);
      assert.match(
        out,
        /The registry was created with: admin 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266, admin transfer delay 259200 s/,
      );
      assert.match(out, /credential pages https:\/\/credentials\.example\.org\/credential\/\./);
      assert.match(out, /claim links may mint/);
      assert.match(out, /✓ CredentialClaims .* _cachedChainId = chain \d+/);
    }
    // Someone else's code at the lens's address on one chain: one byte changed.
    const lens = recorded(84532)["OnChainCert#CredentialLens"]! as Address;
    const code = (await client(84532).getCode({ address: lens }))!;
    const changed = `${code.slice(0, 200)}${code.slice(200, 202) === "00" ? "01" : "00"}${code.slice(202)}` as Hex;
    await client(84532).request({ method: "hardhat_setCode", params: [lens, changed] } as never);
    // And the address list (which the SDK is generated from) edited to send users elsewhere.
    const list = path.join(deployDir, "deployments", "chain-84532", "deployed_addresses.json");
    const original = readFileSync(list, "utf8");
    const edited = JSON.parse(original);
    edited["OnChainCert#CredentialClaims"] = SAFE;
    writeFileSync(list, JSON.stringify(edited));
    const { code: exit, out } = await pnpm(["check:bytecode", "--network", "base-sepolia"]);
    await client(84532).request({ method: "hardhat_setCode", params: [lens, code] } as never);
    writeFileSync(list, original);
    assert.equal(exit, 1, out);
    assert.match(out, /✗ CredentialLens +0x[0-9a-fA-F]{40} +differs from the build from byte 99 on/);
    assert.match(out, /✗ CredentialClaims: deployed_addresses\.json says 0x5afE/i);
  });

  it("pnpm verify:address reads a credential issued on a rehearsal chain", async () => {
    const chainId = 84532;
    const registry = recorded(chainId)["OnChainCert#CredentialRegistry"]! as Address;
    const wallet = (key: Hex) =>
      createWalletClient({ account: privateKeyToAccount(key), transport: http(rpc[chainId]!) });
    const admin = wallet(DEPLOYER_KEY);
    const issuer = wallet(ISSUER_KEY);
    const send = async (w: ReturnType<typeof wallet>, functionName: string, args: readonly unknown[]) => {
      const request = { address: registry, abi: credentialRegistryAbi, functionName, args, chain: null };
      const hash = await w.writeContract(request as unknown as Parameters<typeof w.writeContract>[0]);
      const receipt = await client(chainId).waitForTransactionReceipt({ hash });
      assert.equal(receipt.status, "success");
    };
    const name = "Rehearsal Academy";
    await send(admin, "registerIssuer", [issuer.account.address, name, issuerNameKey(name), "https://academy.example"]);
    await send(issuer, "createCredentialType", [
      {
        name: "First Aid",
        description: "",
        kind: 1,
        credits: 0,
        validityPeriod: 0,
        criteriaURL: "",
        imageURL: "",
        components: [],
        requiredComponents: 0,
      },
    ]);
    await send(issuer, "issue", [1n, HOLDER, 0n, keccak256(stringToHex("assessed"))]);

    const child = spawnGroup(
      process.execPath,
      ["--import", "tsx", path.join(ROOT, "packages/cli/src/verify-address.ts"), HOLDER, rpc[chainId]!],
      { cwd: ROOT, env: { ...process.env, TSX_TSCONFIG_PATH: tsconfig } },
    );
    let out = "";
    child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
    const exit = await new Promise<number | null>((resolve) => child.on("close", resolve));
    assert.equal(exit, 0, out);
    assert.match(out, /#1 Valid — First Aid \[Certificate\] by Rehearsal Academy/);
  });

  it("the dApp's static build, made with the rehearsal's SDK, shows that credential at ?chain=84532", async () => {
    const dist = path.join(dir, "dist");
    const web = path.join(ROOT, "packages", "web");
    const build = spawnGroup("npx", ["vite", "build", "--outDir", dist, "--emptyOutDir"], {
      cwd: web,
      env: {
        ...process.env,
        ONCHAINCERT_SDK_DIR: path.join(sdkDir, "src"),
        VITE_RPC_URL_84532: rpc[84532]!,
        VITE_DEFAULT_CHAIN_ID: "31337",
      },
    });
    let log = "";
    build.stdout!.on("data", (c: Buffer) => (log += c.toString()));
    build.stderr!.on("data", (c: Buffer) => (log += c.toString()));
    assert.equal(await new Promise((resolve) => build.on("close", resolve)), 0, log);
    const [port] = await freePorts(1);
    const host = await serveStatic(dist, port!);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${port}/verify/${HOLDER}?chain=84532`);
      const card = page.locator(".card", { hasText: "First Aid" });
      await card.waitFor({ timeout: 30_000 });
      assert.match(await card.innerText(), /Valid/);
      assert.match(await page.locator("body").innerText(), /Base Sepolia/);
    } finally {
      await browser.close();
      host.closeAllConnections();
      await new Promise((resolve) => host.close(resolve));
    }
  });

  it("with a Safe as admin: deploys the contracts and writes the one admin-only step as a Safe Transaction Builder file", async () => {
    const safeDeploy = path.join(dir, "deploy-safe");
    const args = ["deploy:chain", "--network", "base-sepolia", "--app-url", APP, "--admin", SAFE, "--skip-verify"];
    // The same account cannot deploy a second configuration on a chain where its record is missing:
    // the renderer's address (no constructor arguments) is taken.
    const again = await pnpm(args, { DEPLOY_DIR: safeDeploy });
    assert.equal(again.code, 2, again.out);
    assert.match(
      again.out,
      /This account already deployed OnChainCert on Base Sepolia \(its renderer is at 0x[0-9a-fA-F]{40}\)/,
    );
    const { code, out } = await pnpm(args, { DEPLOY_DIR: safeDeploy, DEPLOYER_PRIVATE_KEY: SAFE_DEPLOYER_KEY });
    assert.equal(code, 0, out);
    assert.match(out, /Sent 4 transaction\(s\)\./);
    assert.match(out, /The admin must let claim links mint: load .*grant-claims-minter\.safe\.json/);
    const addresses = recorded(84532, safeDeploy);
    // Another admin is another constructor argument: another registry address.
    assert.notEqual(addresses["OnChainCert#CredentialRegistry"], recorded(84532)["OnChainCert#CredentialRegistry"]);
    const batch = JSON.parse(
      readFileSync(path.join(safeDeploy, "deployments", "chain-84532", "grant-claims-minter.safe.json"), "utf8"),
    );
    assert.equal(batch.chainId, "84532");
    assert.equal(batch.meta.createdFromSafeAddress, SAFE);
    assert.equal(batch.transactions.length, 1);
    const tx = batch.transactions[0];
    assert.equal(tx.to, addresses["OnChainCert#CredentialRegistry"]);
    const call = decodeFunctionData({ abi: credentialRegistryAbi, data: tx.data });
    assert.equal(call.functionName, "grantRole");
    assert.equal((call.args as readonly unknown[])[1], addresses["OnChainCert#CredentialClaims"]);

    // The Safe executes it (here: the node lets the test act as the Safe's address).
    const chain = client(84532);
    await chain.request({ method: "hardhat_impersonateAccount", params: [SAFE] } as never);
    await chain.request({ method: "hardhat_setBalance", params: [SAFE, "0xde0b6b3a7640000"] } as never);
    const hash = (await chain.request({
      method: "eth_sendTransaction",
      params: [{ from: SAFE, to: tx.to, data: tx.data, value: "0x0" }],
    } as never)) as Hex;
    assert.equal((await chain.waitForTransactionReceipt({ hash })).status, "success");
    const role = (call.args as [Hex, Address])[0];
    const can = await chain.readContract({
      address: tx.to,
      abi: credentialRegistryAbi,
      functionName: "hasRole",
      args: [role, addresses["OnChainCert#CredentialClaims"] as Address],
    });
    assert.equal(can, true);
  });

  it("refuses a key on the command line, a wrong chain and a missing app URL, before sending anything", async () => {
    const key = await pnpm([
      "deploy:chain",
      "--network",
      "base-sepolia",
      "--app-url",
      APP,
      "--private-key",
      DEPLOYER_KEY,
    ]);
    assert.equal(key.code, 2);
    assert.match(key.out, /Keys never go on the command line/);
    const wrong = await pnpm(["deploy:chain", "--network", "base-sepolia", "--app-url", APP], {
      BASE_SEPOLIA_RPC_URL: rpc[11155420]!,
    });
    assert.equal(wrong.code, 2);
    assert.match(wrong.out, /says it is chain 11155420, not Base Sepolia \(84532\)/);
    const noApp = await pnpm(["deploy:chain", "--network", "base-sepolia"]);
    assert.equal(noApp.code, 2);
    assert.match(noApp.out, /Give the dApp's public address: --app-url/);
    const withPath = await pnpm(["deploy:chain", "--network", "base-sepolia", "--app-url", `${APP}/app`]);
    assert.equal(withPath.code, 2);
    assert.match(withPath.out, /--app-url must be the host's root, without a path/);
  });

  it("never printed a key it was given", () => {
    const all = outputs.join("\n").toLowerCase();
    assert.ok(outputs.length >= 8);
    for (const secret of [DEPLOYER_KEY, SAFE_DEPLOYER_KEY, ETHERSCAN_KEY]) {
      assert.ok(!all.includes(secret.toLowerCase().replace(/^0x/, "")), `the output contains ${secret.slice(0, 6)}…`);
    }
  });
});
