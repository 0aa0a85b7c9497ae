import { useState } from "react";
import { useConfig } from "wagmi";
import { simulateContract } from "wagmi/actions";
import { encodeFunctionData, type Abi, type Address, type ContractFunctionArgs, type ContractFunctionName } from "viem";
import { describeError, safeBatchFile } from "@onchaincert/sdk";

import { downloadFile } from "./bulk/download";

export type BatchState =
  | { phase: "idle" }
  | { phase: "checking"; label: string }
  | { phase: "saved"; label: string; file: string }
  | { phase: "failed"; label: string; message: string };

type Request<abi extends Abi, name extends ContractFunctionName<abi, "nonpayable">> = {
  address: Address;
  abi: abi;
  functionName: name;
  args: ContractFunctionArgs<abi, "nonpayable", name>;
  chainId: number;
};

const slug = (label: string) =>
  label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 48);

/**
 * When the admin is a contract account (a Safe), an action is not sent from the connected wallet:
 * it is checked as if the admin sent it (a revert becomes a sentence, as with `useWrite`), then
 * saved as a Safe Transaction Builder file for the owners to load, sign and execute.
 */
export function useSafeBatch(safe: Address | undefined) {
  const config = useConfig();
  const [state, setState] = useState<BatchState>({ phase: "idle" });

  async function save<const abi extends Abi, name extends ContractFunctionName<abi, "nonpayable">>(
    label: string,
    request: Request<abi, name>,
  ): Promise<boolean> {
    if (!safe) return false;
    setState({ phase: "checking", label });
    try {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      await simulateContract(config, { ...request, account: safe } as any);
      const data = encodeFunctionData(request as Parameters<typeof encodeFunctionData>[0]);
      const batch = safeBatchFile({
        chainId: request.chainId,
        safe,
        name: `OnChainCert: ${label}`,
        description: `${label}: ${String(request.functionName)} on the OnChainCert registry ${request.address}.`,
        transactions: [{ to: request.address, data }],
        createdAt: Date.now(),
      });
      const file = `onchaincert-${slug(label)}-chain-${request.chainId}.safe.json`;
      downloadFile(file, JSON.stringify(batch, null, 2) + "\n", "application/json");
      setState({ phase: "saved", label, file });
      return true;
    } catch (error) {
      setState({ phase: "failed", label, message: describeError(error) });
      return false;
    }
  }

  return { state, save };
}

export function SafeBatchNotice({ state }: { state: BatchState }) {
  if (state.phase === "idle") return null;
  const failed = state.phase === "failed";
  return (
    <div className={`notice tx ${failed ? "notice-error" : ""}`} role={failed ? "alert" : "status"} aria-live="polite">
      <strong>
        {state.phase === "checking" && `${state.label}: checking as the admin would send it…`}
        {state.phase === "saved" && `${state.label}: saved ${state.file} for the Safe.`}
        {failed && `${state.label} would fail.`}
      </strong>
      {state.phase === "saved" && (
        <div>
          In the Safe app, open Apps → Transaction Builder and drop the file in; the owners check the transaction, sign
          and execute it. Nothing was sent from this browser.
        </div>
      )}
      {failed && <div>{state.message}</div>}
    </div>
  );
}
