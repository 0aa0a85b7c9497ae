import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useConfig } from "wagmi";
import { simulateContract, waitForTransactionReceipt, writeContract } from "wagmi/actions";
import type { Abi, ContractFunctionArgs, ContractFunctionName, Hash, TransactionReceipt } from "viem";
import { describeError } from "@onchaincert/sdk";

export type WriteState =
  | { phase: "idle" }
  | { phase: "checking"; label: string }
  | { phase: "pending"; label: string; hash: Hash }
  | { phase: "confirmed"; label: string; hash: Hash }
  | { phase: "failed"; label: string; message: string; hash?: Hash };

type Request<abi extends Abi, name extends ContractFunctionName<abi, "nonpayable">> = {
  address: `0x${string}`;
  abi: abi;
  functionName: name;
  args: ContractFunctionArgs<abi, "nonpayable", name>;
  chainId: number;
};

/**
 * The one way the app sends a transaction: simulate first (a revert becomes a sentence before
 * the wallet opens), send, wait for the receipt, then refresh every read. Resolves to the
 * receipt when the transaction succeeded, undefined otherwise (the state says why).
 */
export function useWrite() {
  const config = useConfig();
  const queryClient = useQueryClient();
  const [state, setState] = useState<WriteState>({ phase: "idle" });

  async function send<const abi extends Abi, name extends ContractFunctionName<abi, "nonpayable">>(
    label: string,
    request: Request<abi, name>,
    /** Hears the hash once the wallet sent it: known even when the receipt never comes. */
    onSent?: (hash: Hash) => void,
  ): Promise<TransactionReceipt | undefined> {
    setState({ phase: "checking", label });
    let hash: Hash | undefined;
    try {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const { request: checked } = await simulateContract(config, request as any);
      hash = await writeContract(config, checked);
      onSent?.(hash);
      setState({ phase: "pending", label, hash });
      const receipt = await waitForTransactionReceipt(config, { hash, chainId: request.chainId });
      if (receipt.status !== "success") throw new Error("The transaction was reverted.");
      setState({ phase: "confirmed", label, hash });
      await queryClient.invalidateQueries();
      return receipt;
    } catch (error) {
      setState({ phase: "failed", label, message: describeError(error), hash });
      return undefined;
    }
  }

  return { state, send, reset: () => setState({ phase: "idle" }) };
}
