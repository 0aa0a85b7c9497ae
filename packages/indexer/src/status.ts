/**
 * Status filters in SQL, worked out at the time of the question. The same rule as the SDK's
 * `indexedStatus` (which labels each row returned), in the registry's order: Revoked, Renounced,
 * Moved, Expired (strictly after its expiry), Valid.
 */
import { and, eq, gte, isNotNull, isNull, lt, ne, not, or } from "ponder";
import { credential } from "ponder:schema";

import type { IndexedStatusName } from "@onchaincert/sdk";

/** A drizzle condition (drizzle-orm reaches us through Ponder, which exports no type for it). */
export type SQL = ReturnType<typeof eq>;

const notRevoked = eq(credential.revocationReason, 0);
const notRenounced = isNull(credential.renouncedAt);
const notMoved = and(isNull(credential.movedTo), not(credential.componentsAway))!;

/** Rows whose status at Unix time `at` is `status`. */
export function statusIs(status: IndexedStatusName, at: bigint): SQL {
  switch (status) {
    case "revoked":
      return ne(credential.revocationReason, 0);
    case "renounced":
      return and(notRevoked, isNotNull(credential.renouncedAt))!;
    case "moved":
      return and(notRevoked, notRenounced, or(isNotNull(credential.movedTo), credential.componentsAway))!;
    case "expired":
      return and(notRevoked, notRenounced, notMoved, ne(credential.validUntil, 0n), lt(credential.validUntil, at))!;
    case "valid":
      return and(
        notRevoked,
        notRenounced,
        notMoved,
        or(eq(credential.validUntil, 0n), gte(credential.validUntil, at)),
      )!;
  }
}
