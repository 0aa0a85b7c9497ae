/**
 * The on-chain card, drawn by Chromium: for the widest strings the registry accepts (96-byte
 * names of wide letters, wide scripts and emoji, 280-byte notes), at 300 and 600 pixels wide,
 * no text box leaves the card or overlaps another, and every line an issuer wrote stays inside
 * its box. Screenshots of the cards land in test-results/cards/.
 */
import { expect } from "chai";
import { mkdirSync } from "node:fs";
import path from "node:path";
import hre, { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { Browser } from "playwright-core";

import { issuerNameKey } from "@onchaincert/sdk";

import { launchChromium } from "../scripts/lib/chromium";
import { Kind, Reason, registryWithType, typeInput } from "./helpers/fixtures";
import { decodeTokenURI, fitBytes } from "./helpers/metadata";

const NONE = ethers.ZeroHash;
const SHOTS = path.resolve(__dirname, "..", "test-results", "cards");
const coverage = (hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING;

/** The widest names the registry takes: 96 bytes of the widest letters, scripts and symbols. */
const WIDEST = [
  "W".repeat(96),
  "@".repeat(96),
  "m".repeat(96),
  "Ш".repeat(48),
  "龍".repeat(32),
  "🎓".repeat(24),
  "ＷＩＤＥ".repeat(8),
  fitBytes("مدرسة الشمال للتدريب المهني والتقني ".repeat(4), 96),
  fitBytes("Ünïvérsïtät für Wéltwïrtschäft ".repeat(4), 96),
  fitBytes("W😀Ш龍".repeat(12), 96),
];
/** Glyphs far wider than any width estimate (a single one spans several ems): only the clip holds them. */
const BEYOND_ESTIMATE = ["﷽".repeat(32), fitBytes("e" + "\u0301\u0302\u0303\u0304".repeat(30), 96)];

interface Box {
  what: string;
  x: number;
  y: number;
  r: number;
  b: number;
}

/** What Chromium measured on one card: every text (with the clip box it is drawn in) and the status pill. */
interface Measured {
  texts: { what: string; box: Box; clip?: Box }[];
  pill: Box;
}

/** One device pixel, in card units (600 across): what rounding may move a box by. */
let px = 1;
const overlap = (a: Box, b: Box) =>
  Math.min(a.r, b.r) - Math.max(a.x, b.x) > px && Math.min(a.b, b.b) - Math.max(a.y, b.y) > px;
const inside = (a: Box, b: Box) => a.x >= b.x - px && a.r <= b.r + px && a.y >= b.y - px && a.b <= b.b + px;
const clipped = (a: Box, c?: Box): Box =>
  c ? { what: a.what, x: Math.max(a.x, c.x), y: Math.max(a.y, c.y), r: Math.min(a.r, c.r), b: Math.min(a.b, c.b) } : a;

/** Inside the card's border (6 px wide, centred on the 572 x 352 frame at 14, 14). */
const CARD: Box = { what: "card", x: 17, y: 17, r: 583, b: 363 };

(coverage ? describe.skip : describe)("CredentialRenderer card layout in Chromium", function () {
  let browser: Browser;
  before(async function () {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchChromium();
  });
  after(async function () {
    await browser?.close();
  });

  /** Every card of every kind and status, for each of `names`: its SVG, with a label. */
  async function cards(names: string[]) {
    const d = await registryWithType();
    const r = d.registry.connect(d.issuerA);
    const now = await time.latest();
    const out: { label: string; svg: string }[] = [];
    const ids: { label: string; id: number; issuerName: string }[] = [];
    let id = 0;
    for (const [i, name] of names.entries()) {
      const kind = [Kind.ProfessionalDevelopmentCredit, Kind.SkillCertification, Kind.Certificate, Kind.Badge][i % 4];
      await r.createCredentialType(typeInput({ name, kind, credits: 4_294_967_295, validityPeriod: 0 }));
      const typeId = i + 2;
      const note = fitBytes(names[(i + 2) % names.length]!.repeat(4), 280);
      const issuerName = names[(i + 1) % names.length]!;
      // Valid, expiring in 12 days; revoked with the longest reason and note; expired; does not expire.
      await r.issue(typeId, d.holders[0]!.address, now + 12 * 86400 + 3 * 3600, NONE);
      ids.push({ label: `${i}-valid`, id: ++id, issuerName });
      await r.issue(typeId, d.holders[1]!.address, 0, NONE);
      await r.revoke(++id, Reason.RequirementsNotMet, note);
      ids.push({ label: `${i}-revoked`, id, issuerName });
      await r.issue(typeId, d.holders[2]!.address, now + 3600, NONE);
      ids.push({ label: `${i}-expired`, id: ++id, issuerName });
    }
    // A stack whose component was revoked: the longest reason, "A component credential was revoked".
    await r.createCredentialType(typeInput({ name: names[0], validityPeriod: 0 }));
    const component = names.length + 2;
    await r.createCredentialType(
      typeInput({ name: names[1], components: [component, 1], requiredComponents: 2, validityPeriod: 0 }),
    );
    await r.issue(component, d.holders[3]!.address, 0, NONE);
    await r.issue(1, d.holders[3]!.address, 0, NONE);
    await d.registry.claimStack(component + 1, d.holders[3]!.address);
    const stack = id + 3;
    ids.push({ label: "stack", id: stack, issuerName: names[2 % names.length]! });
    await time.increase(7200);
    for (const { label, id: tokenId, issuerName } of ids) {
      await d.registry.connect(d.admin).renameIssuer(d.acme, issuerName, issuerNameKey(`${issuerName} ${label}`));
      out.push({ label, svg: decodeTokenURI(await d.registry.tokenURI(tokenId)).svg });
    }
    await r.revoke(component, Reason.Misconduct, "");
    out.push({ label: "stack-revoked", svg: decodeTokenURI(await d.registry.tokenURI(stack)).svg });
    return out;
  }

  /** Draws every card at `width` pixels in one page and measures each; screenshots those `shots` names. */
  async function measure(
    cards: readonly { label: string; svg: string }[],
    width: number,
    shots: (label: string) => boolean = () => false,
  ): Promise<Measured[]> {
    px = 600 / width;
    const page = await browser.newPage({ viewport: { width: width + 40, height: 800 } });
    try {
      const drawn = cards.map(
        ({ svg }) =>
          `<div style="width:${width}px;margin-bottom:12px">` +
          svg.replace("<svg ", '<svg class="card" style="width:100%;height:auto;display:block" ') +
          "</div>",
      );
      await page.setContent(`<body style="margin:20px;background:#fff">${drawn.join("")}</body>`);
      for (const [i, { label }] of cards.entries()) {
        if (shots(label))
          await page
            .locator("svg.card")
            .nth(i)
            .screenshot({ path: path.join(SHOTS, `${label}-${width}.png`) });
      }
      return await page.evaluate(() =>
        [...document.querySelectorAll("svg.card")].map((root) => {
          const frame = root.getBoundingClientRect();
          const k = 600 / frame.width;
          const card = (what: string, b: DOMRect) => ({
            what,
            x: (b.left - frame.left) * k,
            y: (b.top - frame.top) * k,
            r: (b.right - frame.left) * k,
            b: (b.bottom - frame.top) * k,
          });
          const attr = (e: Element, name: string) => Number(e.getAttribute(name));
          const texts = [...root.querySelectorAll("text")].map((t) => {
            const what = (t.textContent ?? "").slice(0, 30);
            const parent = t.parentElement!;
            // A line someone else wrote is drawn in a nested <svg>, its clipping box.
            const clip =
              parent !== root && parent.tagName === "svg"
                ? {
                    what,
                    x: attr(parent, "x"),
                    y: attr(parent, "y"),
                    r: attr(parent, "x") + attr(parent, "width"),
                    b: attr(parent, "y") + attr(parent, "height"),
                  }
                : undefined;
            return { what, box: card(what, t.getBoundingClientRect()), clip };
          });
          const pill = [...root.querySelectorAll("rect")].find((r) => r.getAttribute("rx") === "18")!;
          return { texts, pill: card("status pill", pill.getBoundingClientRect()) };
        }),
      );
    } finally {
      await page.close();
    }
  }

  function checkLayout(label: string, m: Measured, estimable: boolean) {
    const [pillText, ...rest] = [
      m.texts.find((t) => t.box.x > 424 && t.box.y < 80)!,
      ...m.texts.filter((t) => !(t.box.x > 424 && t.box.y < 80)),
    ];
    expect(pillText, `${label}: the status pill has its label`).to.not.equal(undefined);
    expect(inside(pillText!.box, m.pill), `${label}: "${pillText!.what}" stays in its pill`).to.equal(true);
    const shown = rest.map((t) => clipped(t.box, t.clip));
    for (const [i, t] of rest.entries()) {
      if (t.clip) expect(inside(t.clip, CARD), `${label}: the box of "${t.what}" is inside the card`).to.equal(true);
      if (t.clip && estimable) {
        expect(t.box.x, `${label}: "${t.what}" starts in its box`).to.be.at.least(t.clip.x - px);
        expect(t.box.r, `${label}: "${t.what}" ends in its box`).to.be.at.most(t.clip.r + px);
      }
      expect(inside(shown[i]!, CARD), `${label}: "${t.what}" is inside the card`).to.equal(true);
      expect(overlap(shown[i]!, m.pill), `${label}: "${t.what}" runs under the status pill`).to.equal(false);
      for (let j = i + 1; j < rest.length; j++) {
        expect(overlap(shown[i]!, shown[j]!), `${label}: "${t.what}" overlaps "${rest[j]!.what}"`).to.equal(false);
      }
    }
  }

  it("fits the widest names, notes and numbers the registry accepts, at 300 and 600 pixels", async function () {
    const all = await cards(WIDEST);
    expect(all.length).to.equal(WIDEST.length * 3 + 2);
    for (const width of [300, 600]) {
      const measured = await measure(all, width, (label) => /^[05]-|^stack/.test(label));
      measured.forEach((m, i) => checkLayout(`${all[i]!.label} at ${width} px`, m, true));
    }
  });

  it("keeps glyphs wider than any estimate inside their boxes by clipping", async function () {
    const all = await cards(BEYOND_ESTIMATE);
    const measured = await measure(all, 600);
    measured.forEach((m, i) => checkLayout(`${all[i]!.label} (beyond estimate)`, m, false));
  });

  it('shows the kind, the status and "expires in 12 days" without touching', async function () {
    const all = await cards(["Cloud Fundamentals", "Northwind University"]);
    const valid = all.find((c) => c.label === "0-valid")!.svg;
    expect(valid).to.contain("PROFESSIONAL DEVELOPMENT CREDIT");
    expect(valid).to.contain("expires in 12 days");
    expect(valid).to.contain("42949672.95 credits");
    const measured = await measure(all, 300, (label) => label === "0-valid" || label === "0-revoked");
    measured.forEach((m, i) => checkLayout(`${all[i]!.label} (plain)`, m, true));
  });
});
