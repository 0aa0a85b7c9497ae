/**
 * The demo data set: one platform admin, two issuer organisations, seventeen credential types of
 * all four kinds (one of them a stack), and over thirty credentials across six recipients,
 * some revoked, some expired, one stacked qualification invalidated by a revoked component.
 * Carol, a nurse, earned professional-development credits over the last forty months, so a
 * verifier sees totals differ by period; two of her credentials expire within 90 days.
 *
 * Used by `pnpm dev` (against the local node) and by test/deploy.test.ts (in-process).
 * No personal data goes on-chain: recipient names below are labels for the printout only.
 */
import { ethers } from "ethers";
import type { Signer } from "ethers";
import { buildRound, claimUrl, issuerNameKey, newRoundSeed, roundLink } from "@onchaincert/sdk";
import type { CredentialRegistry } from "../../typechain-types";

export const DEMO_ROLES = [
  { index: 0, label: "Platform admin" },
  { index: 1, label: "Issuer: Northwind Institute of Technology" },
  { index: 2, label: "Issuer: Contoso Health Academy" },
  { index: 3, label: "Recipient: Alice" },
  { index: 4, label: "Recipient: Bob" },
  { index: 5, label: "Recipient: Carol" },
  { index: 6, label: "Recipient: Dave" },
  { index: 7, label: "Recipient: Eve" },
  { index: 8, label: "Recipient: Frank" },
] as const;

const DAY = 24 * 60 * 60;
const YEAR = 365 * DAY;
const KIND = { Badge: 0, Certificate: 1, SkillCertification: 2, ProfessionalDevelopmentCredit: 3 } as const;
const NONE = ethers.ZeroHash;

interface TypeSpec {
  issuer: 1 | 2;
  name: string;
  description: string;
  kind: number;
  credits?: number;
  validityYears: number;
  slug: string;
  components?: number[];
  required?: number;
}

/** Type ids are assigned in this order, starting at 1. */
export const DEMO_TYPES: TypeSpec[] = [
  {
    issuer: 1,
    slug: "cloud",
    name: "Cloud Fundamentals",
    kind: KIND.Certificate,
    validityYears: 2,
    description: "Deploys, monitors and secures a small service on a public cloud.",
  },
  {
    issuer: 1,
    slug: "k8s",
    name: "Container Orchestration",
    kind: KIND.SkillCertification,
    validityYears: 2,
    description: "Runs containerised workloads on Kubernetes: deployments, services, rollouts.",
  },
  {
    issuer: 1,
    slug: "iac",
    name: "Infrastructure as Code",
    kind: KIND.SkillCertification,
    validityYears: 2,
    description: "Describes and changes infrastructure through reviewed, versioned code.",
  },
  {
    issuer: 1,
    slug: "secure-coding",
    name: "Secure Coding",
    kind: KIND.Badge,
    validityYears: 0,
    description: "Completed the secure coding workshop: input validation, secrets, dependencies.",
  },
  {
    issuer: 1,
    slug: "cloud-engineer",
    name: "Cloud Engineer Professional",
    kind: KIND.Certificate,
    validityYears: 3,
    description:
      "Stacked qualification: any two of Cloud Fundamentals, Container Orchestration, Infrastructure as Code.",
    components: [1, 2, 3],
    required: 2,
  },
  {
    issuer: 1,
    slug: "data-literacy",
    name: "Data Literacy",
    kind: KIND.Badge,
    validityYears: 0,
    description: "Reads, questions and presents data responsibly.",
  },
  {
    issuer: 1,
    slug: "python-analysts",
    name: "Python for Analysts",
    kind: KIND.Certificate,
    validityYears: 1,
    description: "Cleans, analyses and plots data sets with Python and pandas.",
  },
  {
    issuer: 2,
    slug: "bls",
    name: "Basic Life Support",
    kind: KIND.SkillCertification,
    validityYears: 1,
    description: "Performs CPR and uses an AED on adults, to the resuscitation council standard.",
  },
  {
    issuer: 2,
    slug: "infection-cpd",
    name: "Infection Prevention CPD",
    kind: KIND.ProfessionalDevelopmentCredit,
    credits: 150,
    validityYears: 1,
    description: "1.5 CEU of infection prevention and control.",
  },
  {
    issuer: 2,
    slug: "safeguarding-cpd",
    name: "Safeguarding Adults CPD",
    kind: KIND.ProfessionalDevelopmentCredit,
    credits: 200,
    validityYears: 2,
    description: "2.0 CEU on recognising and reporting abuse and neglect.",
  },
  {
    issuer: 2,
    slug: "medication-safety",
    name: "Medication Safety",
    kind: KIND.Badge,
    validityYears: 0,
    description: "Completed the medication safety e-learning module.",
  },
  {
    issuer: 2,
    slug: "manual-handling-2025",
    name: "Manual Handling (2025 syllabus)",
    kind: KIND.Certificate,
    validityYears: 3,
    description: "Safe moving and handling of people; retired in favour of the 2026 syllabus.",
  },
  {
    issuer: 2,
    slug: "mhfa-cpd",
    name: "Mental Health First Aid CPD",
    kind: KIND.ProfessionalDevelopmentCredit,
    credits: 400,
    validityYears: 3,
    description: "4.0 CEU: recognising mental health crises and giving first support.",
  },
  {
    issuer: 2,
    slug: "dementia-cpd",
    name: "Dementia Care CPD",
    kind: KIND.ProfessionalDevelopmentCredit,
    credits: 300,
    validityYears: 0,
    description: "3.0 CEU on person-centred care for people living with dementia.",
  },
  {
    issuer: 2,
    slug: "pain-cpd",
    name: "Pain Management CPD",
    kind: KIND.ProfessionalDevelopmentCredit,
    credits: 250,
    validityYears: 2,
    description: "2.5 CEU on assessing and managing acute and chronic pain.",
  },
  {
    issuer: 2,
    slug: "wound-cpd",
    name: "Wound Care Update CPD",
    kind: KIND.ProfessionalDevelopmentCredit,
    credits: 100,
    validityYears: 1,
    description: "1.0 CEU: current practice in wound assessment and dressing selection.",
  },
  {
    issuer: 2,
    slug: "nutrition-cpd",
    name: "Nutrition and Hydration CPD",
    kind: KIND.ProfessionalDevelopmentCredit,
    credits: 125,
    validityYears: 1,
    description: "1.25 CEU on screening for malnutrition and supporting hydration.",
  },
];

