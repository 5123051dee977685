import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connector } from "../src/connectors/contract.ts";
import { quickBooksDesktopConnector } from "../src/connectors/quickbooks-desktop/index.ts";
import { startQuickBooksDesktopSandbox } from "../src/sandboxes/quickbooks-desktop/index.ts";
import { hasChromium, launchBrowser, type TestBrowser } from "./helpers/browser.ts";
import { type DashboardHub, startDashboardHub } from "./helpers/dashboard-hub.ts";
import type { TestHub } from "./helpers/hub.ts";

/**
 * The QuickBooks Desktop connection page in Chromium: the .qwc download with the Web Connector
 * steps, the last contact after the sandbox (playing the Web Connector) called in, and a new
 * password shown once.
 */
const EMAIL = "owner@desktop.example";
const PASSWORD = "correct horse battery";
const WC_USER = "stockwire-dash";
const WC_PASSWORD = "first-desktop-password";

let hub: TestHub;
let base: string;
let call: DashboardHub["call"];
let desktop: string;

beforeAll(async () => {
  ({ hub, base, call } = await startDashboardHub({
    accountName: "Desktop Shop",
    email: EMAIL,
    password: PASSWORD,
    env: { STOCKWIRE_ALLOW_PRIVATE_URLS: "1" },
    connectors: { "quickbooks-desktop": quickBooksDesktopConnector as Connector<unknown> },
  }));
  hub.ctx.config.publicUrl = base;
  const paired = await call<{ id: string }>("POST", "/api/v1/connections", {
    platform: "quickbooks-desktop",
    name: "Desktop books",
    credentials: { username: WC_USER, password: WC_PASSWORD },
  });
  desktop = paired.id;
  await call("POST", `/api/v1/connections/${desktop}/mode`, { mode: "live" });
}, 120_000);

afterAll(async () => {
  await hub?.close();
});

/** The sandbox's Web Connector runs one session with this .qwc and password. */
async function webConnectorSession(qwc: string, password: string) {
  const qbd = await startQuickBooksDesktopSandbox({ qwc, password, products: 0, noOpPauseMs: 100 });
  try {
    return (await qbd.runSession()).outcome;
  } finally {
    await qbd.close();
  }
}

if (!hasChromium)
  console.warn("dashboard browser tests skipped: /usr/bin/chromium is missing (apt-get install chromium)");

describe.skipIf(!hasChromium)("the QuickBooks Desktop connection page in Chromium", () => {
  let browser: TestBrowser;
  let page: Page;
  let qwc = "";
  const card = () => page.getByRole("region", { name: "QuickBooks Web Connector" });

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.setDefaultTimeout(30_000);
    page.on("pageerror", (error) => console.error("page error:", error.message));
    await page.goto(base);
    await page.getByLabel("E-mail").fill(EMAIL);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Home" }).waitFor({ timeout: 60_000 });
    // A loaded machine (several suites, Chromium) can take minutes to start a browser and sign in.
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("offers the .qwc download with the three Web Connector steps, on the schedule chosen", async () => {
    await page.goto(`${base}/connections/${desktop}`);
    await card().getByText("The Web Connector has not called in yet").waitFor();
    const steps = card().getByRole("listitem");
    expect(await steps.count()).toBe(3);
    await steps.nth(1).getByText("Add an application").waitFor();
    await steps.nth(2).getByText(WC_USER).waitFor();
    await card().getByLabel("Schedule").selectOption("30");
    const link = card().getByRole("link", { name: "Download the .qwc file" });
    const href = await link.getAttribute("href");
    expect(href).toBe(`/api/v1/connections/${desktop}/qwc?runEveryMinutes=30`);
    // The link downloads with the dashboard's own session, as a click would.
    const download = await page.evaluate(async (url) => {
      const res = await fetch(url, { credentials: "same-origin" });
      return {
        status: res.status,
        disposition: res.headers.get("content-disposition"),
        body: await res.text(),
      };
    }, href!);
    expect(download.status).toBe(200);
    expect(download.disposition).toMatch(/^attachment; filename=".+\.qwc"$/);
    expect(download.body).toContain(`<UserName>${WC_USER}</UserName>`);
    expect(download.body).toContain("<RunEveryNMinutes>30</RunEveryNMinutes>");
    qwc = download.body;
  });

  it("shows the last Web Connector contact once the Web Connector has called in", async () => {
    expect(await webConnectorSession(qwc, WC_PASSWORD)).toBe("none");
    await page.reload();
    await card()
      .getByText(/^Last Web Connector contact: /)
      .waitFor();
    expect(await card().getByRole("alert", { name: "Web Connector silent" }).count()).toBe(0);
  });

  it("sets a new password, shows it once, and only the new one signs the Web Connector in", async () => {
    await card().getByRole("button", { name: "Set a new password" }).click();
    const shown = card().getByRole("status", { name: "New Web Connector password" });
    const password = (await shown.locator("code").textContent()) ?? "";
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(await webConnectorSession(qwc, WC_PASSWORD)).toBe("nvu");
    expect(await webConnectorSession(qwc, password)).toBe("none");
    await page.reload();
    await card()
      .getByText(/^Last Web Connector contact: /)
      .waitFor();
    expect(await page.getByText(password).count()).toBe(0);
    const stored = await call<{ credentials: unknown }>("GET", `/api/v1/connections/${desktop}`);
    expect(JSON.stringify(stored)).not.toContain(password);
  });
});
