import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchBrowser } from "../helpers/browser.ts";
import { startTestHub, type TestHub } from "../helpers/hub.ts";

/** `/api/docs` renders the OpenAPI document with Redoc served by the hub itself (issue 23). */
let hub: TestHub;
let base: string;
beforeAll(async () => {
  hub = await startTestHub();
  await hub.app.listen({ port: 0, host: "127.0.0.1" });
  const address = hub.app.server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  base = `http://127.0.0.1:${address.port}`;
}, 60_000);
afterAll(() => hub?.close());

describe("GET /api/docs", () => {
  it("is a public page whose scripts and document all come from the hub", async () => {
    const page = await fetch(`${base}/api/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page.headers.get("content-security-policy")).toContain("connect-src 'self'");
    const html = await page.text();
    const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts).toEqual(["/api/docs/redoc.js"]);

    const bundle = await fetch(`${base}${scripts[0]}`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("content-type")).toMatch(/^text\/javascript/);
    const script = await bundle.text();
    expect(script.length).toBeGreaterThan(100_000);
    expect(script).not.toContain("cdn.redoc.ly");

    const documentUrl = /spec-url="([^"]+)"/.exec(html)?.[1];
    expect(documentUrl).toBe("/api/openapi.json");
    const document = (await (await fetch(`${base}${documentUrl}`)).json()) as {
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    expect(document.paths["/api/v1/platforms"]?.get?.operationId).toBe("listPlatforms");
  });

  it.skipIf(!hasChromium)(
    "renders every tag and its operations in a browser, loading nothing past the hub",
    async () => {
      const document = (await hub.app.inject({ url: "/api/openapi.json" })).json();
      const browser = await launchBrowser();
      try {
        const page = await browser.context.newPage();
        const elsewhere: string[] = [];
        page.on("request", (request) => {
          // Redoc's search runs in a worker made from a blob of the page's own origin.
          const url = request.url().replace(/^blob:/, "");
          if (!url.startsWith(base) && !url.startsWith("data:")) elsewhere.push(request.url());
        });
        await page.goto(`${base}/api/docs`);
        // Redoc renders every operation on one page, grouped under its tag.
        const heading = (name: string) => page.getByRole("heading", { name }).first();
        await heading("Whether first-run setup is needed").waitFor({ timeout: 60_000 });
        for (const tag of document.tags as { name: string }[]) await heading(tag.name).waitFor();
        await heading("Platforms the hub can connect to").waitFor();
        await heading("A platform's webhook delivery for one connection").waitFor();
        expect(elsewhere).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    120_000,
  );
});
