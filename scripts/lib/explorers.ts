/**
 * Source verification of a recorded deployment on the chain's explorers, through hardhat-verify:
 * Etherscan's multichain API (one ETHERSCAN_API_KEY for every chain of its family), Blockscout and
 * Sourcify (no key). Each explorer is tried for each contract; one that cannot be reached is
 * reported once and skipped for the rest, so an offline run ends quickly and says what to re-run.
 */
import { getCreateAddress } from "viem";

import { recordDir, recordedContracts, Refused, type RecordedContract, type Target } from "./deployment";

/** A contract as an explorer sees it: where, what, and what its constructor was given. */
export interface DeployedContract {
  contractName: string;
  address: string;
  constructorArgs: unknown[];
  /** How Ignition deployed it; undefined for the extension, which the registry deployed. */
  recorded?: RecordedContract;
}

/**
 * The contracts of a chain's record, plus the registry's administration extension, which the
 * registry's constructor deployed (its first CREATE, nonce 1) and so no journal lists.
 */
export function deployedContracts(target: Target): DeployedContract[] {
  const recorded = recordedContracts(recordDir(target.hre, target.chainId));
  if (recorded.length === 0) {
    throw new Refused(
      `Nothing is recorded for ${target.label} (${recordDir(target.hre, target.chainId)}): deploy first with \`pnpm deploy:chain --network ${target.hre.network.name}\`.`,
    );
  }
  const registry = recorded.find((c) => c.contractName === "CredentialRegistry");
  const contracts: DeployedContract[] = recorded.map((r) => ({
    contractName: r.contractName,
    address: r.address,
    constructorArgs: r.constructorArgs,
    recorded: r,
  }));
  if (registry) {
    contracts.push({
      contractName: "CredentialRegistryAdmin",
      address: getCreateAddress({ from: registry.address as `0x${string}`, nonce: 1n }),
      constructorArgs: [registry.address],
    });
  }
  return contracts;
}

const UNREACHABLE =
  /ENOTFOUND|other side closed|UND_ERR|ECONNREFUSED|ECONNRESET|EAI_AGAIN|ETIMEDOUT|fetch failed|network request|socket hang up/i;

function causes(error: unknown): string {
  let text = "";
  for (let e = error as { message?: string; cause?: unknown } | undefined, i = 0; e && i < 5; i++) {
    text += ` ${e.message ?? ""} ${(e as { code?: string }).code ?? ""}`;
    e = e.cause as typeof e;
  }
  return text;
}

const firstLine = (error: unknown) => ((error as Error).message ?? String(error)).split("\n")[0]!.trim();

/** Verifies every contract on every explorer; prints one line per explorer and contract. */
export async function verifyOnExplorers(target: Target, contracts: readonly DeployedContract[]): Promise<void> {
  const { hre } = target;
  const apiKey = hre.config.etherscan.apiKey;
  const explorers = [
    {
      name: "Etherscan",
      skip:
        typeof apiKey === "string" && apiKey
          ? undefined
          : "no ETHERSCAN_API_KEY (environment or `npx hardhat vars set ETHERSCAN_API_KEY`)",
      verify: (c: DeployedContract, fqn: string) =>
        hre.run("verify:etherscan", { address: c.address, constructorArgsParams: c.constructorArgs, contract: fqn }),
    },
    {
      name: "Blockscout",
      skip: undefined as string | undefined,
      verify: (c: DeployedContract, fqn: string) => hre.run("verify:blockscout", { address: c.address, contract: fqn }),
    },
    {
      name: "Sourcify",
      skip: undefined as string | undefined,
      verify: (c: DeployedContract, fqn: string) => hre.run("verify:sourcify", { address: c.address, contract: fqn }),
    },
  ];
  let unverified = 0;
  for (const explorer of explorers) {
    if (explorer.skip) {
      console.log(`${explorer.name}: skipped, ${explorer.skip}.`);
      unverified++;
      continue;
    }
    for (const contract of contracts) {
      const fqn = `contracts/${contract.contractName}.sol:${contract.contractName}`;
      try {
        await explorer.verify(contract, fqn);
        console.log(`${explorer.name}: ${contract.contractName} verified at ${contract.address}.`);
      } catch (error) {
        const text = causes(error);
        if (/already (been )?verified/i.test(text)) {
          console.log(`${explorer.name}: ${contract.contractName} was already verified.`);
          continue;
        }
        if (UNREACHABLE.test(text)) {
          console.log(`${explorer.name}: skipped, not reachable from here (${firstLine(error)}).`);
          unverified++;
          break;
        }
        console.log(`${explorer.name}: ${contract.contractName} not verified: ${firstLine(error)}`);
        unverified++;
      }
    }
  }
  if (unverified > 0) {
    console.log(
      `Sources are not verified everywhere yet: run \`pnpm verify:chain --network ${hre.network.name}\` again from a machine that reaches the explorers. \`pnpm check:bytecode --network ${hre.network.name}\` needs no explorer.`,
    );
  }
}