/** How far back the demo's history reaches: the chain must start at least this long before "now". */
export const DEMO_HISTORY_SECONDS = 1240 * DAY;

export interface DemoSummary {
  registry: string;
  issuers: string[];
  typeCount: number;
  credentialCount: number;
  recipients: string[];
}

/**
 * Seeds the demo into a freshly deployed registry whose admin is `signers[0]`.
 * `travelTo(t)` moves the chain clock forward to Unix time t. The seed ends at `now` (the wall
 * clock) when the chain started DEMO_HISTORY_SECONDS before it (`pnpm dev` starts its node so),
 * else that long after the chain's start; Carol's credits are earned months and years before.
 */
export async function seedDemo(
  registry: CredentialRegistry,
  signers: Signer[],
  travelTo: (timestamp: number) => Promise<unknown>,
  criteriaBase = "https://demo.onchaincert.example/criteria/",
): Promise<DemoSummary> {
  const [admin, northwindSigner, contosoSigner] = signers;
  const recipients = await Promise.all(signers.slice(3, 9).map((s) => s.getAddress()));
  const [alice, bob, carol, dave, eve, frank] = recipients;
  const northwind = registry.connect(northwindSigner);
  const contoso = registry.connect(contosoSigner);
  const send = async (tx: Promise<{ wait(): Promise<unknown> }>) => (await tx).wait();
  const evidence = (label: string) => ethers.keccak256(ethers.toUtf8Bytes(`demo-evidence:${label}`));

  // Issuer 1 and issuer 2; the admin registers each with its vetted name's key (see the SDK's issuerNameKey).
  const register = async (signer: Signer, name: string, url: string) =>
    send(registry.connect(admin).registerIssuer(await signer.getAddress(), name, issuerNameKey(name), url));
  await register(northwindSigner, "Northwind Institute of Technology", "https://northwind.example");
  await register(contosoSigner, "Contoso Health Academy", "https://contoso-health.example");

  for (const t of DEMO_TYPES) {
    await send(
      (t.issuer === 1 ? northwind : contoso).createCredentialType({
        name: t.name,
        description: t.description,
        kind: t.kind,
        credits: t.credits ?? 0,
        validityPeriod: t.validityYears * YEAR,
        criteriaURL: `${criteriaBase}${t.slug}`,
        imageURL: "",
        components: t.components ?? [],
        requiredComponents: t.required ?? 0,
      }),
    );
  }
  // Northwind lets Contoso (issuer 2) award its Data Literacy badge too, in Northwind's name.
  await send(northwind.setTypeDelegate(6, 2, true));

  const latest = async () => (await registry.runner!.provider!.getBlock("latest"))!.timestamp;
  const start = await latest();
  const now = Math.max(start + DEMO_HISTORY_SECONDS, Math.floor(Date.now() / 1000));
  // Two hours before the day, so "expires in 12 days" reads 12 on the day it is seeded.
  const daysAgo = (days: number) => travelTo(now - days * DAY - 2 * 60 * 60);

  // Carol's history, oldest first. Her credit totals: 3.50 over 12 months (1.50 + 2.00, issued
  // below), 7.00 over 24 (6.00 valid only: Wound Care expired), 10.00 over 36, 14.00 in all.
  await daysAgo(1217); // about 40 months: expired after its 3 years
  await send(contoso.issue(13, carol, 0, NONE));
  await daysAgo(913); // 30 months: never expires
  await send(contoso.issue(14, carol, 0, evidence("dementia-carol")));
  await daysAgo(609); // 20 months: valid for 4 more
  await send(contoso.issue(15, carol, 0, NONE));
  await daysAgo(426); // 14 months: expired 2 months ago, its credits still count
  await send(contoso.issue(16, carol, 0, NONE));
  await daysAgo(353); // expires in 12 days
  await send(contoso.issue(9, carol, 0, NONE));
  await daysAgo(320); // Basic Life Support, expires in 45 days
  await send(contoso.issue(8, carol, 0, NONE));
  // Frank's nutrition module was recorded in error and revoked: it counts for no one.
  await daysAgo(152);
  await send(contoso.issue(17, frank, 0, NONE));
  await daysAgo(120);
  await send(contoso.revoke(await registry.latestCredentialOf(frank, 17), 2, "Attendance was not recorded"));

  await travelTo(now - 15 * 60);
  const soon = BigInt((await latest()) + 120); // these expire once the clock moves on

  // Northwind: a cohort of Cloud Fundamentals in one batch, with evidence for each.
  await send(
    northwind.issueBatch(
      1,
      [alice, bob, dave, eve],
      [],
      [evidence("cloud-alice"), evidence("cloud-bob"), evidence("cloud-dave"), evidence("cloud-eve")],
    ),
  );
  await send(northwind.issueBatch(2, [alice, eve], [], []));
  await send(northwind.issueBatch(3, [alice, bob], [], []));
  await send(northwind.issueBatch(4, [alice, eve, frank], [], []));
  await send(northwind.issue(6, alice, 0, NONE));
  await send(northwind.issue(7, bob, 0, evidence("python-bob")));
  await send(northwind.issue(7, eve, soon, NONE)); // expires

  // Contoso: health-care CPD and certifications.
  await send(contoso.issueBatch(8, [dave, frank], [soon, 0n], [])); // Dave's expires
  await send(contoso.issueBatch(9, [dave, frank], [], []));
  await send(contoso.issueBatch(10, [carol, frank], [], []));
  await send(contoso.issueBatch(11, [carol, frank], [], []));
  await send(contoso.issue(12, frank, 0, NONE));
  await send(contoso.issue(6, carol, 0, NONE)); // as Northwind's delegate
  await send(contoso.issue(6, dave, 0, NONE));

  // Stacks: Alice and Bob each hold two components of Cloud Engineer Professional.
  await send(registry.claimStack(5, alice));
  await send(registry.claimStack(5, bob));

  // Revocations: Dave's Cloud Fundamentals was issued in error; Bob's IaC assessment was
  // found to be irregular, which also invalidates Bob's stacked qualification.
  const tokenOf = (holder: string, typeId: number) => registry.latestCredentialOf(holder, typeId);
  await send(northwind.revoke(await tokenOf(dave, 1), 2, "Issued to the wrong cohort"));
  await send(northwind.revoke(await tokenOf(bob, 3), 3, "Assessment irregularity under review board decision 2026-14"));

  // Retire the 2025 manual-handling syllabus; Frank's certificate stays valid.
  await send(contoso.retireCredentialType(12, 0));

  // Eve renounces the Secure Coding badge she did not want on her profile.
  const eveSigner = signers[7];
  await send(registry.connect(eveSigner).renounce(await tokenOf(eve, 4)));

  await travelTo(Math.max((await latest()) + 600, now));

  return {
    registry: await registry.getAddress(),
    issuers: [await northwindSigner.getAddress(), await contosoSigner.getAddress()],
    typeCount: Number(await registry.typeCount()),
    credentialCount: Number(await registry.totalIssued()),
    recipients,
  };
}

