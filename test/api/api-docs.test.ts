import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchBrowser } from "../helpers/browser.ts";
import { startTestHub, type TestHub } from "../helpers/hub.ts";

/** `/api/docs` renders the OpenAPI document with Scalar served by the hub itself (issue 23). */
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
    const scripts = [...(await page.text()).matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts).toEqual(["/api/docs/scalar.js", "/api/docs/init.js"]);

    const bundle = await fetch(`${base}${scripts[0]}`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect((await bundle.text()).length).toBeGreaterThan(100_000);

    const init = await (await fetch(`${base}${scripts[1]}`)).text();
    const documentUrl = /"url":"([^"]+)"/.exec(init)?.[1];
    expect(documentUrl).toBe("/api/openapi.json");
    expect(init).toContain('"withDefaultFonts":false');
    expect(init).toContain('"telemetry":false');
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
          if (!request.url().startsWith(base)) elsewhere.push(request.url());
        });
        await page.goto(`${base}/api/docs`);
        // The first tag opens by itself; the others open from the sidebar.
        await page.getByText("Whether first-run setup is needed").first().waitFor({ timeout: 60_000 });
        for (const tag of document.tags as { name: string }[])
          await page.getByText(tag.name, { exact: true }).first().waitFor();
        await page.getByRole("button", { name: "Open Group - connections" }).click();
        await page.getByText("Platforms the hub can connect to").first().waitFor();
        await page.getByRole("button", { name: "Open Group - webhooks" }).click();
        await page.getByText("A platform's webhook delivery for one connection").first().waitFor();
        expect(elsewhere).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    120_000,
  );
});
