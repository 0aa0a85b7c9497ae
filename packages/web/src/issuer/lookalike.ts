// Loaded on demand by useLookAlikes: Unicode's confusables table stays out of the first page load.
export { lookAlikeGroups, lookAlikeIssuers } from "@onchaincert/sdk";
