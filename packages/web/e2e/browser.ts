// The Chromium launcher lives with the repository's shared test tools (the contracts' card layout test uses it too).
export { launchChromium } from "../../../scripts/lib/chromium";
