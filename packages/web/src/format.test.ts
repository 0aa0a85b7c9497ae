import { describe, expect, it } from "vitest";

import { formatDate, formatValidity, parseAddress, safeHref, shortAddress } from "./format";

describe("parseAddress", () => {
  it("accepts lower case, upper case and correct checksums, and returns the checksummed form", () => {
    const checksummed = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";
    expect(parseAddress(checksummed.toLowerCase()).address).toBe(checksummed);
    expect(parseAddress(`  ${checksummed}\n`).address).toBe(checksummed);
    expect(parseAddress(`0x${checksummed.slice(2).toUpperCase()}`).address).toBe(checksummed);
  });

  it("refuses malformed input and wrong capitals with different sentences", () => {
    for (const bad of [
      "",
      "0x1234",
      "15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
      "0xZZd34AAf54267DB7D7c367839AAf71A00a2C6A65",
    ]) {
      expect(parseAddress(bad).error, bad).toMatch(/^That is not an Ethereum address/);
    }
    expect(parseAddress("0x15D34AAf54267DB7D7c367839AAf71A00a2C6A65").error).toMatch(/capitals do not match/);
  });

  it("says what is wrong: a missing 0x, a count of characters, the character that is not hexadecimal", () => {
    expect(parseAddress("15d34AAf54267DB7D7c367839AAf71A00a2C6A65").error).toBe(
      "That is not an Ethereum address: it should be 0x followed by 40 hexadecimal characters.",
    );
    expect(parseAddress("0x15d34aaf54267db7d7c367839aaf71a00a2c6a6").error).toBe(
      "That is not an Ethereum address: it has 39 hexadecimal characters after 0x, and an address has 40.",
    );
    expect(parseAddress("0x1").error).toMatch(/it has 1 hexadecimal character after 0x,/);
    expect(parseAddress("0X15d34aaf54267db7d7c367839aaf71a00a2c6a65").error).toMatch(
      /the x in 0x must be a small letter/,
    );
    expect(parseAddress("0x15d34aaf54267db7d7c367839aaf71a00a2c6a6O").error).toBe(
      "That is not an Ethereum address: “O” is not a hexadecimal character (0–9, a–f); " +
        "it should be 0x followed by 40 hexadecimal characters.",
    );
    expect(parseAddress("0x15d34aaf54267db7d7c367839aaf71a00a2c6a6\u0430").error).toMatch(
      /: U\+0430 is not a hexadecimal character/,
    );
  });
});

describe("formatting", () => {
  it("formats dates in UTC and 0 as a dash", () => {
    expect(formatDate(1_767_225_600n)).toBe("1 Jan 2026");
    expect(formatDate(0)).toBe("—");
  });

  it("formats validity periods for people", () => {
    expect(formatValidity(0)).toBe("Does not expire");
    expect(formatValidity(365 * 86_400)).toBe("1 year");
    expect(formatValidity(730 * 86_400)).toBe("2 years");
    expect(formatValidity(90 * 86_400)).toBe("90 days");
    expect(formatValidity(86_400)).toBe("1 day");
    expect(formatValidity(3_600)).toBe("3600 seconds");
  });

  it("shortens addresses", () => {
    expect(shortAddress("0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65")).toBe("0x15d3…6A65");
  });

  it("links only http(s) URLs from chain data", () => {
    expect(safeHref("https://northwind.example")).toBe("https://northwind.example");
    expect(safeHref("HTTP://x.example")).toBe("HTTP://x.example");
    for (const url of [
      "javascript:alert(1)",
      " javascript:alert(1)",
      "data:text/html,<b>x</b>",
      "//evil.example",
      "",
    ]) {
      expect(safeHref(url), url).toBeUndefined();
    }
  });
});
