/**
 * A team's skills: a named list of people (kept by the employer, never on-chain), their
 * credentials as a matrix of people × credential types, and how their valid credentials and
 * professional-development credits grew over time.
 */
import type { Address } from "viem";

import type { Credential } from "./credentials";
import { carriesCredits, expiresSoon } from "./credits";
import { parseCandidateList, standsAt, type CredentialPast } from "./requirement";
import { CredentialStatus } from "./status";
import { toCsv } from "./bulk/csv";

export interface TeamMember {
  label: string;
  address: Address;
}

export interface Team {
  name: string;
  members: TeamMember[];
}

/** People in one team, at most. */
export const MAX_TEAM = 500;

/** What a matrix cell says: the best standing of a person's credentials of a type. */
export type SkillCell = "valid" | "expiring" | "expired" | "revoked";

const RANK: Record<SkillCell, number> = { valid: 0, expiring: 1, expired: 2, revoked: 3 };

export interface SkillColumn {
  typeId: bigint;
  typeName: string;
  /** The issuer the first credential of the type seen names (a type that changed hands names each era's). */
  issuerId: bigint;
  issuerName: string;
}

export interface SkillMatrix {
  /** Every type anyone in the team holds, by issuer and name. */
  columns: SkillColumn[];
  /** rows[i].get(typeId): member i's best credential of the type, and what it says. */
  rows: Map<bigint, { cell: SkillCell; credential: Credential }>[];
}

/** The matrix of `credentials[i]` (member i's, as the lens lists them) at `now` (Unix seconds). */
export function skillMatrix(credentials: readonly (readonly Credential[])[], now: number, soonDays = 90): SkillMatrix {
  const columns = new Map<bigint, SkillColumn>();
  const rows = credentials.map((held) => {
    const row = new Map<bigint, { cell: SkillCell; credential: Credential }>();
    for (const c of held) {
      const cell: SkillCell =
        c.status === CredentialStatus.Valid
          ? expiresSoon(c, now, soonDays)
            ? "expiring"
            : "valid"
          : c.status === CredentialStatus.Expired
            ? "expired"
            : "revoked";
      if (!columns.has(c.typeId))
        columns.set(c.typeId, {
          typeId: c.typeId,
          typeName: c.typeName,
          issuerId: c.issuerId,
          issuerName: c.issuerName,
        });
      const best = row.get(c.typeId);
      if (!best || RANK[cell] < RANK[best.cell]) row.set(c.typeId, { cell, credential: c });
    }
    return row;
  });
  const sorted = [...columns.values()].sort(
    (a, b) =>
      a.issuerName.localeCompare(b.issuerName) || a.typeName.localeCompare(b.typeName) || Number(a.typeId - b.typeId),
  );
  return { columns: sorted, rows };
}

export interface TimelinePoint {
  /** Unix seconds: the end of a month (UTC), the last point `now`. */
  at: number;
  /** Valid credentials of each member at that moment, in member order. */
  valid: number[];
  /** Credits (hundredths) each member had earned by then (the "Staying current" rule). */
  credits: number[];
}

/** The end of the month `back` months before `now`'s month, in Unix seconds (0: `now` itself). */
function monthEnd(now: number, back: number): number {
  if (back === 0) return now;
  const d = new Date(now * 1000);
  return Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back + 1, 1) / 1000) - 1;
}

/**
 * Valid credentials and credits earned, per member, at the end of each of the last `months`
 * months and at `now`. A credential counts as valid while it stood (standsAt); credits count from
 * the moment earned unless the credential was revoked (they never counted), as the credits panel.
 * `pasts` (from `readCredentialPasts`) gives the renewals and moves the records no longer show: a
 * credential that lapsed and was renewed is not valid in the gap, and one moved from a lost wallet
 * counts from its arrival.
 */
export function teamTimeline(
  credentials: readonly (readonly Credential[])[],
  now: number,
  months = 24,
  pasts?: ReadonlyMap<bigint, CredentialPast>,
): TimelinePoint[] {
  const points: TimelinePoint[] = [];
  for (let back = months; back >= 0; back--) {
    const at = monthEnd(now, back);
    points.push({
      at,
      valid: credentials.map((held) => held.filter((c) => standsAt(c, at, pasts?.get(c.tokenId))).length),
      credits: credentials.map((held) =>
        held
          .filter((c) => carriesCredits(c) && c.status !== CredentialStatus.Revoked && Number(c.issuedAt) <= at)
          .reduce((sum, c) => sum + c.credits, 0),
      ),
    });
  }
  return points;
}

/** The team as a CSV (label, address), for the employer's records or another browser. */
export function teamCsv(team: Team): string {
  return toCsv(
    ["name", "address"],
    team.members.map((m) => [m.label, m.address]),
  );
}

/**
 * Reads a team from a CSV: the address column found as for a candidate list, the label from a
 * column named name, label or person (else the address). Bad rows come back with why.
 */
export function parseTeamCsv(input: string | Uint8Array): {
  members: TeamMember[];
  problems: string[];
  error?: string;
} {
  const list = parseCandidateList(input);
  if (list.error !== undefined) return { members: [], problems: [], error: list.error };
  const labelColumn = list.header.findIndex((h) =>
    ["name", "label", "person", "employee"].includes(h.trim().toLowerCase()),
  );
  const members: TeamMember[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const r of list.rows) {
    if (r.error || !r.address) {
      problems.push(`Row ${r.row}: ${r.error}`);
      continue;
    }
    if (seen.has(r.address)) {
      problems.push(`Row ${r.row}: ${r.address} is in the team already.`);
      continue;
    }
    seen.add(r.address);
    const label = labelColumn >= 0 ? (r.cells?.[labelColumn] ?? "").trim().slice(0, 80) : "";
    members.push({ label: label || r.address, address: r.address });
  }
  if (members.length > MAX_TEAM) return { members: [], problems, error: `A team has at most ${MAX_TEAM} people.` };
  return { members, problems };
}
