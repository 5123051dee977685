import { type FS, Liquid } from "liquidjs";
import { invalid } from "../../lib/errors.ts";

/** Bounds for merchant-written templates: a message is a few lines, never a program. */
export const TEMPLATE_LIMITS = {
  /** Characters of template source parsed at once. */
  parseChars: 20_000,
  /** Milliseconds one render may take. */
  renderMs: 100,
  /** Liquid's allocation units (string and array growth) one render may use. */
  memory: 1_000_000,
  /** Tags and outputs one render may evaluate (loops count every pass). */
  renders: 10_000,
  /** Characters of rendered output kept. */
  outputChars: 16_384,
} as const;

/**
 * Templates have no file system at all. The default Liquid engine reads partials from the working
 * directory, so `{% include '.stockwire/secret.key' %}` would print the credential key; this one
 * knows no files, and the tags that load them are refused when the template is parsed.
 */
const noFiles: FS = {
  exists: async () => false,
  existsSync: () => false,
  readFile: async () => {
    throw new Error("templates cannot read files");
  },
  readFileSync: () => {
    throw new Error("templates cannot read files");
  },
  resolve: (_dir, file) => file,
  contains: async () => false,
  containsSync: () => false,
};

const FILE_TAGS = ["include", "render", "layout"] as const;

function sandboxedEngine(strictVariables: boolean): Liquid {
  const engine = new Liquid({
    strictVariables,
    strictFilters: true,
    cache: true,
    fs: noFiles,
    root: [],
    partials: [],
    layouts: [],
    dynamicPartials: false,
    relativeReference: false,
    ownPropertyOnly: true,
    parseLimit: TEMPLATE_LIMITS.parseChars,
    renderLimit: TEMPLATE_LIMITS.renderMs,
    memoryLimit: TEMPLATE_LIMITS.memory,
  });
  for (const tag of FILE_TAGS) {
    engine.registerTag(tag, {
      parse() {
        throw new Error(`the {% ${tag} %} tag is not available in messages`);
      },
      *render() {},
    });
  }
  return engine;
}

/**
 * Strict variables: a template naming a field the event does not have is an error at save time
 * rather than a blank in a merchant's inbox. Output is plain text (titles, e-mail text, JSON), so
 * no HTML escaping.
 */
const engine = sandboxedEngine(true);
/** Missing fields shown empty, for stored templates run against real events. */
const lenient = sandboxedEngine(false);

function render(liquid: Liquid, template: string, vars: Record<string, unknown>): string {
  const out = liquid.parseAndRenderSync(template, vars, { templateLimit: TEMPLATE_LIMITS.renders });
  if (out.length > TEMPLATE_LIMITS.outputChars) {
    throw new Error(`the message is longer than ${TEMPLATE_LIMITS.outputChars} characters`);
  }
  return out.trim();
}

export function renderTemplate(template: string, vars: Record<string, unknown>): string {
  return render(engine, template, vars);
}

export function renderLenient(template: string, vars: Record<string, unknown>): string {
  return render(lenient, template, vars);
}

/**
 * For a stored template rendered while notifications are delivered: a template that fails (a
 * limit, a bad filter) must not stop the other notifications of the batch, so the failure becomes
 * the message the merchant sees.
 */
export function renderForDelivery(template: string, vars: Record<string, unknown>): string {
  try {
    return renderLenient(template, vars);
  } catch (error) {
    return `(this alert's message could not be rendered: ${(error as Error).message})`;
  }
}

/** The top-level names a template reads (`order.total` → `order`), or a 400 when it does not parse. */
export function templateRoots(template: string): string[] {
  try {
    return engine.globalVariableSegmentsSync(template).map((segments) => String(segments[0]));
  } catch (error) {
    throw invalid("template_invalid", `template does not parse: ${(error as Error).message}`, {
      field: "template",
    });
  }
}
