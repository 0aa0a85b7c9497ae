export { credentialRegistryAbi, credentialRendererAbi } from "./generated/abis";
export { deployments } from "./generated/deployments";
export * from "./status";
export * from "./errors";
export * from "./credentials";