/**
 * A claim round for people without a wallet yet: Northwind (#1) offers its "Secure Coding" badge
 * (type 4) through three claim links, the second with evidence, the third voided (a lost email).
 * Returns the links' URLs under `appBase` for `pnpm dev` to print.
 */
export async function openDemoRound(
  claims: { connect(signer: Signer): unknown; getAddress(): Promise<string> },
  signers: Signer[],
  chainId: number,
  appBase: string,
): Promise<{ open: string; withEvidence: string; voided: string; roundId: bigint }> {
  const northwind = claims.connect(signers[1]!) as unknown as {
    openRound(
      typeId: number,
      root: string,
      size: number,
      deadline: number,
    ): Promise<ethers.ContractTransactionResponse>;
    voidLink(roundId: bigint, index: number): Promise<ethers.ContractTransactionResponse>;
    roundCount(): Promise<bigint>;
  };
  const rows = [0, 1, 2].map((index) => ({
    row: index + 2,
    index,
    validUntil: 0n,
    evidenceHash: (index === 1
      ? ethers.id("https://lms.northwind.example/assessments/secure-coding/2207")
      : ethers.ZeroHash) as `0x${string}`,
  }));
  const built = await buildRound(newRoundSeed(), rows);
  await (await northwind.openRound(4, built.tree.root, rows.length, 0)).wait();
  const roundId = await northwind.roundCount();
  await (await northwind.voidLink(roundId, 2)).wait();
  const url = (i: number) => claimUrl(appBase, roundLink(built, chainId, roundId, rows[i]!));
  return { open: url(0), withEvidence: url(1), voided: url(2), roundId };
}
