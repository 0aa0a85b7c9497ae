// The verifier's pages after the first: one chunk, loaded when a credential or an issuer is opened
// (its QR code library and event readers stay out of /verify/<address>'s budget).
export { CredentialPage } from "./CredentialPage";
export { IssuerPage } from "../issuer/IssuerPage";
export { TypePage } from "./TypePage";
export { VerifyFilePage } from "./VerifyFilePage";
