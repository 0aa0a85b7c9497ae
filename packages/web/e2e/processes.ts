// The repository's one helper for processes that tests start (free ports, process groups).
export { freePort, freePorts, spawnGroup, stopGroup, waitForOutput } from "../../../scripts/lib/processes";
