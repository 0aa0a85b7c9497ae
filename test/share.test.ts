import { expect } from "chai";

import { embedSnippets, linkedInAddUrl } from "@onchaincert/sdk";

const FACTS = {
  name: "Cloud Fundamentals",
  issuerName: "Northwind Institute of Technology",
  issuedAt: 1_795_910_400n, // 2026-11-29
  validUntil: 1_858_982_400n, // 2028-11-28
  url: "https://verify.example.org/credential/9?chain=8453",
  tokenId: 9n,
};

describe("sharing a credential", function () {
  it("fills LinkedIn's add-certification link: name, organisation, issue and expiry month, URL and id", function () {
    const url = new URL(linkedInAddUrl(FACTS));
    expect(url.origin + url.pathname).to.equal("https://www.linkedin.com/profile/add");
    expect(Object.fromEntries(url.searchParams)).to.deep.equal({
      startTask: "CERTIFICATION_NAME",
      name: "Cloud Fundamentals",
      organizationName: "Northwind Institute of Technology",
      issueYear: "2026",
      issueMonth: "11",
      expirationYear: "2028",
      expirationMonth: "11",
      certUrl: "https://verify.example.org/credential/9?chain=8453",
      certId: "9",
    });
  });

  it("leaves out the expiry of a credential that does not expire", function () {
    const params = new URL(linkedInAddUrl({ ...FACTS, validUntil: 0n })).searchParams;
    expect(params.has("expirationYear")).to.equal(false);
    expect(params.has("expirationMonth")).to.equal(false);
  });

  it("encodes every field: a name with &, =, #, + and %, right-to-left and emoji text, comes back as it was", function () {
    const hostile = {
      ...FACTS,
      name: "R&D = 100% #1 + more?certId=666&x",
      issuerName: "معهد \u202Enorthwind 🎓 & Co",
      url: "https://verify.example.org/credential/9?chain=8453&a=b#frag",
    };
    const raw = linkedInAddUrl(hostile);
    expect(raw).not.to.match(/[ #\u202E🎓]/u);
    const params = new URL(raw).searchParams;
    expect(params.get("name")).to.equal(hostile.name);
    expect(params.get("organizationName")).to.equal(hostile.issuerName);
    expect(params.get("certUrl")).to.equal(hostile.url);
    expect(params.getAll("certId")).to.deep.equal(["9"]);
  });

  it("makes HTML and Markdown links whose text cannot become markup", function () {
    expect(embedSnippets(FACTS)).to.deep.equal({
      html: '<a href="https://verify.example.org/credential/9?chain=8453" rel="noopener">Cloud Fundamentals — Northwind Institute of Technology (view on OnChainCert)</a>',
      markdown:
        "[Cloud Fundamentals — Northwind Institute of Technology \\(view on OnChainCert\\)](<https://verify.example.org/credential/9?chain=8453>)",
    });
    const { html, markdown } = embedSnippets({
      name: "<img src=x onerror=\"alert(1)\"> & 'q'",
      issuerName: "](javascript:alert(1)) [x]\n# heading",
      url: 'https://x.example/credential/1?a="><script>',
    });
    expect(html).to.equal(
      '<a href="https://x.example/credential/1?a=&quot;&gt;&lt;script&gt;" rel="noopener">&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;q&#39; — ](javascript:alert(1)) [x]\n# heading (view on OnChainCert)</a>',
    );
    expect(markdown).to.equal(
      '[\\<img src=x onerror="alert\\(1\\)"\\> & \'q\' — \\]\\(javascript:alert\\(1\\)\\) \\[x\\] \\# heading \\(view on OnChainCert\\)](<https://x.example/credential/1?a="%3E%3Cscript%3E>)',
    );
  });

  it("keeps a Markdown link whole when the URL holds a backslash or angle brackets", function () {
    expect(embedSnippets({ ...FACTS, url: "https://x.example/credential/1?a=\\>b" }).markdown).to.match(
      /\]\(<https:\/\/x\.example\/credential\/1\?a=%5C%3Eb>\)$/,
    );
  });
});
