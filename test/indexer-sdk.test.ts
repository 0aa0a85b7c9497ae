/** The SDK's reading of the index: status at the time of the question, history lines, JSON. */
import { expect } from "chai";

import {
  CredentialStatus,
  historyFromIndex,
  indexedStatus,
  reviveIndexJson,
  type IndexedEvent,
} from "@onchaincert/sdk";

const facts = { revocationReason: 0, renouncedAt: null, movedTo: null, componentsAway: false, validUntil: 1000n };

describe("SDK: the index", function () {
  it("works status out at the time asked, in the registry's order, expiring strictly after validUntil", function () {
    expect(indexedStatus(facts, 999n)).to.equal(CredentialStatus.Valid);
    expect(indexedStatus(facts, 1000n)).to.equal(CredentialStatus.Valid);
    expect(indexedStatus(facts, 1001n)).to.equal(CredentialStatus.Expired);
    expect(indexedStatus({ ...facts, validUntil: 0n }, 10n ** 12n)).to.equal(CredentialStatus.Valid);
    expect(indexedStatus({ ...facts, componentsAway: true }, 1001n)).to.equal(CredentialStatus.Moved);
    expect(indexedStatus({ ...facts, movedTo: 9n, renouncedAt: 5n }, 1n)).to.equal(CredentialStatus.Renounced);
    // Revoked wins over everything a holder can do.
    expect(indexedStatus({ ...facts, revocationReason: 254, renouncedAt: 5n, movedTo: 9n }, 1n)).to.equal(
      CredentialStatus.Revoked,
    );
  });

  it("reads the API's JSON: ids and times as bigints, addresses checksummed, notes as written", function () {
    const parsed = JSON.parse(
      '{"tokenId":"12","holder":"0x15d34aaf54267db7d7c367839aaf71a00a2c6a65","note":"0x15d34aaf54267db7d7c367839aaf71a00a2c6a65","components":["1","2"],"next":null,"typeName":"123"}',
      reviveIndexJson,
    );
    expect(parsed).to.deep.equal({
      tokenId: 12n,
      holder: "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
      note: "0x15d34aaf54267db7d7c367839aaf71a00a2c6a65",
      components: [1n, 2n],
      next: null,
      typeName: "123",
    });
  });

  it("turns the index's lines into the history a credential page shows", function () {
    const at = {
      issuerId: 1n,
      blockNumber: 5n,
      timestamp: 100n,
      transactionHash: "0x01" as const,
      reason: null,
      note: null,
      validUntil: null,
      readyAt: null,
      relatedId: null,
    };
    const holder = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65" as const;
    const lines: IndexedEvent[] = [
      { ...at, id: "issued-7", tokenId: 7n, kind: "issued", actor: holder, holder, via: "batch" },
      { ...at, id: "b", tokenId: 7n, kind: "moveProposed", actor: holder, note: holder.toLowerCase(), readyAt: 200n },
      { ...at, id: "c", tokenId: 7n, kind: "moved", actor: holder, relatedId: 8n },
    ];
    expect(historyFromIndex(lines).map((e) => e.kind)).to.deep.equal(["issued", "move-proposed", "moved-out"]);
    expect(historyFromIndex(lines)[0]).to.include({ via: "batch", holder, timestamp: 100 });
    expect(historyFromIndex(lines)[1]).to.include({ newHolder: holder, readyAt: 200n });
    expect(historyFromIndex(lines)[2]).to.include({ newTokenId: 8n });
  });
});
