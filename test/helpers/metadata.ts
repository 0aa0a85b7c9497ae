import { XMLParser, XMLValidator } from "fast-xml-parser";
import { expect } from "chai";

export interface Metadata {
  name: string;
  description: string;
  external_url: string;
  image: string;
  criteria_url: string;
  attributes: { trait_type: string; value: string | number; display_type?: string }[];
}

/**
 * Decodes a `data:application/json;base64,` token URI, asserting on the way that the JSON
 * parses and that the embedded SVG is well-formed XML with no script or external reference.
 */
export function decodeTokenURI(uri: string): { json: Metadata; svg: string } {
  const jsonPrefix = "data:application/json;base64,";
  expect(uri.startsWith(jsonPrefix), "token URI is a base64 JSON data URI").to.equal(true);
  const raw = Buffer.from(uri.slice(jsonPrefix.length), "base64");
  // The bytes must be valid UTF-8: a lossless round trip proves it.
  const text = new TextDecoder("utf-8", { fatal: true }).decode(raw);
  const json = JSON.parse(text) as Metadata;

  const svgPrefix = "data:image/svg+xml;base64,";
  expect(json.image.startsWith(svgPrefix), "image is a base64 SVG data URI").to.equal(true);
  const svgBytes = Buffer.from(json.image.slice(svgPrefix.length), "base64");
  const svg = new TextDecoder("utf-8", { fatal: true }).decode(svgBytes);
  const valid = XMLValidator.validate(svg);
  expect(valid, `SVG is well-formed XML: ${JSON.stringify(valid)}`).to.equal(true);
  expect(svg).to.match(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  expect(svg.endsWith("</svg>")).to.equal(true);
  // Exactly one root element; only the elements we draw; no event handlers or links.
  expect(svg).to.not.match(/<!ENTITY|<!DOCTYPE|<\?xml-stylesheet/i);
  const tree = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", preserveOrder: true }).parse(svg);
  expect(tree.length).to.equal(1);
  assertSafeSvg(tree);
  // Characters XML 1.0 forbids in text.
  // eslint-disable-next-line no-control-regex
  expect(svg).to.not.match(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
  return { json, svg };
}

type Node = Record<string, unknown>;
const ALLOWED_ELEMENTS = new Set(["svg", "g", "rect", "text", "#text", ":@"]);

function assertSafeSvg(nodes: Node[]): void {
  for (const node of nodes) {
    for (const [key, value] of Object.entries(node)) {
      if (key === ":@") {
        for (const attr of Object.keys(value as Node)) {
          expect(attr.toLowerCase(), "no event handler attributes").to.not.match(/^@on/);
          expect(attr.toLowerCase(), "no links").to.not.match(/href$/);
        }
        continue;
      }
      expect(ALLOWED_ELEMENTS.has(key), `unexpected element <${key}>`).to.equal(true);
      if (Array.isArray(value)) assertSafeSvg(value as Node[]);
    }
  }
}

export function attribute(json: Metadata, trait: string): string | number | undefined {
  return json.attributes.find((a) => a.trait_type === trait)?.value;
}

/** The longest prefix of `s` that fits `max` UTF-8 bytes without splitting a character. */
export function fitBytes(s: string, max: number): string {
  let out = "";
  for (const ch of s) {
    if (Buffer.byteLength(out + ch) > max) break;
    out += ch;
  }
  return out;
}
