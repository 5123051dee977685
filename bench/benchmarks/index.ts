import type { Benchmark } from "../harness.ts";
import { backfill } from "./backfill.ts";
import { coreImport } from "./core-import.ts";
import { noisyNeighbours } from "./noisy-neighbours.ts";
import { planner } from "./planner.ts";
import { propagationLatency } from "./propagation-latency.ts";
import { pushThroughput } from "./push-throughput.ts";
import { scaleOut } from "./scale-out.ts";
import { summary } from "./summary.ts";
import { webConnectorLoop } from "./web-connector-loop.ts";

/** Every benchmark `npm run bench` knows, in the order it runs them. */
export const benchmarks: Benchmark[] = [
  pushThroughput,
  coreImport,
  propagationLatency,
  noisyNeighbours,
  backfill,
  summary,
  planner,
  scaleOut,
  webConnectorLoop,
];
