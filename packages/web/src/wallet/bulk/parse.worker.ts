/// <reference lib="webworker" />
/** Parses and checks a CSV off the main thread, so 10,000 rows do not freeze the page. */
import { parseCsvAndCheck, type ParseRequest } from "./parseCsv";

self.onmessage = (event: MessageEvent<ParseRequest>) => {
  self.postMessage(parseCsvAndCheck(event.data));
};
