import { ethers } from "hardhat";
import type { BaseContract, Result } from "ethers";
import type { ReadBatch } from "../../typechain-types";

/** One view call: a contract, a function of its ABI and the arguments. */
export interface Read {
  contract: BaseContract;
  fn: string;
  args?: readonly unknown[];
}

/**
 * Reads many views in one `eth_call` through the test-only ReadBatch contract (each call to the
 * in-process node costs about a millisecond whatever it reads). Answers come back decoded, in
 * order; a call that reverts makes the whole read revert with its error.
 */
export async function readerFor(): Promise<(reads: readonly Read[]) => Promise<Result[]>> {
  const batch = (await (await ethers.getContractFactory("ReadBatch")).deploy()) as unknown as ReadBatch;
  return async (reads) => {
    if (reads.length === 0) return [];
    const targets = await Promise.all(reads.map((r) => r.contract.getAddress()));
    const data = reads.map((r) => r.contract.interface.encodeFunctionData(r.fn, r.args ?? []));
    const answers = await batch.read(targets, data);
    return answers.map((answer, i) => reads[i]!.contract.interface.decodeFunctionResult(reads[i]!.fn, answer));
  };
}
