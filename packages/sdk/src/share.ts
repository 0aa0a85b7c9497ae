/**
 * Sharing a credential outside the dApp: LinkedIn's "Add license or certification" link, and
 * snippets that embed a link to the credential in a website (HTML) or a README (Markdown). Every
 * string is the chain's, so each is encoded for where it goes.
 */

export interface ShareFacts {
  /** The credential type's name. */
  name: string;
  /** The issuing organisation's name. */
  issuerName: string;
  /** Unix seconds. */
  issuedAt: bigint;
  /** Unix seconds; 0 when it does not expire. */
  validUntil: bigint;
  /** The credential's page. */
  url: string;
  tokenId: bigint;
}

/**
 * LinkedIn's add-to-profile link for a certification (name, organisation, issue and expiry
 * month and year, credential URL and id), every value URL-encoded.
 */
export function linkedInAddUrl(facts: ShareFacts): string {
  const params = new URLSearchParams({ startTask: "CERTIFICATION_NAME", name: facts.name });
  params.set("organizationName", facts.issuerName);
  const issued = new Date(Number(facts.issuedAt) * 1000);
  params.set("issueYear", String(issued.getUTCFullYear()));
  params.set("issueMonth", String(issued.getUTCMonth() + 1));
  if (facts.validUntil > 0n) {
    const expires = new Date(Number(facts.validUntil) * 1000);
    params.set("expirationYear", String(expires.getUTCFullYear()));
    params.set("expirationMonth", String(expires.getUTCMonth() + 1));
  }
  params.set("certUrl", facts.url);
  params.set("certId", facts.tokenId.toString());
  return `https://www.linkedin.com/profile/add?${params.toString()}`;
}

/** A link to the credential for a web page (HTML) and for a README (Markdown). */
export function embedSnippets(facts: Pick<ShareFacts, "name" | "issuerName" | "url">): {
  html: string;
  markdown: string;
} {
  // "view", not "verified": the link outlives the credential's validity; its page says it now.
  const label = `${facts.name} — ${facts.issuerName} (view on OnChainCert)`;
  return {
    html: `<a href="${escapeHtml(facts.url)}" rel="noopener">${escapeHtml(label)}</a>`,
    markdown: `[${escapeMarkdown(label)}](<${facts.url.replace(/[<>\\\s]/g, encodeURIComponent)}>)`,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** Markdown's punctuation escaped, and line breaks folded, so a name stays one link's text. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, "\\$&").replace(/[\r\n\u2028\u2029]+/g, " ");
}
