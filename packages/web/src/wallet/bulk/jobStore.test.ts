import { describe, expect, it } from "vitest";
import type { JobState } from "@onchaincert/sdk";

import { browserStore, jobSummary, savedJobs } from "./jobStore";

const state = (rows: number[]): JobState =>
  ({
    key: { chainId: 31337, registry: "0xAb", typeId: "7", fileHash: "0x01", issuer: "0xCd" },
    startedAt: "2026-11-28T12:00:00.000Z",
    chunks: [{ rows, status: "confirmed", hash: "0x02", firstTokenId: "10" }],
  }) as unknown as JobState;

describe("saved bulk jobs", () => {
  it("reads 'complete' once every row is issued, invalid or held by someone else, and 'n of m' before", () => {
    expect(jobSummary({ rows: 7, issued: 4, counts: { invalid: 3, heldElsewhere: 0 } })).toBe(
      "complete: 4 issued, 3 invalid",
    );
    expect(jobSummary({ rows: 9, issued: 4, counts: { invalid: 3, heldElsewhere: 2 } })).toBe(
      "complete: 4 issued, 3 invalid, 2 already held",
    );
    expect(jobSummary({ rows: 7, issued: 2, counts: { invalid: 3, heldElsewhere: 0 } })).toBe("2 of 7 rows issued");
    // Saved before counts were kept.
    expect(jobSummary({ rows: 1_000, issued: 1_000 })).toBe("1,000 of 1,000 rows issued");
  });

  it("keeps the counts saved earlier when a store made while checking saves the job", async () => {
    const id = "occ-bulk:31337:0xab:7:0x01";
    await browserStore(id, "a.csv", 7, { invalid: 3, heldElsewhere: 0 }, localStorage).save(state([2, 3]));
    await browserStore(id, "a.csv", 7, undefined, localStorage).save(state([2, 3, 4, 5]));
    const [job] = savedJobs(31337, "0xAb", localStorage);
    expect(job).toMatchObject({ fileName: "a.csv", rows: 7, issued: 4, counts: { invalid: 3, heldElsewhere: 0 } });
    expect(jobSummary(job!)).toBe("complete: 4 issued, 3 invalid");
    localStorage.clear();
  });
});
