import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * Deploys the metadata renderer, the credential registry (which deploys its administration
 * extension itself) and the registry's lens (a verifier's reads).
 *
 * Parameters (deploy/parameters/<network>.json or --parameters):
 * - admin: the account holding DEFAULT_ADMIN_ROLE (default: the deploying account)
 * - adminDelay: seconds an admin transfer must wait after it is begun (default: 3 days)
 * - externalBaseURI: the dApp's credential page prefix; token URIs link to <base><tokenId>
 *
 * Ignition records each deployment under deploy/deployments/chain-<id>/, and running the
 * module again on the same chain deploys nothing new.
 */
export default buildModule("OnChainCert", (m) => {
  const admin = m.getParameter("admin", m.getAccount(0));
  const adminDelay = m.getParameter("adminDelay", 3 * 24 * 60 * 60);
  const externalBaseURI = m.getParameter("externalBaseURI", "http://127.0.0.1:5173/credential/");

  const renderer = m.contract("CredentialRenderer");
  const registry = m.contract("CredentialRegistry", [
    admin,
    adminDelay,
    "OnChainCert Credential",
    "OCC",
    externalBaseURI,
    renderer,
  ]);
  const lens = m.contract("CredentialLens", [registry]);
  return { registry, renderer, lens };
});
