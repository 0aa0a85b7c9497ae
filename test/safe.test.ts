import { expect } from "chai";
import { encodeFunctionData, keccak256, toHex } from "viem";

import { credentialRegistryAbi, safeBatchChecksum, safeBatchFile } from "@onchaincert/sdk";
import { transactionBuilderChecksum } from "../packages/sdk/src/safe";

const SAFE = "0xdf8a1ce35c9a6ace153b4e0767942f1e2291a1aa";
const REGISTRY = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";

describe("Safe Transaction Builder files", function () {
  it("computes the builder's checksum: its own published test vector", function () {
    // safe-global/safe-react-apps, apps/tx-builder/src/lib/checksum.test.js ("Add checksum to BatchFile").
    const address = "0x49d4450977E2c95362C13D3a31a09311E0Ea26A6";
    const vector = {
      version: "1.0",
      chainId: "4",
      createdAt: 1646321521061,
      meta: {
        name: "test batch file",
        txBuilderVersion: "1.4.0",
        checksum: "",
        createdFromSafeAddress: "0xDF8a1Ce35c9a6ACE153B4e0767942f1E2291a1Aa",
        createdFromOwnerAddress: address,
      },
      transactions: [
        {
          to: address,
          value: "0",
          contractMethod: {
            inputs: [{ internalType: "address", name: "paramAddress", type: "address" }],
            name: "testAddress",
            payable: false,
          },
          contractInputsValues: { paramAddress: address },
        },
        {
          to: address,
          value: "0",
          contractMethod: {
            inputs: [{ internalType: "bool", name: "paramBool", type: "bool" }],
            name: "testBool",
            payable: false,
          },
          contractInputsValues: { paramAddress: "", paramBool: "false" },
        },
        {
          to: address,
          value: "2000000000000000000",
          data: "0x42f4579000000000000000000000000049d4450977e2c95362c13d3a31a09311e0ea26a6",
        },
      ],
    };
    expect(transactionBuilderChecksum(vector)).to.equal(
      "0x4ecbfd364aa6759983915644e73f8bd411e85a2dc306f252a387c2728c4db64c",
    );
    // Key order does not matter; transaction order does.
    const reordered = {
      transactions: vector.transactions,
      meta: vector.meta,
      createdAt: 1646321521061,
      chainId: "4",
      version: "1.0",
    };
    expect(transactionBuilderChecksum(reordered)).to.equal(transactionBuilderChecksum(vector));
    const swapped = { ...vector, transactions: [...vector.transactions].reverse() };
    expect(transactionBuilderChecksum(swapped)).to.not.equal(transactionBuilderChecksum(vector));
  });

  it("writes a batch the builder accepts on import: checksummed addresses, wei as text, the checksum it recomputes", function () {
    const role = keccak256(toHex("MINTER_ROLE"));
    const data = encodeFunctionData({
      abi: credentialRegistryAbi,
      functionName: "grantRole",
      args: [role, "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0"],
    });
    const file = safeBatchFile({
      chainId: 84532,
      safe: SAFE,
      name: "OnChainCert: let claim links mint",
      description: "grantRole(MINTER_ROLE, CredentialClaims)",
      transactions: [{ to: REGISTRY, data }],
      createdAt: 1_800_000_000_000,
    });
    expect(file.version).to.equal("1.0");
    expect(file.chainId).to.equal("84532");
    expect(file.meta.createdFromSafeAddress).to.equal("0xDF8a1Ce35c9a6ACE153B4e0767942f1E2291a1Aa");
    expect(file.transactions).to.deep.equal([
      { to: REGISTRY, value: "0", data, contractMethod: null, contractInputsValues: null },
    ]);
    // What the builder does on import: parse, drop meta.checksum, hash, compare.
    const imported = JSON.parse(JSON.stringify(file));
    const claimed = imported.meta.checksum;
    delete imported.meta.checksum;
    expect(transactionBuilderChecksum(imported)).to.equal(claimed);
    expect(safeBatchChecksum(file)).to.equal(claimed);
    // Any edit to a transaction shows.
    const edited = JSON.parse(JSON.stringify(file));
    edited.transactions[0].to = SAFE;
    expect(safeBatchChecksum(edited)).to.not.equal(claimed);
  });

  it("refuses an empty batch and a malformed address", function () {
    const base = { chainId: 1, safe: SAFE, name: "n", description: "", createdAt: 0 } as const;
    expect(() => safeBatchFile({ ...base, transactions: [] })).to.throw("at least one transaction");
    expect(() => safeBatchFile({ ...base, transactions: [{ to: "0x1234" as `0x${string}`, data: "0x" }] })).to.throw(
      /Address "0x1234" is invalid/,
    );
  });
});
