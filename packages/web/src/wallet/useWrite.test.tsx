import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ReactNode } from "react";
import { act, renderHook } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import {
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  UserRejectedRequestError,
  encodeErrorResult,
} from "viem";
import { credentialRegistryAbi } from "@onchaincert/sdk";

const actions = vi.hoisted(() => ({
  simulateContract: vi.fn(),
  writeContract: vi.fn(),
  waitForTransactionReceipt: vi.fn(),
}));
vi.mock("wagmi/actions", () => actions);
vi.mock("wagmi", () => ({ useConfig: () => ({}) }));

import { useWrite } from "./useWrite";

const REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const HASH = `0x${"12".repeat(32)}` as const;
const request = {
  address: REGISTRY,
  abi: credentialRegistryAbi,
  functionName: "revoke",
  args: [5n, 3, "note"],
  chainId: 31337,
} as const;

function setup() {
  const queryClient = new QueryClient();
  const invalidate = vi.spyOn(queryClient, "invalidateQueries");
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  return { invalidate, ...renderHook(() => useWrite(), { wrapper }) };
}

beforeEach(() => vi.resetAllMocks());

describe("useWrite", () => {
  it("simulates, sends, waits, refreshes every read, and returns the receipt", async () => {
    actions.simulateContract.mockResolvedValue({ request: { checked: true } });
    actions.writeContract.mockResolvedValue(HASH);
    actions.waitForTransactionReceipt.mockResolvedValue({ status: "success", logs: [] });
    const { result, invalidate } = setup();
    let receipt: unknown;
    await act(async () => {
      receipt = await result.current.send("Revoke #5", request);
    });
    expect(actions.simulateContract).toHaveBeenCalledWith({}, request);
    expect(actions.writeContract).toHaveBeenCalledWith({}, { checked: true });
    expect(actions.waitForTransactionReceipt).toHaveBeenCalledWith({}, { hash: HASH, chainId: 31337 });
    expect(receipt).toEqual({ status: "success", logs: [] });
    expect(result.current.state).toEqual({ phase: "confirmed", label: "Revoke #5", hash: HASH });
    expect(invalidate).toHaveBeenCalledOnce();
  });

  it("stops at a refused simulation with the contract's reason, before the wallet opens", async () => {
    const data = encodeErrorResult({ abi: credentialRegistryAbi, errorName: "CredentialAlreadyRevoked", args: [5n] });
    const revert = new ContractFunctionRevertedError({ abi: credentialRegistryAbi, data, functionName: "revoke" });
    actions.simulateContract.mockRejectedValue(
      new ContractFunctionExecutionError(revert, {
        abi: credentialRegistryAbi,
        functionName: "revoke",
        args: [5n, 3, "note"],
        contractAddress: REGISTRY,
      }),
    );
    const { result, invalidate } = setup();
    let receipt: unknown = "unset";
    await act(async () => {
      receipt = await result.current.send("Revoke #5", request);
    });
    expect(receipt).toBeUndefined();
    expect(actions.writeContract).not.toHaveBeenCalled();
    expect(result.current.state).toEqual({
      phase: "failed",
      label: "Revoke #5",
      message: "Credential #5 is already revoked.",
      hash: undefined,
    });
    expect(invalidate).not.toHaveBeenCalled();
  });

  it("says so when the person rejects the signature", async () => {
    actions.simulateContract.mockResolvedValue({ request: {} });
    actions.writeContract.mockRejectedValue(new UserRejectedRequestError(new Error("User denied.")));
    const { result } = setup();
    await act(async () => {
      await result.current.send("Revoke #5", request);
    });
    expect(result.current.state).toMatchObject({
      phase: "failed",
      message: "You rejected the request in your wallet.",
    });
  });

  it("reports a transaction that was mined but reverted, with its hash", async () => {
    actions.simulateContract.mockResolvedValue({ request: {} });
    actions.writeContract.mockResolvedValue(HASH);
    actions.waitForTransactionReceipt.mockResolvedValue({ status: "reverted", logs: [] });
    const { result, invalidate } = setup();
    await act(async () => {
      await result.current.send("Revoke #5", request);
    });
    expect(result.current.state).toEqual({
      phase: "failed",
      label: "Revoke #5",
      message: "The transaction was reverted.",
      hash: HASH,
    });
    expect(invalidate).not.toHaveBeenCalled();
    act(() => result.current.reset());
    expect(result.current.state).toEqual({ phase: "idle" });
  });
});
