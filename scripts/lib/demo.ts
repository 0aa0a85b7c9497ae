/**
 * The demo data set: one platform admin, two issuer organisations, twelve credential types of
 * all four kinds (one of them a stack), and about thirty credentials across six recipients,
 * some revoked, some expired, one stacked qualification invalidated by a revoked component.
 *
 * Used by `pnpm dev` (against the local node) and by test/deploy.test.ts (in-process).
 * No personal data goes on-chain: recipient names below are labels for the printout only.
 */
import { ethers } from "ethers";
import type { Signer } from "ethers";
import { issuerNameKey } from "@onchaincert/sdk";
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

const YEAR = 365 * 24 * 60 * 60;
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
];

export interface DemoSummary {
  registry: string;
  issuers: string[];
  typeCount: number;
  credentialCount: number;
  recipients: string[];
}

/**
 * Seeds the demo into a freshly deployed registry whose admin is `signers[0]`.
 * `advanceTime` moves the chain clock (used once, so a few credentials end up expired).
 */
export async function seedDemo(
  registry: CredentialRegistry,
  signers: Signer[],
  advanceTime: (seconds: number) => Promise<unknown>,
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

  const block = await registry.runner!.provider!.getBlock("latest");
  const soon = BigInt(block!.timestamp + 120); // these expire once the clock moves on

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
  await send(contoso.issueBatch(8, [carol, dave, frank], [0n, soon, 0n], [])); // Dave's expires
  await send(contoso.issueBatch(9, [carol, dave, frank], [], []));
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

  await advanceTime(600);

  return {
    registry: await registry.getAddress(),
    issuers: [await northwindSigner.getAddress(), await contosoSigner.getAddress()],
    typeCount: Number(await registry.typeCount()),
    credentialCount: Number(await registry.totalIssued()),
    recipients,
  };
}
