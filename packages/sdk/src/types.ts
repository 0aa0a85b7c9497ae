/**
 * Checking a credential type before it is created: the same rules the registry enforces in
 * `createCredentialType`, as sentences per field, so a form can show them while a person types
 * and nothing is sent that the contract would refuse. The test suite checks these limits against
 * the deployed contract.
 */
import type { CredentialTypeInfo } from "./credentials";
import { nameProblem } from "./names";
import { CredentialKind } from "./status";

/** Limits of the registry, in UTF-8 bytes for strings (what Solidity's `bytes(s).length` counts). */
export const LIMITS = {
  name: 96,
  description: 1000,
  url: 256,
  revocationNote: 280,
  issuerName: 96,
  stackComponents: 16,
  batchSize: 320,
  /** Credits are stored in hundredths as uint32. */
  credits: 4_294_967_295,
  /** Dates are stored in seconds as uint32: nothing can expire after 2106-02-07 06:28:15 UTC. */
  latestDate: 4_294_967_295,
} as const;

/** The longest default validity a type created now may have: issued now, it must expire by 2106. */
export function maxValiditySeconds(nowSeconds = Math.floor(Date.now() / 1000)): number {
  return LIMITS.latestDate - nowSeconds;
}

const DAY = 86_400;

export function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** What a person fills in: text as typed. Credits in units ("1.5"), validity in days ("" = never expires). */
export interface CredentialTypeDraft {
  name: string;
  description: string;
  kind: CredentialKind;
  credits: string;
  validityDays: string;
  criteriaURL: string;
  imageURL: string;
  /** Component type ids, for a stack; empty for an ordinary type. */
  components: readonly bigint[];
  /** N of the N-of-M rule, as typed; ignored when there are no components. */
  requiredComponents: string;
}

/** The argument of `createCredentialType`. */
export interface CredentialTypeInput {
  name: string;
  description: string;
  kind: number;
  credits: number;
  validityPeriod: number;
  criteriaURL: string;
  imageURL: string;
  components: readonly bigint[];
  requiredComponents: number;
}

export type DraftField = keyof CredentialTypeDraft;

export type DraftCheck =
  | { input: CredentialTypeInput; errors: Record<string, never> }
  | { input?: undefined; errors: Partial<Record<DraftField, string>> };

function lengthError(label: string, text: string, max: number, required = false): string | undefined {
  if (required && text.trim() === "") return `${label} is required.`;
  const bytes = byteLength(text);
  return bytes > max ? `${label} is ${bytes} bytes; at most ${max}.` : undefined;
}

function urlError(label: string, text: string): string | undefined {
  if (text === "") return undefined;
  if (!/^(https?|ipfs|ar):\/\/\S+$/.test(text))
    return `${label} should start with https://, ipfs:// or ar:// and contain no spaces.`;
  return lengthError(label, text, LIMITS.url);
}

/** "1.5" → 150 hundredths; undefined when it is not a number with at most two decimals. */
export function parseCredits(text: string): number | undefined {
  const value = text.trim();
  if (value === "") return 0;
  const match = /^(\d{1,8})(?:\.(\d{1,2}))?$/.exec(value);
  if (!match) return undefined;
  const hundredths = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return hundredths <= LIMITS.credits ? hundredths : undefined;
}

/**
 * Checks a draft against the registry's rules. `known` is every existing type (for stack
 * components: they must exist, must not be stacks themselves, and may not repeat).
 */
export function checkCredentialType(
  draft: CredentialTypeDraft,
  known: readonly CredentialTypeInfo[],
  nowSeconds = Math.floor(Date.now() / 1000),
): DraftCheck {
  const errors: Partial<Record<DraftField, string>> = {};
  const set = (field: DraftField, message: string | undefined) => {
    if (message && !errors[field]) errors[field] = message; // the first problem per field
  };

  set("name", lengthError("The name", draft.name, LIMITS.name, true));
  set("name", nameProblem(draft.name));
  set("description", lengthError("The description", draft.description, LIMITS.description));
  set("criteriaURL", urlError("The criteria URL", draft.criteriaURL));
  set("imageURL", urlError("The artwork URL", draft.imageURL));
  if (!(draft.kind in CredentialKind) || typeof draft.kind !== "number") set("kind", "Choose a kind.");

  const credits = parseCredits(draft.credits);
  if (credits === undefined) set("credits", "Credits should be a number with at most two decimals, such as 1.5.");

  let validityPeriod = 0;
  const days = draft.validityDays.trim();
  if (days !== "") {
    if (!/^\d{1,6}$/.test(days) || Number(days) === 0) {
      set("validityDays", "Validity should be a whole number of days, or empty for credentials that do not expire.");
    } else if (Number(days) * DAY > maxValiditySeconds(nowSeconds)) {
      set(
        "validityDays",
        `Validity can be at most ${Math.floor(maxValiditySeconds(nowSeconds) / DAY)} days: credentials issued now must expire by 2106.`,
      );
    } else {
      validityPeriod = Number(days) * DAY;
    }
  }

  const components = draft.components;
  let requiredComponents = 0;
  if (components.length > 0) {
    if (components.length > LIMITS.stackComponents) {
      set(
        "components",
        `A stack can have at most ${LIMITS.stackComponents} components; this one has ${components.length}.`,
      );
    }
    const byId = new Map(known.map((t) => [t.typeId, t]));
    const seen = new Set<bigint>();
    for (const id of components) {
      const type = byId.get(id);
      if (!type) set("components", `Type #${id} does not exist.`);
      else if (type.requiredComponents > 0)
        set("components", `Type #${id} (${type.name}) is itself a stack; stacks cannot contain stacks.`);
      else if (seen.has(id)) set("components", `Type #${id} is listed twice.`);
      seen.add(id);
    }
    const n = draft.requiredComponents.trim();
    if (!/^\d{1,2}$/.test(n) || Number(n) < 1 || Number(n) > components.length) {
      set("requiredComponents", `How many components are needed should be between 1 and ${components.length}.`);
    } else {
      requiredComponents = Number(n);
    }
  }

  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors: {},
    input: {
      name: draft.name,
      description: draft.description,
      kind: draft.kind,
      credits: credits!,
      validityPeriod,
      criteriaURL: draft.criteriaURL,
      imageURL: draft.imageURL,
      components: [...components],
      requiredComponents,
    },
  };
}
