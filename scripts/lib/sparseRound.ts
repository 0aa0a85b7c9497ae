/**
 * Claim rounds for the gas scripts (`pnpm bench`, `pnpm bench:trace`): the tree and proofs of a
 * full round, with keys made only for the links a script claims.
 */
import { ethers } from "ethers";

import { LinkTree, keyAddress, linkKey, linkLeaf, type ClaimLink } from "@onchaincert/sdk";

const NONE = ethers.ZeroHash;

/**
 * A round of `size` links where only `real` are links (their keys from `seed`), the other leaves
 * random: the tree, its proofs and the gas are those of a full round, without making every key.
 */
export function sparseRound(size: number, real: number[], evidenceAt: number[]) {
  // Fixed bytes, not random ones: calldata gas depends on the bytes, and `pnpm test` checks that
  // this benchmark gives exactly bench/results/gas.json.
  const seed = ethers.getBytes(ethers.id(`bench round of ${size}`));
  const leaves = new Uint8Array(size * 32);
  for (let i = 0, x = size | 1; i < leaves.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    leaves[i] = x & 255;
  }
  const terms = (i: number) => ({
    validUntil: 0n,
    evidenceHash: (evidenceAt.includes(i) ? ethers.id(`evidence ${i}`) : NONE) as `0x${string}`,
  });
  for (const i of real) leaves.set(linkLeaf(i, keyAddress(linkKey(seed, i)), terms(i)), i * 32);
  const tree = new LinkTree(leaves);
  const link = (roundId: bigint, i: number): ClaimLink => ({
    chainId: 31337,
    roundId,
    index: i,
    key: ethers.hexlify(linkKey(seed, i)) as `0x${string}`,
    ...terms(i),
    proof: tree.proof(i).map((p) => ethers.hexlify(p) as `0x${string}`),
  });
  return { root: tree.root, link };
}
