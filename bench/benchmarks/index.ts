import type { Benchmark } from "../harness.ts";
import { coreImport } from "./core-import.ts";
import { pushThroughput } from "./push-throughput.ts";

/** Every benchmark `npm run bench` knows, in the order it runs them. */
export const benchmarks: Benchmark[] = [pushThroughput, coreImport];
