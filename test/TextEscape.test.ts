import { expect } from "chai";
import { ethers } from "hardhat";
import fc from "fast-check";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { XMLValidator } from "fast-xml-parser";

const RUNS = Number(process.env.PROPERTY_RUNS ?? 25) * 4;
const utf8 = new TextDecoder("utf-8", { fatal: true });

async function fixture() {
  return { harness: await ethers.deployContract("TextEscapeHarness") };
}

const hex = (s: string) => "0x" + s.replace(/\s+/g, "");

describe("TextEscape", function () {
  describe("json", function () {
    it("escapes quotes, backslashes and control characters", async function () {
      const { harness } = await loadFixture(fixture);
      const out = utf8.decode(ethers.getBytes(await harness.json(ethers.toUtf8Bytes('a"b\\c\n\u0000\u007f'))));
      expect(out).to.equal('a\\"b\\\\c\\u000a\\u0000\\u007f');
      expect(JSON.parse(`"${out}"`)).to.equal('a"b\\c\n\u0000\u007f');
    });

    const invalid: [string, string, string][] = [
      ["a lone continuation byte", "41 80 42", "A\ufffdB"],
      ["a sequence cut off at the end", "41 e2 82", "A\ufffd\ufffd"],
      ["an overlong two-byte encoding", "c0 af", "\ufffd\ufffd"],
      ["an overlong three-byte encoding", "e0 80 80", "\ufffd\ufffd\ufffd"],
      ["a bad third byte", "e2 82 41", "\ufffd\ufffdA"],
      ["a bad fourth byte", "f0 90 80 c0", "\ufffd\ufffd\ufffd\ufffd"],
      ["a UTF-16 surrogate", "ed a0 80", "\ufffd\ufffd\ufffd"],
      ["a code point above U+10FFFF", "f4 90 80 80", "\ufffd\ufffd\ufffd\ufffd"],
      ["a byte that never starts UTF-8", "f8", "\ufffd"],
    ];
    for (const [what, bytes, expected] of invalid) {
      it(`replaces ${what} with U+FFFD`, async function () {
        const { harness } = await loadFixture(fixture);
        expect(utf8.decode(ethers.getBytes(await harness.json(hex(bytes))))).to.equal(expected);
      });
    }

    it("keeps every well-formed character, the smallest and largest of each length included", async function () {
      const { harness } = await loadFixture(fixture);
      const text = "\u0080\u07ff\u0800\ud7ff\ue000\uffff\u{10000}\u{10ffff}🎓";
      const out = utf8.decode(ethers.getBytes(await harness.json(ethers.toUtf8Bytes(text))));
      expect(out).to.equal(text);
    });

    it("always yields a valid JSON string body, and the input itself when it was UTF-8", async function () {
      const { harness } = await loadFixture(fixture);
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), async (bytes) => {
          const out = utf8.decode(ethers.getBytes(await harness.json(bytes)));
          const parsed = JSON.parse(`"${out}"`) as string;
          let original: string | null;
          try {
            original = utf8.decode(bytes);
          } catch {
            original = null;
          }
          if (original !== null) expect(parsed).to.equal(original);
        }),
        { numRuns: RUNS },
      );
    });
  });

  describe("xml", function () {
    it("escapes markup, turns control characters into spaces and drops non-characters", async function () {
      const { harness } = await loadFixture(fixture);
      const out = utf8.decode(
        ethers.getBytes(await harness.xml(ethers.toUtf8Bytes(`<a href="x">'&'\n\u0001\ufffe`), 100)),
      );
      expect(out).to.equal("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;  \ufffd");
    });

    it("cuts at maxChars characters with an ellipsis", async function () {
      const { harness } = await loadFixture(fixture);
      const out = utf8.decode(ethers.getBytes(await harness.xml(ethers.toUtf8Bytes("🎓é<abc"), 3)));
      expect(out).to.equal("🎓é&lt;…");
      const exact = utf8.decode(ethers.getBytes(await harness.xml(ethers.toUtf8Bytes("abc"), 3)));
      expect(exact).to.equal("abc");
    });

    it("always yields well-formed XML text", async function () {
      const { harness } = await loadFixture(fixture);
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), fc.integer({ min: 0, max: 80 }), async (bytes, max) => {
          const out = utf8.decode(ethers.getBytes(await harness.xml(bytes, max)));
          expect(XMLValidator.validate(`<t a="${out}">${out}</t>`)).to.equal(true);
          // eslint-disable-next-line no-control-regex
          expect(out).to.not.match(/[\u0000-\u001f\ufffe\uffff<>"']/);
        }),
        { numRuns: RUNS },
      );
    });
  });
});
