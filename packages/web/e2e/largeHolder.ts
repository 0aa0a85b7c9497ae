/**
 * A holder with 5,000 credentials on the local chain, for the browser test and the benchmark of
 * `/verify/<address>` (bench/large-holder.ts): a test-only issuer contract
 * (contracts/mocks/HolderFiller.sol), registered by the demo admin, gives one address 5,000
 * credentials of its 50 types in 34 transactions: 100 rounds, revoked as superseded but the last.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { createPublicClient, createWalletClient, getAddress, http, type Abi, type Address, type Hex } from "viem";
import { hardhat } from "viem/chains";
import { credentialRegistryAbi, deployments, issuerNameKey } from "@onchaincert/sdk";

const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");
/** Hardhat's account #0, the demo chain's admin (an unlocked account of the node). */
const ADMIN: Address = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
export const LARGE_HOLDER = getAddress("0x0000000000000000000000000000000000005000");
export const LARGE_HOLDER_ISSUER = "Large Cohort Academy";

/** Fills LARGE_HOLDER on the chain at `rpc` (the demo deployment) and returns its balance. */
export async function fillLargeHolder(rpc: string): Promise<bigint> {
  const registry = deployments[31337].CredentialRegistry;
  const chain = createPublicClient({ transport: http(rpc) });
  const artifact = JSON.parse(
    readFileSync(path.join(ROOT, "artifacts/contracts/mocks/HolderFiller.sol/HolderFiller.json"), "utf8"),
  ) as { abi: Abi; bytecode: Hex };
  const admin = createWalletClient({ account: ADMIN, chain: hardhat, transport: http(rpc) });
  const mined = async (hash: Hex) => {
    const receipt = await chain.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`transaction ${hash} reverted`);
    return receipt;
  };
  const filler = (await mined(await admin.deployContract({ ...artifact, args: [registry] }))).contractAddress!;
  await mined(
    await admin.writeContract({
      address: registry,
      abi: credentialRegistryAbi,
      functionName: "registerIssuer",
      args: [filler, LARGE_HOLDER_ISSUER, issuerNameKey(LARGE_HOLDER_ISSUER), "https://large-cohort.example"],
    }),
  );
  const fill = (functionName: string, args: unknown[]) =>
    admin.writeContract({ address: filler, abi: artifact.abi, functionName, args, gas: 16_000_000n } as never);
  const weeklyLab = {
    name: "Weekly lab",
    description: "",
    kind: 0,
    credits: 0,
    validityPeriod: 0,
    criteriaURL: "",
    imageURL: "",
    components: [] as bigint[],
    requiredComponents: 0,
  };
  await mined(await fill("createTypes", [50n, weeklyLab]));
  for (let round = 0; round < 100; round += 3) {
    const rounds = Math.min(3, 100 - round);
    await mined(await fill("fill", [LARGE_HOLDER, BigInt(rounds), round + rounds === 100]));
  }
  return chain.readContract({
    address: registry,
    abi: credentialRegistryAbi,
    functionName: "balanceOf",
    args: [LARGE_HOLDER],
  });
}
