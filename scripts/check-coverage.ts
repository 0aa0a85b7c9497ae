/**
 * Fails unless solidity-coverage's summary meets the bar for contracts/:
 * 100% of lines and at least 95% of branches. Run after `hardhat coverage`.
 */
import { readFileSync } from "node:fs";

const MIN = { lines: 100, branches: 95 } as const;

interface Metric {
  total: number;
  covered: number;
  pct: number;
}
type Summary = Record<string, { lines: Metric; branches: Metric; statements: Metric; functions: Metric }>;

const summary = JSON.parse(readFileSync("coverage/coverage-summary.json", "utf8")) as Summary;
const total = summary.total;
const failures: string[] = [];
for (const key of Object.keys(MIN) as (keyof typeof MIN)[]) {
  const pct = (100 * total[key].covered) / total[key].total;
  const line = `${key}: ${total[key].covered}/${total[key].total} = ${pct.toFixed(2)}% (minimum ${MIN[key]}%)`;
  console.log(line);
  if (pct < MIN[key]) failures.push(line);
}
if (failures.length > 0) {
  console.error(`Coverage below the bar:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
