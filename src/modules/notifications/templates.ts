import { Liquid } from "liquidjs";
import { invalid } from "../../lib/errors.ts";

/**
 * One engine for every message. Strict variables: a template naming a field the event does not
 * have is an error at save time rather than a blank in a merchant's inbox. Output is plain text
 * (titles, e-mail text, JSON), so no HTML escaping.
 */
const engine = new Liquid({ strictVariables: true, strictFilters: true, cache: true });

export function renderTemplate(template: string, vars: Record<string, unknown>): string {
  return engine.parseAndRenderSync(template, vars).trim();
}

/** Renders with missing fields shown empty, for stored templates run against real events. */
const lenient = new Liquid({ strictVariables: false, strictFilters: true, cache: true });
export function renderLenient(template: string, vars: Record<string, unknown>): string {
  return lenient.parseAndRenderSync(template, vars).trim();
}

/** The top-level names a template reads (`order.total` → `order`), or a 400 when it does not parse. */
export function templateRoots(template: string): string[] {
  try {
    return engine.globalVariableSegmentsSync(template).map((segments) => String(segments[0]));
  } catch (error) {
    throw invalid(`template does not parse: ${(error as Error).message}`, { field: "template" });
  }
}
