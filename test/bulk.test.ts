/**
 * The bulk-issuance engine (packages/sdk/src/bulk) against the contracts on the in-process chain:
 * hostile CSVs, row checks, on-chain checks, planning under the gas caps, sending, stopping and
 * resuming without issuing anything twice, and the results file.
 */
import { expect } from "chai";
import fc from "fast-check";
import Papa from "papaparse";
import hre from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import {
  createPublicClient,
  createWalletClient,
  custom,
  encodeFunctionData,
  getAddress,
  keccak256,
  serializeTransaction,
  toBytes,
  TransactionReceiptNotFoundError,
  type Address,
  type Hash,
  type Hex,
  type PublicClient,
} from "viem";
import { hardhat } from "viem/chains";

import {
  JobStopped,
  TX_GAS_CAP,
  checkRowsOffline,
  confirmIssued,
  credentialRegistryAbi,
  csvTemplate,
  formulaSafe,
  jobResults,
  parseRecipientsCsv,
  planIssuance,
  prepareBulkIssue,
  recipientsByRow,
  resultsCsv,
  runIssuance,
  toCsv,
  toCsvChunks,
  validateRows,
  type JobState,
  type JobStore,
  type Prepared,
  type Progress,
} from "@onchaincert/sdk";
import { registryWithType, typeInput } from "./helpers/fixtures";

const client = createPublicClient({
  chain: hardhat,
  transport: custom(hre.network.provider),
  pollingInterval: 20,
}) as PublicClient;

const NOW = Date.parse("2026-11-27T00:00:00Z") / 1000;

/** Deterministic distinct addresses. */
function recipient(i: number): Address {
  return getAddress(`0x${(0x1000 + i).toString(16).padStart(40, "0")}`);
}

function csvOf(lines: string[]): Uint8Array {
  return new TextEncoder().encode(lines.join("\n") + "\n");
}

/** A JobStore in memory that keeps a copy, as a file would. */
function memoryStore(initial?: JobState): JobStore & { saved: JobState | undefined } {
  const store = {
    saved: initial ? structuredClone(initial) : undefined,
    async load() {
      return store.saved ? structuredClone(store.saved) : undefined;
    },
    async save(state: JobState) {
      store.saved = structuredClone(state);
    },
  };
  return store;
}

async function deployed() {
  const d = await registryWithType();
  const registry = getAddress(await d.registry.getAddress());
  const issuer = getAddress(d.issuerA.address);
  const wallet = createWalletClient({ chain: hardhat, transport: custom(hre.network.provider), account: issuer });
  return { ...d, contract: d.registry, registry, issuer, wallet };
}

type Deployed = Awaited<ReturnType<typeof deployed>>;

function prepare(
  d: Deployed,
  bytes: Uint8Array,
  store: JobStore,
  extra: { maxBatch?: number; typeId?: bigint; columns?: { recipient: string } } = {},
) {
  return prepareBulkIssue({
    client,
    chainId: 31337,
    registry: d.registry,
    typeId: extra.typeId ?? 1n,
    issuer: d.issuer,
    bytes,
    store,
    maxBatch: extra.maxBatch,
    columns: extra.columns,
  });
}

/** What every run of a prepared job for type 1 passes to runIssuance, apart from its store and wallet. */
function jobOf(d: Deployed, p: Prepared) {
  return {
    client,
    registry: d.registry,
    typeId: 1n,
    issuer: d.issuer,
    rows: p.validation!.ready,
    plan: p.plan!,
    state: p.state!,
  };
}

function run(
  d: Deployed,
  p: Prepared,
  store: JobStore,
  send?: (n: number) => void,
  onProgress?: (progress: Progress) => void,
) {
  let calls = 0;
  return runIssuance({
    ...jobOf(d, p),
    store,
    send: async (request) => {
      send?.(++calls);
      return d.wallet.writeContract(request);
    },
    onProgress,
  });
}

async function holdings(d: Deployed, holders: Address[]): Promise<number[]> {
  return Promise.all(
    holders.map(async (h) =>
      Number(
        await client.readContract({
          address: d.registry,
          abi: credentialRegistryAbi,
          functionName: "balanceOf",
          args: [h],
        }),
      ),
    ),
  );
}

