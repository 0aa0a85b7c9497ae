/**
 * The CreateX factory, through which Ignition's `create2` strategy deploys. On public chains it
 * sits at one address, put there by a keyless deployment: a transaction signed once, without a
 * chain id, from an account nobody holds the key of, which anyone may broadcast on any chain.
 * Local nodes that stand in for public chains get it the same way: fund that account, broadcast
 * the same signed transaction. The transaction and the address come from Ignition's own copy.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { keccak256 } from "viem";

export const CREATEX_ADDRESS = "0xba5Ed099633D3B313e4D5F7bdc1305d3c28ba5Ed";
/** keccak-256 of CreateX's runtime code, as Ignition checks it. */
export const CREATEX_CODE_HASH = "0xbd8a7ea8cfca7b4e5f5041d7d4b17bc317c5ce42cfbc42066a00cf26b43eb53f";
/** The keyless deployment's sender. */
const PRESIGNED_SENDER = "0xeD456e05CaAb11d66C4c797dD6c1D6f9A7F352b5";

function presignedTransaction(): `0x${string}` {
  const require = createRequire(__filename);
  const core = path.dirname(require.resolve("@nomicfoundation/ignition-core"));
  const artifact = require(path.join(core, "internal", "execution", "strategy", "createx-artifact.js")) as {
    presignedTx: `0x${string}`;
  };
  return artifact.presignedTx;
}

interface Rpc {
  send(method: string, params?: unknown[]): Promise<unknown>;
}

/** Whether CreateX (the genuine code) is on the chain; throws if something else sits at its address. */
export async function hasCreateX(rpc: Rpc): Promise<boolean> {
  const code = (await rpc.send("eth_getCode", [CREATEX_ADDRESS, "latest"])) as `0x${string}`;
  if (code === "0x") return false;
  if (keccak256(code) !== CREATEX_CODE_HASH) throw new Error(`the code at ${CREATEX_ADDRESS} is not CreateX's`);
  return true;
}

/**
 * Installs CreateX on a local Hardhat node (its `hardhat_setBalance` funds the keyless sender),
 * exactly as it was installed on public chains. Does nothing if it is already there.
 */
export async function installCreateX(rpc: Rpc): Promise<void> {
  if (await hasCreateX(rpc)) return;
  await rpc.send("hardhat_setBalance", [PRESIGNED_SENDER, "0x58d15e176280000"]); // 0.4 ETH
  const hash = (await rpc.send("eth_sendRawTransaction", [presignedTransaction()])) as string;
  const receipt = (await rpc.send("eth_getTransactionReceipt", [hash])) as { contractAddress?: string } | null;
  if (receipt?.contractAddress?.toLowerCase() !== CREATEX_ADDRESS.toLowerCase()) {
    throw new Error(`CreateX's keyless deployment did not land at ${CREATEX_ADDRESS}`);
  }
  if (!(await hasCreateX(rpc))) throw new Error("CreateX's code is missing after its deployment");
}
