/**
 * `pnpm check:bytecode --network <preset>`: confirms, with no explorer, that the code at every
 * address recorded for that chain is byte for byte this repository's build.
 *
 * The runtime code on-chain is compared with the compiler's output for the same contract,
 * including the metadata hash at its end (which commits to every source file and compiler
 * setting). The only bytes a constructor writes into runtime code are its immutables; they are
 * compared separately, each against the value it must hold on that chain: the registry's
 * extension, the registry the lens and the claim-link contract read, and the claim-link
 * contract's EIP-712 domain (its name and version, this chain, its own address). An immutable
 * with no rule here fails the check, so a new one cannot slip through unexamined.
 */
import { domainSeparator, getAddress, keccak256, padHex, stringToHex, toHex, type Hex } from "viem";

import { CLAIMS_DOMAIN } from "@onchaincert/sdk";
import { connect, parseOptions, run } from "./lib/deployment";
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
  let failures = 0;
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
  // The admin may point the registry at another renderer (presentation only) after deployment.
  if (registry) {
    const current = (await (await hre.ethers.getContractAt("CredentialRegistry", registry)).renderer()) as string;
    if (getAddress(current) !== getAddress(address("CredentialRenderer"))) {
      console.log(
        `Note: the registry now renders token metadata through ${current}, set by its admin after deployment; that contract is not one this check compares.`,
      );
    }
  }
  if (failures > 0) {
    console.log(`${failures} of ${contracts.length} contracts do not match this repository's build.`);
    process.exit(1);
  }
  console.log(`All ${contracts.length} contracts are this repository's build.`);
});
