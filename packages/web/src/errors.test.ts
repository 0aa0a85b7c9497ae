/**
 * The error decoder (packages/sdk's describeError, through the app's readProblem): every custom
 * error the registry can raise becomes a sentence, whichever way the provider delivered it.
 */
import { describe, expect, it } from "vitest";
import {
  BaseError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  HttpRequestError,
  RawContractError,
  UserRejectedRequestError,
  encodeErrorResult,
  type AbiParameter,
} from "viem";
import { ERROR_MESSAGES, claimsCallAbi, credentialRegistryAbi, describeError, isRejection } from "@onchaincert/sdk";

import { readProblem } from "./format";

const REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

function sample(param: AbiParameter): unknown {
  if (param.type === "address") return "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";
  if (param.type === "string") return "name";
  if (param.type === "bool") return true;
  if (param.type.startsWith("bytes")) return `0x${"ab".repeat(32)}`;
  return 7n;
}

/** A revert as viem reports one from a simulation (the JSON-RPC way). */
function viemRevert(data: `0x${string}`) {
  const cause = new ContractFunctionRevertedError({ abi: claimsCallAbi, data, functionName: "issue" });
  return new ContractFunctionExecutionError(cause, {
    abi: credentialRegistryAbi,
    functionName: "issue",
    args: [1n, REGISTRY, 0n, `0x${"00".repeat(32)}`],
    contractAddress: REGISTRY,
  });
}

// The registry's errors and the claim-link contract's (a claim can carry either up).
type AbiError = Extract<(typeof claimsCallAbi)[number], { type: "error" }>;
const errors = claimsCallAbi.filter(
  (item, i, all): item is AbiError =>
    item.type === "error" && all.findIndex((other) => other.type === "error" && other.name === item.name) === i,
);

describe("the error decoder", () => {
  it("finds a wallet's refusal however deep it is wrapped, and returns on a cause chain that loops", () => {
    const refused = new Error("outer", {
      cause: new Error("inner", { cause: Object.assign(new Error("x"), { code: 4001 }) }),
    });
    expect(isRejection(refused)).toBe(true);
    const looped = new Error("a");
    (looped as { cause?: unknown }).cause = new Error("b", { cause: looped });
    expect(isRejection(looped)).toBe(false);
    expect(isRejection("not an error")).toBe(false);
  });

  it("has a sentence for every custom error in the registry's and the claim-link contract's ABIs", () => {
    const missing = errors.map((e) => e.name).filter((name) => !(name in ERROR_MESSAGES));
    expect(missing).toEqual([]);
  });

  it.each(errors.map((e) => [e.name, e] as const))("turns %s into a sentence, however it arrives", (name, error) => {
    const data = encodeErrorResult({
      abi: errors,
      errorName: name,
      args: error.inputs.map(sample),
    } as Parameters<typeof encodeErrorResult>[0]);
    const fromViem = describeError(viemRevert(data));
    // Some providers (Hardhat in-process, some wallets) hand the bytes over in other shapes.
    const fromRaw = describeError(new BaseError("execution reverted", { cause: new RawContractError({ data }) }));
    const fromWalletData = describeError(Object.assign(new Error("Internal JSON-RPC error."), { data: { data } }));
    for (const sentence of [fromViem, fromRaw, fromWalletData]) {
      expect(sentence).toBe(ERROR_MESSAGES[name]!(error.inputs.map(sample) as never));
      expect(sentence).toMatch(/^[A-Z0-9“"].*[.)]$/s);
      expect(sentence).not.toMatch(/0x[0-9a-f]{16,}|reverted with|Contract Call|Docs:|Version:/);
    }
  });

  it("reads the decoded arguments into the sentence", () => {
    const data = encodeErrorResult({
      abi: credentialRegistryAbi,
      errorName: "CredentialAlreadyHeld",
      args: ["0x000000000000000000000000000000000000bEEF", 7n, 30n],
    });
    expect(describeError(viemRevert(data))).toBe(
      "0x0000…bEEF already holds credential #30 of type #7 (valid, or expired: renew that one instead).",
    );
  });

  it("says a rejected signature plainly, and never dumps a stack", () => {
    expect(describeError(new UserRejectedRequestError(new Error("User denied transaction signature.")))).toBe(
      "You rejected the request in your wallet.",
    );
    expect(describeError(new Error("first line\n    at somewhere (file.js:1:1)"))).toBe("first line");
  });

  it("says when the RPC cannot be reached, naming it", () => {
    const down = new BaseError("HTTP request failed.", {
      cause: new HttpRequestError({ url: "http://127.0.0.1:9", body: {}, details: "fetch failed" }),
    });
    expect(readProblem(down, "http://127.0.0.1:9")).toBe(
      "Could not reach the chain's RPC at http://127.0.0.1:9. Check that the node is running, or try again later.",
    );
  });
});