// The engine is TypeScript; under solidity-coverage (which measures contracts/) these add minutes and no lines.
const coverage = (hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING;

(coverage ? describe.skip : describe)("bulk issuance from a CSV", function () {
  describe("parsing", function () {
    it("refuses an empty file, a header without rows, and a file without a recipient column", function () {
      expect(parseRecipientsCsv(new Uint8Array()).error).to.equal("The file is empty.");
      expect(parseRecipientsCsv("\r\n \n").error).to.equal("The file is empty.");
      expect(parseRecipientsCsv("recipient,name\r\n").error).to.equal("The file has a header row but no recipients.");
      expect(parseRecipientsCsv("recipient,name\n\n,\n").error).to.equal(
        "The file has a header row but no recipients.",
      );
      expect(parseRecipientsCsv("email,name\na@b.c,A\n").error).to.match(/^No recipient column/);
      expect(parseRecipientsCsv("email,name\na@b.c,A\n", { recipient: "wallet" }).error).to.equal(
        "There is no column named “wallet”.",
      );
    });

    it("reads a BOM, CRLF, quoted commas and line breaks, and keeps spreadsheet row numbers", function () {
      const text =
        "\uFEFFWallet Address,Valid_Until,Evidence URL,Name\r\n" +
        `${recipient(1)},2027-06-30,https://lms.example/a/1,"Doe, Jane"\r\n` +
        "\r\n" +
        `${recipient(2)},,,"Line one\r\nline two"\r\n`;
      const csv = parseRecipientsCsv(new TextEncoder().encode(text));
      expect(csv.error).to.equal(undefined);
      expect(csv.header).to.deep.equal(["Wallet Address", "Valid_Until", "Evidence URL", "Name"]);
      expect(csv.columns).to.deep.equal({ recipient: 0, validUntil: 1, evidence: 2 });
      expect(csv.rows.map((r) => [r.row, r.recipient, r.validUntil, r.cells[3]])).to.deep.equal([
        [2, recipient(1), "2027-06-30", "Doe, Jane"],
        [4, recipient(2), "", "Line one\nline two"],
      ]);
    });

    it("refuses a file whose quote never closes, naming the row, instead of reading the rows after it as one cell", function () {
      const lines = ["recipient,valid_until,name"];
      for (let i = 0; i < 1_000; i++) lines.push(`${recipient(i)},,Learner ${i}`);
      lines[990] = `${recipient(990)},,"Bobby" Tables`; // row 991
      const csv = parseRecipientsCsv(csvOf(lines));
      expect(csv.rows).to.deep.equal([]);
      expect(csv.error).to.match(/^Row 991 has a quote \("\) that does not close where a value ends/);
      expect(csv.error).to.match(/Nothing was read: fix the file and choose it again\.$/);
      // A later quote that happens to close the runaway value ("monitor 27",) leaves no quote
      // error, but the swallowed rows show as lines with commas inside one value.
      const inches = parseRecipientsCsv(
        `recipient,note,valid_until\n${recipient(1)},"Intro to ,2027-01-01\n${recipient(2)},plain,2027-01-01\n` +
          `${recipient(3)},monitor 27",2027-06-30\n${recipient(4)},x,2027-01-01\n`,
      );
      expect(inches.rows).to.deep.equal([]);
      expect(inches.error).to.match(/^Row 2 has a value in quotes that runs over several lines with commas in them/);
      // A quote inside an unquoted value, or doubled inside a quoted one, is text.
      const fine = parseRecipientsCsv(
        `recipient,name\n${recipient(1)},Bobby "Tables"\n${recipient(2)},"Ann ""A"" Lee"\n`,
      );
      expect(fine.rows.map((r) => r.cells[1])).to.deep.equal(['Bobby "Tables"', 'Ann "A" Lee']);
    });

    it("reads a file whose line ends change midway (CRLF, then LF, then CR) row by row", function () {
      const text =
        `recipient,name\r\n${recipient(1)},Ann\r\n` +
        `${recipient(2)},Bob\n${recipient(3)},Cy\n` +
        `${recipient(4)},Di\r`;
      const csv = parseRecipientsCsv(text);
      expect(csv.rows.map((r) => [r.row, r.recipient, r.cells[1], r.problem])).to.deep.equal([
        [2, recipient(1), "Ann", undefined],
        [3, recipient(2), "Bob", undefined],
        [4, recipient(3), "Cy", undefined],
        [5, recipient(4), "Di", undefined],
      ]);
    });

    it("maps columns by name when asked, for files with other headers", function () {
      const csv = parseRecipientsCsv(`Student,Account\nAda,${recipient(1)}\n`, { recipient: "Account" });
      expect(csv.rows[0]!.recipient).to.equal(recipient(1));
    });

    it("marks rows with a wrong cell count or bytes that are not UTF-8, without failing the file", function () {
      const bytes = new Uint8Array([
        ...new TextEncoder().encode(`recipient,name\n${recipient(1)},Ann\n${recipient(2)},Bob,extra\n${recipient(3)},`),
        0xff,
        0xfe,
        0x0a,
      ]);
      const csv = parseRecipientsCsv(bytes);
      expect(csv.rows.map((r) => r.problem)).to.deep.equal([
        undefined,
        "The row has 3 cells but the header has 2 (a value with a comma needs quotes).",
        "The row contains bytes that are not UTF-8 text; save the file as “CSV UTF-8”.",
      ]);
    });

    it("writes the results of 130,000 rows (wider rows kept), which a spread of their widths overflowed", function () {
      const csv = { header: ["recipient", "name"], columns: { recipient: 0 }, rows: [] };
      const results = Array.from({ length: 130_000 }, (_, i) => ({
        row: i + 2,
        cells: i === 7 ? [recipient(i), "Ann", "extra"] : [recipient(i), `L${i}`],
        status: "invalid" as const,
        reason: "r",
      }));
      const out = resultsCsv(csv, results).split("\r\n");
      expect(out.length).to.equal(130_001);
      expect(out[0]).to.equal("recipient,name,extra_1,row,status,reason,token_id,tx_hash");
      expect(out[8]).to.equal(`${recipient(7)},Ann,extra,9,invalid,r,,`);
    });

    it("reads 50,000 rows", function () {
      const lines = ["recipient,valid_until,evidence,note"];
      for (let i = 0; i < 50_000; i++) lines.push(`${recipient(i)},,,row ${i}`);
      const csv = parseRecipientsCsv(csvOf(lines));
      expect(csv.rows.length).to.equal(50_000);
      expect(csv.rows[49_999]!.row).to.equal(50_001);
      const outcomes = checkRowsOffline(csv.rows, NOW);
      expect(outcomes.every((o) => o.status === "ready")).to.equal(true);
    });

    it("escapes every formula-looking cell in a results file, line breaks inside it or not", function () {
      const hostile = ['=HYPERLINK("http://x","y")\nclick', "+1\r\n2", "@SUM(A1)\nx", "-2+3", "\tx", "\r=1", "ok\n=no"];
      const out = parseRecipientsCsv(
        toCsv(
          ["recipient", "note"],
          hostile.map((h) => [recipient(1), h]),
        ),
      );
      expect(out.rows.map((r) => r.cells[1])).to.deep.equal([
        `'=HYPERLINK("http://x","y")\nclick`,
        "'+1\n2", // a line break inside a cell reads as LF, whatever it was written with
        "'@SUM(A1)\nx",
        "'-2+3",
        "'\tx",
        "'\n=1",
        "ok\n=no", // only the start of a cell makes a formula
      ]);
      expect(formulaSafe("=1")).to.equal("'=1");
      expect(toCsv(["=header"], []).trim()).to.equal(`"'=header"`);
    });

    it("writes exactly what Papa.unparse writes with the formula escaping, for any cells", function () {
      const cell = fc.oneof(
        fc.string({
          unit: fc.constantFrom("a", "1", " ", ",", '"', "\n", "\r", "=", "+", "-", "@", "\t", "'", "\ufeff", "é"),
        }),
        fc.string(),
      );
      fc.assert(
        fc.property(
          fc.array(cell, { maxLength: 4 }),
          fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 4 }),
          (header, rows) => {
            const reference = Papa.unparse(
              { fields: header.map(formulaSafe), data: rows.map((r) => r.map(formulaSafe)) },
              {
                escapeFormulae: false,
                newline: "\r\n",
                quotes: (value: unknown) => /^'[=+\-@\t\r]/.test(String(value)),
              },
            );
            expect(toCsv(header, rows)).to.equal(reference);
            // Written in pieces (a file larger than one string can be), the same text.
            for (const per of [1, 2, 3]) expect([...toCsvChunks(header, rows, per)].join("")).to.equal(reference);
          },
        ),
        { numRuns: 500 },
      );
    });

    it("offers a template the parser reads back", function () {
      const csv = parseRecipientsCsv(csvTemplate());
      expect(csv.columns).to.deep.equal({ recipient: 0, validUntil: 1, evidence: 2 });
      expect(checkRowsOffline(csv.rows, NOW).map((o) => o.status)).to.deep.equal(["ready", "ready"]);
    });
  });

  describe("checking rows", function () {
    it("gives each bad row its number and a reason", function () {
      const hash = keccak256(toBytes("evidence"));
      const lower = recipient(9).toLowerCase();
      const csv = parseRecipientsCsv(
        csvOf([
          "recipient,valid_until,evidence",
          `${recipient(1)},2027-06-30,${hash}`, // 2 ok
          "0x1234,,", // 3
          "0x0000000000000000000000000000000000000000,,", // 4
          "0x15D34AAf54267DB7D7c367839AAf71A00a2C6A65,,", // 5 checksum
          `${recipient(1).toLowerCase()},,`, // 6 duplicate of row 2
          `${recipient(2)},2020-01-01,`, // 7 past
          `${recipient(3)},30/06/2027,`, // 8 format
          `${recipient(4)},2027-02-31,`, // 9 no such day
          `${recipient(5)},2200-01-01,`, // 10 after 2106
          `${recipient(6)},,not evidence`, // 11
          ",,", // 12 blank row: skipped
          ` ,2027-01-01,`, // 13 missing recipient
          `${lower},2027-06-30T12:00:00Z,ipfs://bafy`, // 14 ok
          `${recipient(7)},2027-02-31T00:00Z,`, // 15 no such day, with a time
          `${recipient(8)},2027-06-30T24:00:00Z,`, // 16 no such hour (would roll into July)
          `${recipient(10)},2027-30-06,`, // 17 day and month swapped: no such month
          `${recipient(11)},2027-13-01T10:00Z,`, // 18 the same, with a time
        ]),
      );
      const outcomes = checkRowsOffline(csv.rows, NOW);
      expect(outcomes.map((o) => [o.row, o.status === "invalid" ? o.reason : "ready"])).to.deep.equal([
        [2, "ready"],
        [3, "That is not an Ethereum address: it has 4 hexadecimal characters after 0x, and an address has 40."],
        [4, "The zero address cannot hold credentials."],
        [
          5,
          "The address's capitals do not match its checksum, so it probably has a typo. Check it, or paste it in lower case.",
        ],
        [6, "Duplicate: the same recipient is on row 2."],
        [7, "The valid-until date 2020-01-01 has passed."],
        [8, "“30/06/2027” is not a date: use YYYY-MM-DD, such as 2027-06-30."],
        [9, "“2027-02-31” is not a date: use YYYY-MM-DD, such as 2027-06-30."],
        [10, "The valid-until date 2200-01-01 is after 2106, the latest the registry stores."],
        [11, "The evidence should be a URL (https://, ipfs:// or ar://) or a 0x-prefixed 32-byte hash."],
        [13, "The recipient address is missing."],
        [14, "ready"],
        [15, "“2027-02-31T00:00Z” is not a date: use YYYY-MM-DD, such as 2027-06-30."],
        [16, "“2027-06-30T24:00:00Z” is not a date: use YYYY-MM-DD, such as 2027-06-30."],
        [17, "“2027-30-06” is not a date: use YYYY-MM-DD, such as 2027-06-30."],
        [18, "“2027-13-01T10:00Z” is not a date: use YYYY-MM-DD, such as 2027-06-30."],
      ]);
      const ready = outcomes.flatMap((o) => (o.status === "ready" ? [o.ready] : []));
      expect(ready[0]).to.deep.include({
        validUntil: BigInt(Date.parse("2027-06-30T23:59:59Z") / 1000),
        evidenceHash: hash,
      });
      expect(ready[1]).to.deep.include({ recipient: recipient(9), evidenceHash: keccak256(toBytes("ipfs://bafy")) });
    });

    it("refuses the whole job for an unknown, retired or stack type, or an account that may not issue it", async function () {
      const d = await loadFixture(deployed);
      const rows = parseRecipientsCsv(`recipient\n${recipient(1)}\n`).rows;
      const check = (typeId: bigint, issuer: Address = d.issuer) =>
        validateRows(rows, { client, registry: d.registry, typeId, issuer }, NOW);
      expect((await check(9n)).jobError).to.equal("There is no credential type #9.");
      expect((await check(1n, getAddress(d.stranger.address))).jobError).to.equal(
        `${getAddress(d.stranger.address)} may not issue credential type #1 (Cloud Fundamentals): it is not the type's issuer or a delegate.`,
      );
      await d.contract
        .connect(d.issuerA)
        .createCredentialType(typeInput({ name: "Stack", components: [1], requiredComponents: 1 }));
      expect((await check(2n)).jobError).to.match(/is a stacked qualification/);
      await d.contract.connect(d.issuerA).createCredentialType(typeInput({ name: "Old" }));
      await d.contract.connect(d.issuerA).retireCredentialType(3, 0);
      const retired = await check(3n);
      expect(retired.jobError).to.equal("Credential type #3 (Old) is retired and cannot be issued any more.");
      expect(retired.outcomes).to.deep.equal([{ row: 2, status: "invalid", reason: retired.jobError }]);
      await d.contract.connect(d.admin).suspendIssuer(1);
      expect((await check(1n)).jobError).to.equal(`The issuer account ${d.issuer} (Acme Training) is suspended.`);
    });

    it("skips recipients who already hold a valid credential of the type, naming it", async function () {
      const d = await loadFixture(deployed);
      await d.contract.connect(d.issuerA).issue(1, recipient(2), 0, `0x${"00".repeat(32)}`);
      // A holder with many credentials: their list is too large for one deployless multicall
      // result (EIP-170's 24,576 bytes), so it is read on its own.
      for (let i = 0; i < 40; i++) {
        await d.contract.connect(d.issuerA).createCredentialType(typeInput({ name: `Module ${i} ${"x".repeat(80)}` }));
        await d.contract.connect(d.issuerA).issue(i + 2, recipient(2), 0, `0x${"00".repeat(32)}`);
      }
      // An expired credential of the type counts too: the registry renews it rather than issue another.
      await d.contract
        .connect(d.issuerA)
        .issue(1, recipient(3), BigInt(await time.latest()) + 100n, `0x${"00".repeat(32)}`);
      await time.increase(200);
      const csv = parseRecipientsCsv(`recipient\n${recipient(1)}\n${recipient(2)}\n${recipient(3)}\n`);
      const v = await validateRows(csv.rows, { client, registry: d.registry, typeId: 1n, issuer: d.issuer }, NOW);
      expect(v.counts).to.deep.equal({ rows: 3, ready: 1, invalid: 0, held: 2 });
      const expiredToken = await d.contract.latestCredentialOf(recipient(3), 1);
      expect(v.outcomes.slice(1)).to.deep.equal([
        { row: 3, status: "held", recipient: recipient(2), tokenId: 1n, expired: false },
        { row: 4, status: "held", recipient: recipient(3), tokenId: expiredToken, expired: true },
      ]);
      expect(jobResults(csv, v, undefined).map((r) => r.reason)).to.deep.equal([
        "Not sent yet: run the job again to continue.",
        "The recipient already holds a valid credential of this type.",
        `The recipient holds credential #${expiredToken} of this type, expired: renew it instead of issuing another.`,
      ]);
    });
  });

  describe("planning", function () {
    it("sizes transactions from eth_estimateGas under the EIP-7825 cap, at most 320 rows", async function () {
      const d = await loadFixture(deployed);
      const rows = Array.from({ length: 700 }, (_, i) => ({
        row: i + 2,
        recipient: recipient(i),
        validUntil: 0n,
        evidenceHash: `0x${"00".repeat(32)}` as const,
      }));
      const plan = await planIssuance({ client, registry: d.registry, typeId: 1n, issuer: d.issuer }, rows);
      expect(plan.gasLimitPerTransaction).to.equal(TX_GAS_CAP);
      // 85% of the cap: about 290 rows of ~48.7k gas; the contract's own limit is 320.
      expect(plan.chunkSize).to.be.within(270, 320);
      expect(plan.transactions).to.equal(3);
      const exact = await client.estimateContractGas({
        address: d.registry,
        abi: credentialRegistryAbi,
        functionName: "issueBatch",
        args: [1n, rows.slice(0, plan.chunkSize).map((r) => r.recipient), [], []],
        account: d.issuer,
      });
      expect(exact <= (TX_GAS_CAP * 85n) / 100n, `${exact}`).to.equal(true);
      expect(plan.gasPerRow > 40_000n && plan.gasPerRow < 60_000n, `${plan.gasPerRow}`).to.equal(true);
      expect(plan.totalCost).to.equal(plan.totalGas * plan.gasPrice);

      // A chain with a smaller block gas limit gets smaller transactions.
      await hre.network.provider.send("evm_setBlockGasLimit", ["0x4c4b40"]); // 5,000,000
      await hre.network.provider.send("evm_mine");
      const small = await planIssuance({ client, registry: d.registry, typeId: 1n, issuer: d.issuer }, rows);
      expect(small.gasLimitPerTransaction).to.equal(5_000_000n);
      expect(small.fixedGas + small.gasPerRow * BigInt(small.chunkSize) <= 4_250_000n).to.equal(true);
      expect(small.chunkSize).to.be.within(60, 100);
      const maxBatch = await planIssuance({ client, registry: d.registry, typeId: 1n, issuer: d.issuer }, rows, {
        maxBatch: 50,
      });
      expect([maxBatch.chunkSize, maxBatch.transactions]).to.deep.equal([50, 14]);
    });
  });

  describe("sending and resuming", function () {
    const lines = ["recipient,valid_until,evidence,name"];
    for (let i = 0; i < 60; i++) lines.push(`${recipient(i)},,,Learner ${i}`);
    lines.push("0x1234,,,Bad Row", `${recipient(0)},,,Twice`, `${recipient(70)},,,=cmd|' /C calc'!A0`);
    const file = csvOf(lines);
    const everyone = [...Array.from({ length: 60 }, (_, i) => recipient(i)), recipient(70)];

    it("issues every valid row once, in planned chunks, and reports each row", async function () {
      const d = await loadFixture(deployed);
      const store = memoryStore();
      const p = await prepare(d, file, store, { maxBatch: 25 });
      expect(p.validation!.counts).to.deep.equal({ rows: 63, ready: 61, invalid: 2, held: 0 });
      expect([p.plan!.chunkSize, p.plan!.transactions]).to.deep.equal([25, 3]);
      const progress: number[] = [];
      const state = await run(d, p, store, undefined, (x) => progress.push(x.rowsDone));
      expect(progress).to.deep.equal([0, 25, 50, 61]);
      expect(state.chunks.map((c) => c.status)).to.deep.equal(["confirmed", "confirmed", "confirmed"]);
      expect(await holdings(d, everyone)).to.deep.equal(everyone.map(() => 1));

      const results = jobResults(p.csv, p.validation!, state);
      expect(results.filter((r) => r.status === "issued").length).to.equal(61);
      expect(results[0]).to.deep.include({ row: 2, status: "issued", tokenId: 1n });
      expect(results[61]).to.deep.include({
        row: 63,
        status: "invalid",
        reason: "Duplicate: the same recipient is on row 2.",
      });
      const out = resultsCsv(p.csv, results).split("\r\n");
      expect(out[0]).to.equal("recipient,valid_until,evidence,name,row,status,reason,token_id,tx_hash");
      expect(out[1]).to.equal(`${recipient(0)},,,Learner 0,2,issued,,1,${state.chunks[0]!.hash}`);
      // A formula in a free column comes back as text, not as something a spreadsheet would run.
      expect(out[63]).to.match(new RegExp(`^${recipient(70)},,,"'=cmd\\|' /C calc'!A0",64,issued,,61,0x`));
      expect(out[61]).to.match(
        /^0x1234,,,Bad Row,62,invalid,"That is not an Ethereum address: it has 4 hexadecimal characters after 0x, and an address has 40\."/,
      );
    });

    it("stops on a rejected signature and resumes without issuing anything twice", async function () {
      const d = await loadFixture(deployed);
      const store = memoryStore();
      const first = await prepare(d, file, store, { maxBatch: 25 });
      const stopped = await run(d, first, store, (n) => {
        if (n === 2) throw Object.assign(new Error("User rejected the request."), { code: 4001 });
      }).catch((e: unknown) => e);
      expect(stopped).to.be.instanceOf(JobStopped);
      expect((stopped as Error).message).to.equal("Not sent (rows 27–51): User rejected the request.");
      expect(store.saved!.chunks.map((c) => c.status)).to.deep.equal(["confirmed"]);
      expect(await holdings(d, everyone)).to.deep.equal(everyone.map((_, i) => (i < 25 ? 1 : 0)));
      const midway = jobResults(first.csv, first.validation!, store.saved);
      expect(midway.filter((r) => r.status === "not-sent").length).to.equal(36);

      const again = await prepare(d, file, store, { maxBatch: 25 });
      expect(again.validation!.counts).to.deep.equal({ rows: 63, ready: 36, invalid: 2, held: 25 });
      const state = await run(d, again, store);
      expect(await holdings(d, everyone)).to.deep.equal(everyone.map(() => 1));
      const results = jobResults(again.csv, again.validation!, state);
      expect(results.filter((r) => r.status === "issued").length).to.equal(61);
      expect(new Set(results.flatMap((r) => (r.tokenId ? [r.tokenId] : []))).size).to.equal(61);
    });

    it("settles a transaction that was sent while the process died, then finishes", async function () {
      const d = await loadFixture(deployed);
      const store = memoryStore();
      const first = await prepare(d, file, store, { maxBatch: 25 });
      // The process dies right after the second transaction is recorded as sent.
      const dying: JobStore = {
        load: store.load,
        async save(state) {
          await store.save(state);
          if (state.chunks.length === 2 && state.chunks[1]!.status === "sent") throw new Error("killed");
        },
      };
      await run(d, { ...first, state: first.state! } as Prepared, dying).catch(() => undefined);
      expect(store.saved!.chunks.map((c) => c.status)).to.deep.equal(["confirmed", "sent"]);

      const again = await prepare(d, file, store, { maxBatch: 25 });
      expect(again.state!.chunks.map((c) => c.status)).to.deep.equal(["confirmed", "confirmed"]);
      expect(again.validation!.counts.held).to.equal(50);
      const state = await run(d, again, store);
      expect(await holdings(d, everyone)).to.deep.equal(everyone.map(() => 1));
      expect(jobResults(again.csv, again.validation!, state).filter((r) => r.status === "issued").length).to.equal(61);
    });

    it("finds a transaction the wallet sent while the process died, before its hash was saved", async function () {
      const d = await loadFixture(deployed);
      const store = memoryStore();
      const first = await prepare(d, file, store, { maxBatch: 25 });
      // The second transaction is mined, but the process dies before its hash is recorded.
      const dying: JobStore = {
        load: store.load,
        async save(state) {
          if (state.chunks.length === 2 && state.chunks[1]!.status === "sent") throw new Error("killed");
          await store.save(state);
        },
      };
      await run(d, first, dying).catch(() => undefined);
      expect(store.saved!.chunks.map((c) => c.status)).to.deep.equal(["confirmed", "signing"]);
      expect(store.saved!.chunks[1]!.hash).to.equal(undefined);
      expect(await holdings(d, everyone)).to.deep.equal(everyone.map((_, i) => (i < 50 ? 1 : 0)));

      const again = await prepare(d, file, store, { maxBatch: 25 });
      const found = again.state!.chunks[1]!;
      expect(found.status).to.equal("confirmed");
      expect(found.rows).to.have.length(25);
      const receipt = await client.getTransactionReceipt({ hash: found.hash! });
      expect(receipt.from.toLowerCase()).to.equal(d.issuer.toLowerCase());
      expect(again.validation!.counts.held).to.equal(50);
      const state = await run(d, again, store);
      const results = jobResults(again.csv, again.validation!, state);
      expect(results.filter((r) => r.status === "issued").length).to.equal(61);
      expect(results.filter((r) => r.status === "skipped-already-held").length).to.equal(0);
    });

    it("marks a transaction handed to the wallet but never sent as unsent, and sends its rows again", async function () {
      const d = await loadFixture(deployed);
      const store = memoryStore();
      const first = await prepare(d, file, store, { maxBatch: 25 });
      // The process dies while the wallet is asking for the second signature.
      await run(d, first, store, (n) => {
        if (n === 2) throw new Error("killed");
      }).catch(() => undefined);
      expect(store.saved!.chunks.map((c) => c.status)).to.deep.equal(["confirmed", "signing"]);

      const again = await prepare(d, file, store, { maxBatch: 25 });
      expect(again.state!.chunks.map((c) => c.status)).to.deep.equal(["confirmed", "unsent"]);
      expect(again.validation!.counts).to.deep.equal({ rows: 63, ready: 36, invalid: 2, held: 25 });
      const state = await run(d, again, store);
      expect(await holdings(d, everyone)).to.deep.equal(everyone.map(() => 1));
      expect(jobResults(again.csv, again.validation!, state).filter((r) => r.status === "issued").length).to.equal(61);

      // Its nonce went to the resend, which carried the same rows: the resend is not claimed twice,
      // and the lost one is known never to be mined, even while another transaction is pending.
      await hre.network.provider.send("evm_setAutomine", [false]);
      const later = await d.wallet
        .sendTransaction({ to: d.issuer, value: 0n })
        .then(() => prepare(d, file, store, { maxBatch: 25 }))
        .finally(async () => {
          await hre.network.provider.send("evm_mine");
          await hre.network.provider.send("evm_setAutomine", [true]);
        });
      expect(later.state!.chunks.map((c) => [c.status, c.final])).to.deep.equal([
        ["confirmed", undefined],
        ["unsent", true],
        ["confirmed", undefined],
        ["confirmed", undefined],
      ]);
    });

    it("finds it past a provider's range cap and bytes the wallet appended, thousands of blocks later", async function () {
      const d = await loadFixture(deployed);
      const store = memoryStore();
      const p = await prepare(d, file, store, { maxBatch: 10 });
      let sent: Hash | undefined;
      // 3,000 blocks pass while the wallet asks; it appends bytes to the calldata, sends, and the
      // process dies before the hash is saved.
      await runIssuance({
        ...jobOf(d, p),
        store,
        send: async (request) => {
          await hre.network.provider.send("hardhat_mine", ["0xbb8"]);
          sent = await d.wallet.sendTransaction({
            to: request.address,
            data: `${encodeFunctionData(request)}c0ffee`,
            gas: request.gas,
          });
          throw new Error("the process stopped");
        },
      }).catch(() => undefined);
      expect(sent).to.not.equal(undefined);
      expect(store.saved!.chunks.map((c) => c.status)).to.deep.equal(["signing"]);

      // A provider that refuses more than 100 blocks per eth_getLogs.
      const ranges: bigint[] = [];
      const capped = new Proxy(client, {
        get(target, name, receiver) {
          if (name !== "getContractEvents") return Reflect.get(target, name, receiver);
          return (args: { fromBlock: bigint; toBlock: bigint }) => {
            ranges.push(args.toBlock - args.fromBlock + 1n);
            if (args.toBlock - args.fromBlock >= 100n) throw new Error("query exceeds max block range 100");
            return target.getContractEvents(args as Parameters<typeof target.getContractEvents>[0]);
          };
        },
      });
      const again = await prepareBulkIssue({
        client: capped,
        chainId: 31337,
        registry: d.registry,
        typeId: 1n,
        issuer: d.issuer,
        bytes: file,
        store,
        maxBatch: 10,
      });
      expect(again.state!.chunks.map((c) => c.status)).to.deep.equal(["confirmed"]);
      expect(again.state!.chunks[0]!.hash).to.equal(sent);
      expect(ranges.filter((r) => r <= 100n).length).to.be.greaterThan(29);
      expect(again.validation!.counts.held).to.equal(10);
    });

    it("counts a transaction the wallet broadcast only after a run had marked it unsent", async function () {
      const d = await loadFixture(deployed);
      const store = memoryStore();
      const first = await prepare(d, file, store, { maxBatch: 25 });
      let held: Parameters<Deployed["wallet"]["writeContract"]>[0] | undefined;
      let calls = 0;
      await runIssuance({
        ...jobOf(d, first),
        store,
        send: async (request) => {
          if (++calls === 2) {
            held = request; // signed, then held back (a private relay, a wallet's queue)
            throw new Error("the process stopped");
          }
          return d.wallet.writeContract(request);
        },
      }).catch(() => undefined);
      const nonce = store.saved!.chunks[1]!.nonce!;

      const unsent = await prepare(d, file, store, { maxBatch: 25 });
      expect(unsent.state!.chunks.map((c) => c.status)).to.deep.equal(["confirmed", "unsent"]);
      expect(unsent.state!.chunks[1]!.final).to.equal(undefined);
      expect(unsent.validation!.counts.held).to.equal(25);

      const late = await d.wallet.writeContract({ ...held!, nonce });
      const again = await prepare(d, file, store, { maxBatch: 25 });
      expect(again.state!.chunks.map((c) => c.status)).to.deep.equal(["confirmed", "confirmed"]);
      expect(again.state!.chunks[1]!.hash).to.equal(late);
      expect(again.validation!.counts.held).to.equal(50);
      const state = await run(d, again, store);
      const results = jobResults(again.csv, again.validation!, state);
      expect(results.filter((r) => r.status === "issued").length).to.equal(61);
      expect(results.filter((r) => r.status === "skipped-already-held").length).to.equal(0);
    });

    it("counts a sped-up transaction whose original the node forgot, under the hash that was mined", async function () {
      const d = await loadFixture(deployed);
      const store = memoryStore();
      const first = await prepare(d, file, store, { maxBatch: 25 });
      const forgotten = `0x${"cd".repeat(32)}` as Hash;
      let mined: Hash | undefined;
      let calls = 0;
      await runIssuance({
        ...jobOf(d, first),
        store: {
          load: store.load,
          async save(state) {
            await store.save(state);
            if (state.chunks[1]?.status === "sent") throw new Error("the process stopped");
          },
        },
        // The wallet returns the first hash, then replaces it with a faster copy; the node keeps only the copy.
        send: async (request) => {
          if (++calls !== 2) return d.wallet.writeContract(request);
          mined = await d.wallet.writeContract(request);
          return forgotten;
        },
      }).catch(() => undefined);
      expect(store.saved!.chunks.map((c) => c.status)).to.deep.equal(["confirmed", "sent"]);

      const again = await prepare(d, file, store, { maxBatch: 25 });
      const chunk = again.state!.chunks[1]!;
      expect([chunk.status, chunk.hash, chunk.replacedBy]).to.deep.equal(["confirmed", forgotten, mined]);
      const results = jobResults(again.csv, again.validation!, again.state);
      expect(results.find((r) => r.row === 27)).to.deep.include({ status: "issued", hash: mined, tokenId: 26n });
    });

    it("stops, naming the nonce, while a transaction signed before the stop is still pending", async function () {
      const d = await loadFixture(deployed);
      const store = memoryStore();
      const first = await prepare(d, file, store, { maxBatch: 25 });
      await hre.network.provider.send("evm_setAutomine", [false]);
      try {
        let sent: Hash | undefined;
        const stopping: JobStore = {
          load: store.load,
          async save(state) {
            if (state.chunks[0]?.status === "sent") throw new Error("killed");
            await store.save(state);
          },
        };
        await runIssuance({
          ...jobOf(d, first),
          store: stopping,
          send: async (request) => (sent = await d.wallet.writeContract(request)),
        }).catch(() => undefined);
        expect(sent).to.not.equal(undefined);
        const nonce = store.saved!.chunks[0]!.nonce;
        const stopped = await prepare(d, file, store, { maxBatch: 25 }).catch((e: unknown) => e);
        expect(stopped).to.be.instanceOf(JobStopped);
        expect((stopped as Error).message).to.equal(
          `A transaction from ${d.issuer} (nonce ${nonce}) is still pending, perhaps this job's rows 2–26: ` +
            "run the job again once it is mined or cancelled.",
        );
        await hre.network.provider.send("evm_mine");
        const again = await prepare(d, file, store, { maxBatch: 25 });
        expect(again.state!.chunks.map((c) => c.status)).to.deep.equal(["confirmed"]);
        expect(again.state!.chunks[0]!.hash).to.equal(sent);
      } finally {
        await hre.network.provider.send("evm_setAutomine", [true]);
      }
    });

    it("marks a sent transaction the node never saw as dropped, and re-sends its rows", async function () {
      const d = await loadFixture(deployed);
      const probe = await prepare(d, file, memoryStore());
      const lost = `0x${"ab".repeat(32)}` as Hash;
      const store = memoryStore({ ...probe.state!, chunks: [{ rows: [2, 3], status: "sent", hash: lost }] });
      const again = await prepare(d, file, store);
      expect(again.state!.chunks[0]!.status).to.equal("dropped");
      expect(again.validation!.counts.ready).to.equal(61);
      await run(d, again, store);
      expect(await holdings(d, everyone)).to.deep.equal(everyone.map(() => 1));
    });

    /** Sends each transaction with mining paused, then lets `meanwhile` act on the pending one before a block is mined. */
    async function withPausedMining(meanwhile: (hash: Hash, n: number) => Promise<void>) {
      await hre.network.provider.send("evm_setAutomine", [false]);
      return async (request: Parameters<Deployed["wallet"]["writeContract"]>[0], d: Deployed, n: number) => {
        const hash = await d.wallet.writeContract(request);
        // The engine reads the pending transaction, then waits; replace it (or not) and mine.
        setTimeout(() => void meanwhile(hash, n).then(() => hre.network.provider.send("evm_mine")), 300);
        return hash;
      };
    }

    async function resumeMining() {
      await hre.network.provider.send("evm_setAutomine", [true]);
    }

    it("does not count a transaction cancelled in the wallet (same nonce, nothing issued), and re-sends its rows", async function () {
      const d = await loadFixture(deployed);
      const store = memoryStore();
      const p = await prepare(d, file, store, { maxBatch: 25 });
      const send = await withPausedMining(async (hash, n) => {
        if (n !== 2) return;
        const tx = await client.getTransaction({ hash });
        // The wallet's "cancel": a 0-value transfer to self with the same nonce and a higher fee.
        await d.wallet.sendTransaction({
          to: d.issuer,
          value: 0n,
          nonce: tx.nonce,
          maxFeePerGas: tx.maxFeePerGas! * 2n,
          maxPriorityFeePerGas: tx.maxPriorityFeePerGas! * 2n + 1n,
        });
      });
      let calls = 0;
      const stopped = await runIssuance({
        ...jobOf(d, p),
        store,
        send: (request) => send(request, d, ++calls),
      })
        .catch((e: unknown) => e)
        .finally(resumeMining);
      expect(stopped).to.be.instanceOf(JobStopped);
      expect((stopped as Error).message).to.match(
        /^Transaction 0x[0-9a-f]{64} \(rows 27–51\) was cancelled in the wallet by 0x[0-9a-f]{64}, which issued nothing of it\./,
      );
      expect(store.saved!.chunks.map((c) => c.status)).to.deep.equal(["confirmed", "replaced"]);
      expect(await holdings(d, everyone)).to.deep.equal(everyone.map((_, i) => (i < 25 ? 1 : 0)));
      const midway = jobResults(p.csv, p.validation!, store.saved);
      expect(midway.filter((r) => r.status === "issued").length).to.equal(25);

      const again = await prepare(d, file, store, { maxBatch: 25 });
      expect(again.validation!.counts).to.deep.equal({ rows: 63, ready: 36, invalid: 2, held: 25 });
      const state = await run(d, again, store);
      expect(await holdings(d, everyone)).to.deep.equal(everyone.map(() => 1));
      expect(jobResults(again.csv, again.validation!, state).filter((r) => r.status === "issued").length).to.equal(61);
    });

    it("counts a transaction sped up in the wallet (same data, higher fee) under the hash that was mined", async function () {
      const d = await loadFixture(deployed);
      const store = memoryStore();
      const p = await prepare(d, file, store);
      const send = await withPausedMining(async (hash) => {
        const tx = await client.getTransaction({ hash });
        await d.wallet.sendTransaction({
          to: tx.to!,
          data: tx.input,
          gas: tx.gas,
          nonce: tx.nonce,
          maxFeePerGas: tx.maxFeePerGas! * 2n,
          maxPriorityFeePerGas: tx.maxPriorityFeePerGas! * 2n + 1n,
        });
      });
      const state = await runIssuance({
        ...jobOf(d, p),
        store,
        send: (request) => send(request, d, 1),
      }).finally(resumeMining);
      const [chunk] = state.chunks;
      expect(chunk!.status).to.equal("confirmed");
      expect(chunk!.replacedBy).to.match(/^0x[0-9a-f]{64}$/);
      expect(chunk!.replacedBy).to.not.equal(chunk!.hash);
      expect(await holdings(d, everyone)).to.deep.equal(everyone.map(() => 1));
    });

    it("after a reorganisation, re-reads what it issued, drops token ids that now belong to others, and re-plans those rows", async function () {
      const d = await loadFixture(deployed);
      const store = memoryStore();
      const p = await prepare(d, file, store, { maxBatch: 25 });
      const snapshot = await hre.network.provider.send("evm_snapshot");
      const state = await run(d, p, store);
      expect(state.chunks.map((c) => c.status)).to.deep.equal(["confirmed", "confirmed", "confirmed"]);
      // The blocks are reorganised away; other transactions take their place and the token ids.
      await hre.network.provider.send("evm_revert", [snapshot]);
      await d.contract.connect(d.issuerA).issueBatch(
        1,
        Array.from({ length: 30 }, (_, i) => recipient(500 + i)),
        [],
        [],
      );
      const before = resultsCsv(p.csv, jobResults(p.csv, p.validation!, state));
      expect(before).to.match(/,issued,,1,0x/); // what today's results would claim

      const recipients = recipientsByRow(p.csv);
      const confirmation = await confirmIssued({ client, state, store, typeId: 1n, recipients, confirmations: 0 });
      expect(confirmation.vanishedRows.length).to.equal(61);
      expect(state.chunks.map((c) => c.status)).to.deep.equal(["vanished", "vanished", "vanished"]);
      const results = jobResults(p.csv, p.validation!, state);
      expect(results.filter((r) => r.status === "issued")).to.deep.equal([]);
      expect(results.filter((r) => r.status === "not-sent").length).to.equal(61);

      // Re-planned: the rows are not held, so they are sent again, and then they check out.
      const again = await prepare(d, file, store, { maxBatch: 25 });
      expect(again.validation!.counts).to.deep.equal({ rows: 63, ready: 61, invalid: 2, held: 0 });
      const after = await run(d, again, store);
      const check = await confirmIssued({ client, state: after, store, typeId: 1n, recipients, confirmations: 0 });
      expect(check.vanishedRows).to.deep.equal([]);
      const final = jobResults(again.csv, again.validation!, after);
      expect(final.filter((r) => r.status === "issued").length).to.equal(61);
      expect(final[0]).to.deep.include({ status: "issued", tokenId: 31n });
      expect(await holdings(d, everyone)).to.deep.equal(everyone.map(() => 1));
    });

    it("after a reorganisation that mines the same transaction again later, follows its new token ids", async function () {
      const d = await loadFixture(deployed);
      const store = memoryStore();
      const p = await prepare(d, file, store);
      const snapshot = await hre.network.provider.send("evm_snapshot");
      const state = await run(d, p, store);
      const tx = await client.getTransaction({ hash: state.chunks[0]!.hash! });
      const raw = serializeTransaction(
        {
          type: "eip1559",
          chainId: 31337,
          nonce: tx.nonce,
          to: tx.to!,
          data: tx.input,
          gas: tx.gas,
          maxFeePerGas: tx.maxFeePerGas!,
          maxPriorityFeePerGas: tx.maxPriorityFeePerGas!,
          value: tx.value,
        },
        { r: tx.r, s: tx.s, yParity: tx.yParity! },
      );
      await hre.network.provider.send("evm_revert", [snapshot]);
      // Another issuer's batch lands first; then the same signed transaction is mined again.
      await d.contract.connect(d.issuerB).createCredentialType(typeInput({ name: "Other" }));
      await d.contract.connect(d.issuerB).issueBatch(2, [recipient(900), recipient(901)], [], []);
      expect(await hre.network.provider.send("eth_sendRawTransaction", [raw])).to.equal(state.chunks[0]!.hash);

      const confirmation = await confirmIssued({
        client,
        state,
        store,
        typeId: 1n,
        recipients: recipientsByRow(p.csv),
        confirmations: 0,
      });
      expect(confirmation.vanishedRows).to.deep.equal([]);
      expect(state.chunks[0]).to.deep.include({ status: "confirmed", firstTokenId: "3" });
      const results = jobResults(p.csv, p.validation!, state);
      expect(results[0]).to.deep.include({ row: 2, status: "issued", tokenId: 3n });
    });

    it("waits for the configured confirmations before reading credentials back", async function () {
      const d = await loadFixture(deployed);
      const store = memoryStore();
      const p = await prepare(d, file, store, { maxBatch: 61 });
      const state = await run(d, p, store);
      const waits: bigint[] = [];
      const mining = setInterval(() => void hre.network.provider.send("evm_mine"), 50);
      const confirmation = await confirmIssued({
        client,
        state,
        store,
        typeId: 1n,
        recipients: recipientsByRow(p.csv),
        confirmations: 3,
        pollMs: 20,
        onWait: (n) => waits.push(n),
      }).finally(() => clearInterval(mining));
      expect(waits[0]).to.equal(3n);
      expect(confirmation.block + 3n <= (await client.getBlockNumber())).to.equal(true);
      expect(confirmation.vanishedRows).to.deep.equal([]);
    });

    it("does not take a failed receipt request for a lost transaction: it asks again, and a receipt missing three polls running is lost", async function () {
      const d = await loadFixture(deployed);
      const store = memoryStore();
      const p = await prepare(d, file, store, { maxBatch: 61 });
      const state = await run(d, p, store);
      // An RPC that fails the first receipt request (a 429, a timeout), then answers.
      let asked = 0;
      const flaky = new Proxy(client, {
        get(target, key) {
          if (key === "getTransactionReceipt")
            return async (args: { hash: Hex }) => {
              if (asked++ === 0) throw new Error("HTTP 429 Too Many Requests");
              return client.getTransactionReceipt(args);
            };
          return Reflect.get(target, key);
        },
      }) as typeof client;
      const mining = setInterval(() => void hre.network.provider.send("evm_mine"), 30);
      const recipients = recipientsByRow(p.csv);
      const confirmation = await confirmIssued({
        client: flaky,
        state,
        store,
        typeId: 1n,
        recipients,
        confirmations: 2,
        pollMs: 20,
      }).finally(() => clearInterval(mining));
      expect(asked).to.be.greaterThan(1);
      expect(confirmation.vanishedRows).to.deep.equal([]);
      expect(state.chunks.map((c) => c.status)).to.deep.equal(["confirmed"]);

      // A node that does not have the receipt at all (the transaction reorganised away) is asked
      // three times before the chunk counts as lost.
      const unseen = { ...state, chunks: state.chunks.map((c) => ({ ...c, blockNumber: undefined })) };
      let missing = 0;
      const forgetful = new Proxy(client, {
        get(target, key) {
          if (key === "getTransactionReceipt")
            return async (args: { hash: Hex }) => {
              missing++;
              throw new TransactionReceiptNotFoundError({ hash: args.hash });
            };
          return Reflect.get(target, key);
        },
      }) as typeof client;
      const lost = await confirmIssued({
        client: forgetful,
        state: unseen,
        store: memoryStore(),
        typeId: 1n,
        recipients,
        confirmations: 2,
        pollMs: 5,
      });
      expect(missing).to.equal(3);
      expect(lost.vanishedRows.length).to.equal(61);
    });

    it("refuses to resume a job with its columns mapped otherwise (rows are matched by recipient), and sends nothing", async function () {
      const d = await loadFixture(deployed);
      const twoColumns = new TextEncoder().encode(
        `wallet,new_wallet,name\n${recipient(1)},${recipient(11)},Ann\n${recipient(2)},${recipient(12)},Bob\n`,
      );
      const store = memoryStore();
      const first = await prepare(d, twoColumns, store);
      await run(d, first, store);
      const refused = await prepare(d, twoColumns, store, { columns: { recipient: "new_wallet" } }).catch(
        (e: unknown) => e,
      );
      expect(refused).to.be.instanceOf(JobStopped);
      expect((refused as Error).message).to.equal(
        "This job was started with recipient “wallet”, valid until none and evidence none as its columns; they are now " +
          "“new_wallet”, none and none. Nothing was sent. Map the columns as before to continue it, or forget the job " +
          "to start a new one (rows issued before are still detected on-chain).",
      );
      expect(await holdings(d, [recipient(11), recipient(12)])).to.deep.equal([0, 0]);
      // Mapped as before, it continues.
      expect((await prepare(d, twoColumns, store)).validation!.counts.held).to.equal(2);
    });

    it("refuses a saved state from another file, and sends nothing", async function () {
      const d = await loadFixture(deployed);
      const probe = await prepare(d, file, memoryStore());
      const other = memoryStore({
        ...probe.state!,
        key: { ...probe.state!.key, fileHash: keccak256(toBytes("other")) },
      });
      const refused = await prepare(d, file, other).catch((e: unknown) => e);
      expect(refused).to.be.instanceOf(JobStopped);
      expect((refused as Error).message).to.match(/^The saved job state belongs to another job/);
    });

    it("stops with the registry's reason when a chunk would be refused", async function () {
      const d = await loadFixture(deployed);
      const store = memoryStore();
      const p = await prepare(d, file, store, { maxBatch: 25 });
      // Between planning and sending, another issuer gives row 30's recipient the credential.
      await d.contract.connect(d.issuerA).issue(1, recipient(28), 0, `0x${"00".repeat(32)}`);
      await time.increase(1);
      const stopped = await run(d, p, store).catch((e: unknown) => e);
      expect((stopped as Error).message).to.equal(
        `The registry would refuse the next transaction (rows 27–51): ${recipient(28).slice(0, 6)}…${recipient(28).slice(-4)} already holds credential #1 of type #1 (valid, or expired: renew that one instead).`,
      );
      const again = await prepare(d, file, store, { maxBatch: 25 });
      await run(d, again, store);
      expect(await holdings(d, everyone)).to.deep.equal(everyone.map(() => 1));
    });
  });
});
