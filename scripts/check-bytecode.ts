/**
 * `pnpm check:bytecode --network <preset>`: confirms, with no explorer, that the deployment
 * recorded for that chain is the one this repository describes.
 *
 * 1. The record is whole (five contracts), and its journal, its address list and the SDK's
 *    generated addresses (what the dApp and CLI use) name the same addresses.
 * 2. Each address follows, by CREATE2 through CreateX with OnChainCert's salt for the recorded
 *    deploying account, from this build's creation code and the recorded constructor arguments:
 *    so the code there was made by that constructor, with those arguments (printed, for a person
 *    to judge: admin, delay, credential page URL).
 * 3. The runtime code at each address equals the compiler's output, metadata hash included (it
 *    commits to every source file and compiler setting). The bytes a constructor writes into
 *    runtime code, its immutables, are compared one by one with the value each must hold there:
 *    the registry's extension, the registry the lens and the claim-link contract read, and the
 *    claim-link contract's EIP-712 domain. An immutable with no rule fails the check.
 * 4. What the admin may have changed since (admin, pending transfer, delay, credential page URL,
 *    renderer, the claim-link contract's minter role) is printed as it is now.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Interface } from "ethers";
import {
  concat,
  domainSeparator,
  getAddress,
  getContractAddress,
  keccak256,
  pad,
  padHex,
  stringToHex,
  toHex,
  zeroAddress as ZERO,
  type Hex,
} from "viem";

import { CLAIMS_DOMAIN } from "@onchaincert/sdk";
import { create2Salt } from "../deploy/networks";
import { CREATEX_ADDRESS } from "./lib/createx";
import { connect, parseOptions, recordDir, Refused, run } from "./lib/deployment";
import { deployedContracts } from "./lib/explorers";

interface AstNode {
  id?: number;
  nodeType?: string;
  name?: string;
  [key: string]: unknown;
}

/** The name of the declaration with AST id `id` in a build's sources. */
function declarationName(sources: Record<string, { ast: AstNode }>, id: number): string | undefined {
  const stack: unknown[] = Object.values(sources).map((s) => s.ast);
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (node && typeof node === "object") {
      const n = node as AstNode;
      if (n.id === id && n.nodeType === "VariableDeclaration") return n.name;
      for (const value of Object.values(n)) if (value && typeof value === "object") stack.push(value);
    }
  }
  return undefined;
}

/** OpenZeppelin's ShortString: the bytes, left-aligned, the length in the last byte. */
function shortString(value: string): Hex {
  const bytes = Buffer.from(value, "utf8");
  if (bytes.length >= 32) throw new Error(`“${value}” is no short string`);
  const word = Buffer.alloc(32);
  bytes.copy(word);
  word[31] = bytes.length;
  return toHex(word);
}

const word = (address: string) => padHex(getAddress(address).toLowerCase() as Hex, { size: 32 });

