import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderForDelivery, renderLenient, TEMPLATE_LIMITS } from "../../src/modules/notifications/index.ts";
import { type Api, apiFor } from "../helpers/api.ts";
import { createTenant, startTestHub, type TestHub } from "../helpers/hub.ts";

/** A file with a recognisable secret, reachable both relative to the working directory and absolutely. */
const dir = mkdtempSync(join(tmpdir(), "sw-template-"));
const secretFile = join(dir, "secret.key");
const SECRET = "TOP-SECRET-KEY-MATERIAL";
writeFileSync(secretFile, SECRET);
const fromCwd = relative(process.cwd(), secretFile);
const packageJson = "package.json";

const fileTemplates = [
  `{% include '${fromCwd}' %}`,
  `{% include '${secretFile}' %}`,
  `{% render '${fromCwd}' %}`,
  `{% render '${secretFile}' %}`,
  `{% layout '${fromCwd}' %}x`,
  `{% include '${packageJson}' %}`,
  `{% render 'package' %}`,
  `{% include "../../../../etc/passwd" %}`,
  `{%- include '${fromCwd}' -%}`,
  `{% liquid\ninclude '${fromCwd}'\n%}`,
];

const unboundedTemplates = [
  "{% for i in (1..100000000) %}x{% endfor %}",
  "{% for i in (1..10000) %}{% for j in (1..10000) %}{{ i }}{% endfor %}{% endfor %}",
  "{% assign a = 'xxxxxxxxxxxxxxxx' %}{% for i in (1..40) %}{% assign a = a | append: a %}{% endfor %}{{ a }}",
  `{% for i in (1..${TEMPLATE_LIMITS.outputChars}) %}xy{% endfor %}`,
  `${"{{ 'x' }}".repeat(TEMPLATE_LIMITS.parseChars)}`,
];

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the template engine", () => {
  it.each(fileTemplates)("reads no file: %s", (template) => {
    expect(() => renderLenient(template, {})).toThrow();
    const delivered = renderForDelivery(template, {});
    expect(delivered).not.toContain(SECRET);
    expect(delivered).not.toContain('"name"');
  });

  it.each(unboundedTemplates)("stops a template that runs or grows without bound: %s", (template) => {
    const started = Date.now();
    expect(() => renderLenient(template, {})).toThrow(/limit|longer than/);
    // The bound is the engine's, not this test's: a render limit of 100 ms ends far below a minute.
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it("cannot reach prototypes or constructors of the values it is given", () => {
    expect(renderLenient("{{ order.constructor.name }}{{ order.__proto__ }}", { order: {} })).toBe("");
  });
});

describe("custom alerts over HTTP", () => {
  let hub: TestHub;
  let api: Api;

  beforeAll(async () => {
    hub = await startTestHub();
    api = apiFor(hub.app, await createTenant(hub, "Template shop"));
  });
  afterAll(() => hub?.close());

  it.each(fileTemplates)("preview answers 400 and no file content for %s", async (template) => {
    const res = await api.post("/api/v1/custom-alerts/preview", { eventType: "stock.changed", template });
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/template/);
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
  });

  it("refuses to save an alert whose template reads files, and stores nothing", async () => {
    const res = await api.post("/api/v1/custom-alerts", {
      name: "leak",
      eventType: "stock.changed",
      template: fileTemplates[0],
      recipients: { owner: true },
    });
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/template/);
    const list = await api.get("/api/v1/custom-alerts");
    expect(JSON.stringify(list.body)).not.toContain("leak");
  });

  it.each(unboundedTemplates.slice(0, 3))("preview of %s ends in a 400", async (template) => {
    const res = await api.post("/api/v1/custom-alerts/preview", { eventType: "stock.changed", template });
    expect(res.status).toBe(400);
  });
});
