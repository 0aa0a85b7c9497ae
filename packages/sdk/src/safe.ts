/**
 * Safe Transaction Builder batch files: when the registry's admin is a Safe (or any contract
 * account), an action is not sent from a wallet but handed to the Safe's owners as a file they
 * load in the Safe app (Apps → Transaction Builder → drag the file in), check, sign and execute.
 *
 * The format is the Transaction Builder's own (version "1.0"). Its checksum is keccak-256 of the
 * file serialised with sorted keys, `meta.name` set to null and `meta.checksum` left out; the
 * builder recomputes it on import and warns when it differs.
 */
import { getAddress, keccak256, stringToHex, type Address, type Hex } from "viem";

export interface SafeTransaction {
  to: Address;
  data: Hex;
  /** Wei, as a decimal string in the file; 0 unless given. */
  value?: bigint;
}

export interface SafeBatchFile {
  version: "1.0";
  chainId: string;
  createdAt: number;
  meta: {
    name: string;
    description: string;
    txBuilderVersion: string;
    createdFromSafeAddress: string;
    createdFromOwnerAddress: string;
    checksum?: string;
  };
  transactions: { to: string; value: string; data: string; contractMethod: null; contractInputsValues: null }[];
}

/** The Transaction Builder release whose file format this writes. */
const TX_BUILDER_VERSION = "1.18.0";

/** Sorted keys at every level, undefined as null: the builder's serialisation, character for character. */
function serialise(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(serialise).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const keys = Object.keys(value).sort();
    let out = `{${JSON.stringify(keys)}`;
    for (const key of keys) out += `${serialise((value as Record<string, unknown>)[key])},`;
    return `${out}}`;
  }
  return JSON.stringify(value === undefined ? null : value);
}

/** The builder's `calculateChecksum`, as it is: over whatever `meta` holds, with its name nulled. */
export function transactionBuilderChecksum(file: { meta: object }): Hex {
  return keccak256(stringToHex(serialise({ ...file, meta: { ...file.meta, name: null } })));
}

/** The checksum the Transaction Builder expects in `meta.checksum`: it drops that key, then hashes. */
export function safeBatchChecksum(file: SafeBatchFile): Hex {
  const { checksum: _ignored, ...meta } = file.meta;
  void _ignored;
  return transactionBuilderChecksum({ ...file, meta });
}

/**
 * One batch of transactions for `safe` on `chainId`, with its checksum. `createdAt` (ms) is
 * the caller's clock, so the same inputs give the same file.
 */
export function safeBatchFile(options: {
  chainId: number;
  safe: Address;
  name: string;
  description: string;
  transactions: readonly SafeTransaction[];
  createdAt: number;
}): SafeBatchFile {
  if (options.transactions.length === 0) throw new Error("a batch needs at least one transaction");
  const file: SafeBatchFile = {
    version: "1.0",
    chainId: String(options.chainId),
    createdAt: options.createdAt,
    meta: {
      name: options.name,
      description: options.description,
      txBuilderVersion: TX_BUILDER_VERSION,
      createdFromSafeAddress: getAddress(options.safe),
      createdFromOwnerAddress: "",
    },
    transactions: options.transactions.map((t) => ({
      to: getAddress(t.to),
      value: (t.value ?? 0n).toString(),
      data: t.data,
      contractMethod: null,
      contractInputsValues: null,
    })),
  };
  return { ...file, meta: { ...file.meta, checksum: safeBatchChecksum(file) } };
}
