/**
 * A holder's first cards, asked for before the app's scripts have loaded. index.html carries a
 * small script (firstPageScript.ts, written in at build time by vite.config.ts) that, on
 * `/verify/<address>`, sends the lens call for the first page at once: the answer arrives while the
 * scripts load instead of after. The app takes it here, once, and decodes it with the SDK.
 */
import type { Address, Hex } from "viem";
import { decodeCredentialsPage, type Credential } from "@onchaincert/sdk";

import { FIRST_PAGE_GLOBAL } from "./firstPageScript";

interface EarlyRead {
  chainId: number;
  lens: string;
  holder: string;
  /** When the script asked (Date.now()). */
  at: number;
  answer: Promise<{ result?: Hex } | undefined>;
}

/** An answer older than this is not shown, even as a first look: the app reads afresh. */
const FRESH_MS = 30_000;

/**
 * The first page the early script asked for, if it asked for this chain, lens and holder (and
 * answered without error, less than 30 s ago); undefined otherwise. Taken once, whatever it was
 * for: a later visit reads afresh.
 */
export async function takeFirstPage(
  chainId: number,
  lens: Address,
  holder: Address,
): Promise<readonly Credential[] | undefined> {
  const store = window as unknown as Record<string, EarlyRead | undefined>;
  const early = store[FIRST_PAGE_GLOBAL];
  store[FIRST_PAGE_GLOBAL] = undefined;
  if (
    !early ||
    early.chainId !== chainId ||
    early.lens.toLowerCase() !== lens.toLowerCase() ||
    early.holder.toLowerCase() !== holder.toLowerCase() ||
    !(Date.now() - early.at < FRESH_MS)
  ) {
    return undefined;
  }
  const answer = await early.answer;
  if (typeof answer?.result !== "string") return undefined;
  try {
    return decodeCredentialsPage(answer.result).credentials;
  } catch {
    return undefined;
  }
}