run(async () => {
  const options = parseOptions(process.argv.slice(2), { network: "value" });
  const target = await connect(options.get("network"));
  const { hre, chainId, label } = target;
  await hre.run("compile", { quiet: true });
  const contracts = deployedContracts(target);
  const address = (name: string) => contracts.find((c) => c.contractName === name)?.address ?? "";
  const registry = address("CredentialRegistry");
  let failures = 0;
  const fail = (line: string) => {
    failures++;
    console.log(`✗ ${line}`);
  };

  // 1. The record is whole, and it, its address list and the SDK (which the dApp and CLI read) agree.
  const names = [
    "CredentialRenderer",
    "CredentialRegistry",
    "CredentialLens",
    "CredentialClaims",
    "CredentialRegistryAdmin",
  ];
  const missing = names.filter((n) => !address(n));
  if (missing.length > 0) {
    throw new Refused(`The record for ${label} lacks ${missing.join(", ")}: it is not a whole OnChainCert deployment.`);
  }
  const dir = recordDir(hre, chainId);
  const listed = JSON.parse(readFileSync(path.join(dir, "deployed_addresses.json"), "utf8")) as Record<string, string>;
  const sdkFile = path.join(
    process.env.SDK_GENERATED_DIR || path.join(__dirname, "..", "packages", "sdk", "src", "generated"),
    "deployments.ts",
  );
  const sdk = ((await import(pathToFileURL(sdkFile).href)) as { deployments: Record<number, Record<string, string>> })
    .deployments[chainId];
  for (const name of names) {
    const recorded = getAddress(address(name));
    const inList = listed[`OnChainCert#${name}`];
    if (inList !== undefined && getAddress(inList) !== recorded) {
      fail(`${name}: deployed_addresses.json says ${inList}, the journal ${recorded}`);
    }
    if (!sdk) continue;
    if (!sdk[name] || getAddress(sdk[name]!) !== recorded) {
      fail(`${name}: packages/sdk says ${sdk[name] ?? "nothing"}, the record ${recorded}`);
    }
  }
  if (!sdk) fail(`packages/sdk has no addresses for chain ${chainId}: run \`pnpm generate\` and commit it`);

  // 2. Each address follows from the build's creation code and the recorded constructor arguments
  //    (CREATE2 through CreateX): the code there was made by that constructor with those arguments.
  const iface = (name: string) =>
    new Interface((hre.artifacts.readArtifactSync(name) as { abi: unknown[] }).abi as never);
  for (const c of contracts) {
    const r = c.recorded;
    if (!r) continue; // the extension: the registry's first CREATE, checked through its code below
    const artifact = await hre.artifacts.readArtifact(c.contractName);
    const initCode = concat([artifact.bytecode as Hex, iface(c.contractName).encodeDeploy(r.constructorArgs) as Hex]);
    const from = getAddress(r.from);
    if (r.strategy !== "create2" || !r.salt || r.salt.toLowerCase() !== create2Salt(from)) {
      fail(`${c.contractName}: not deployed with OnChainCert's CREATE2 salt, so its constructor cannot be confirmed`);
      continue;
    }
    const derived = getContractAddress({
      opcode: "CREATE2",
      from: CREATEX_ADDRESS,
      salt: keccak256(concat([pad(from), r.salt as Hex])),
      bytecode: initCode,
    });
    if (derived !== getAddress(c.address)) {
      fail(
        `${c.contractName}: this build with the recorded arguments, deployed by ${from}, would be at ${derived}, not ${c.address}`,
      );
    }
  }
  const [admin, delay, name, symbol, baseURI, renderer] = contracts.find(
    (c) => c.contractName === "CredentialRegistry",
  )!.constructorArgs as [string, bigint | number, string, string, string, string];
  if (getAddress(renderer) !== getAddress(address("CredentialRenderer")))
    fail(`the registry was built with renderer ${renderer}`);
  for (const c of contracts.filter(
    (c) => c.contractName === "CredentialLens" || c.contractName === "CredentialClaims",
  )) {
    if (getAddress(c.constructorArgs[0] as string) !== getAddress(registry))
      fail(`${c.contractName} was built for ${String(c.constructorArgs[0])}`);
  }
  const deployer = contracts.find((c) => c.recorded)!.recorded!.from;
  console.log(
    `Deployed by ${getAddress(deployer)}. The registry was created with: admin ${admin}, admin transfer delay ${delay} s, name “${name}”, symbol “${symbol}”, credential pages ${baseURI}.`,
  );

  /** The value each immutable must hold in `contract` at `at`. */
  const expected = (variable: string, at: string): { value: Hex; means: string } | undefined => {
    const hashedName = keccak256(stringToHex(CLAIMS_DOMAIN.name));
    const hashedVersion = keccak256(stringToHex(CLAIMS_DOMAIN.version));
    switch (variable) {
      case "_ADMIN_EXTENSION":
        return { value: word(address("CredentialRegistryAdmin")), means: "its administration extension" };
      case "_REGISTRY":
        return { value: word(registry), means: "the registry" };
      case "_cachedThis":
        return { value: word(at), means: "its own address" };
      case "_cachedChainId":
        return { value: padHex(toHex(chainId), { size: 32 }), means: `chain ${chainId}` };
      case "_hashedName":
        return { value: hashedName, means: `EIP-712 name “${CLAIMS_DOMAIN.name}”` };
      case "_hashedVersion":
        return { value: hashedVersion, means: `EIP-712 version “${CLAIMS_DOMAIN.version}”` };
      case "_name":
        return { value: shortString(CLAIMS_DOMAIN.name), means: `“${CLAIMS_DOMAIN.name}”` };
      case "_version":
        return { value: shortString(CLAIMS_DOMAIN.version), means: `“${CLAIMS_DOMAIN.version}”` };
      case "_cachedDomainSeparator":
        return {
          value: domainSeparator({ domain: { ...CLAIMS_DOMAIN, chainId, verifyingContract: getAddress(at) } }),
          means: "its EIP-712 domain on this chain",
        };
      default:
        return undefined;
    }
  };

  console.log(`Checking the code recorded for ${label} (chain ${chainId}) against this repository's build.`);
  for (const contract of contracts) {
    const fqn = `contracts/${contract.contractName}.sol:${contract.contractName}`;
    const build = await hre.artifacts.getBuildInfo(fqn);
    if (!build) throw new Error(`no build of ${fqn}: run \`pnpm compile\``);
    const output = build.output.contracts[`contracts/${contract.contractName}.sol`]![contract.contractName]!;
    const built = Buffer.from(output.evm.deployedBytecode.object, "hex");
    const onChain = Buffer.from(
      ((await hre.ethers.provider.getCode(contract.address)) as string).replace(/^0x/, ""),
      "hex",
    );
    const problems: string[] = [];
    const notes: string[] = [];
    if (onChain.length === 0) problems.push("no code at this address");
    else if (onChain.length !== built.length) problems.push(`${onChain.length} bytes, the build has ${built.length}`);
    else {
      const refs = (output.evm.deployedBytecode.immutableReferences ?? {}) as Record<
        string,
        { start: number; length: number }[]
      >;
      const a = Buffer.from(built);
      const b = Buffer.from(onChain);
      for (const [id, ranges] of Object.entries(refs)) {
        const name = declarationName(build.output.sources as Record<string, { ast: AstNode }>, Number(id)) ?? `#${id}`;
        const rule = expected(name, contract.address);
        for (const { start, length } of ranges) {
          const value = toHex(onChain.subarray(start, start + length));
          if (!rule) problems.push(`immutable ${name} = ${value}, and this check has no rule for it`);
          else if (value !== rule.value)
            problems.push(`immutable ${name} = ${value}, expected ${rule.value} (${rule.means})`);
          a.fill(0, start, start + length);
          b.fill(0, start, start + length);
        }
        if (rule) notes.push(`${name} = ${rule.means}`);
      }
      if (!a.equals(b)) {
        let i = 0;
        while (a[i] === b[i]) i++;
        problems.push(`differs from the build from byte ${i} on`);
      }
    }
    const head = `${contract.contractName.padEnd(24)} ${contract.address}`;
    if (problems.length === 0) {
      console.log(
        `✓ ${head}  ${onChain.length} bytes, identical${notes.length ? `; ${[...new Set(notes)].join(", ")}` : ""}`,
      );
    } else {
      failures++;
      for (const p of [...new Set(problems)]) console.log(`✗ ${head}  ${p}`);
    }
  }
  // 3. What the admin has changed since, which no code comparison shows.
  const live = await hre.ethers.getContractAt("CredentialRegistry", registry);
  const [nowAdmin, pending, nowDelay, nowBase, nowRenderer, minter] = await Promise.all([
    live.defaultAdmin(),
    live.pendingDefaultAdmin(),
    live.defaultAdminDelay(),
    live.externalBaseURI(),
    live.renderer(),
    live.MINTER_ROLE().then((role) => live.hasRole(role, address("CredentialClaims"))),
  ]);
  console.log(
    `Now: admin ${nowAdmin}${pending[0] !== ZERO ? ` (transfer to ${pending[0]} pending)` : ""}, delay ${nowDelay} s, credential pages ${nowBase}, renderer ${nowRenderer}${getAddress(nowRenderer) === getAddress(address("CredentialRenderer")) ? " (the recorded one)" : " (NOT the recorded renderer: set by the admin since; not compared here)"}; claim links ${minter ? "may" : "may not yet"} mint. Other MINTER_ROLE holders show in the registry's RoleGranted events.`,
  );
  if (failures > 0) {
    console.log(`${failures} problem(s): this is not the deployment this repository describes.`);
    process.exit(1);
  }
  console.log(
    `All ${contracts.length} contracts are this repository's build, created by their constructors with the arguments above.`,
  );
});
