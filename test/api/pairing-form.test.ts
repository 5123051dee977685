import type { Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectors } from "../../src/connectors/index.ts";
import { hasChromium, launchBrowser, type TestBrowser } from "../helpers/browser.ts";
import { type DashboardHub, startDashboardHub } from "../helpers/dashboard-hub.ts";
import { type RunningSandbox, SANDBOX_FLAGS, startSandboxCli } from "./sandbox-cli.ts";

/**
 * The dashboard's pairing form is built from GET /api/v1/platforms alone (issue 23): for each
 * platform with a sandbox, a person fills the fields the form shows with what the sandbox CLI
 * printed, and the hub pairs. A field the schema does not describe cannot be filled.
 */
const EMAIL = "owner@pairing.example";
const PASSWORD = "correct horse battery";

let dashboard: DashboardHub;
let browser: TestBrowser;
const sandboxes: RunningSandbox[] = [];

describe.skipIf(!hasChromium)("the pairing form (needs Chromium at /usr/bin/chromium)", () => {
  beforeAll(async () => {
    dashboard = await startDashboardHub({
      accountName: "Pairing Shop",
      email: EMAIL,
      password: PASSWORD,
      connectors,
      env: { STOCKWIRE_ALLOW_PRIVATE_URLS: "1" },
    });
    sandboxes.push(...(await Promise.all(Object.keys(SANDBOX_FLAGS).map(startSandboxCli))));
    browser = await launchBrowser();
    // Four sandbox processes and a hub start here: minutes on a loaded 2-core machine.
  }, 300_000);
  afterAll(async () => {
    for (const s of sandboxes) s.stop();
    await browser?.close();
    await dashboard?.hub.close();
  });

  /** Types each credential into the form's control of that name; fails on one the form lacks. */
  async function fill(form: Locator, credentials: Record<string, unknown>) {
    for (const [name, value] of Object.entries(credentials)) {
      if (value === undefined) continue;
      const control = form.locator(`[name="${name}"]`);
      expect(await control.count(), `the form asks for ${name}`).toBe(1);
      if ((await control.evaluate((el) => el.tagName)) === "SELECT")
        await control.selectOption(String(value));
      else await control.fill(String(value));
    }
  }

  it("pairs every sandboxed platform from fields built out of its credentials schema", async () => {
    const page = await browser.context.newPage();
    await page.goto(dashboard.base);
    await page.getByLabel("E-mail").fill(EMAIL);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Home" }).waitFor();

    for (const { info } of sandboxes) {
      const displayName = connectors[info.platform as keyof typeof connectors].displayName;
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connections" }).click();
      await page.getByRole("button", { name: displayName, exact: true }).click();
      const form = page.getByRole("form", { name: `Connect ${displayName}` });
      // Secrets are masked: the schema's format "password" reaches the input.
      expect(await form.locator('input[type="password"]').count()).toBeGreaterThan(0);
      await form.getByLabel("Name", { exact: true }).fill(`${displayName} via form`);
      await fill(form, info.credentials);
      await form.getByRole("button", { name: "Connect" }).click();
      await page.waitForURL(/\/connections\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    }

    const listed = await dashboard.call<{ items: { platform: string; name: string }[] }>(
      "GET",
      "/api/v1/connections",
    );
    expect(listed.items.map((c) => c.platform).sort()).toEqual(Object.keys(SANDBOX_FLAGS).sort());
    expect(listed.items.every((c) => c.name.endsWith("via form"))).toBe(true);
    await page.close();
  }, 240_000);
});
