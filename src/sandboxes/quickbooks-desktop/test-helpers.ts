import { Company } from "./company.ts";
import { seedCompany, upsertItems } from "./company-seed.ts";
import { QuickBooksApp } from "./quickbooks-app.ts";
import { child, childrenNamed, parseXml, type XmlNode } from "./xml.ts";

/** Test-only: a seeded company on a clock the test moves, and QuickBooks answering for it. */
export function testCompany(options: { items?: number; utcOffsetMinutes?: number } = {}) {
  const clock = { ms: Date.UTC(2026, 11, 7, 15, 0, 0), utcOffsetMinutes: options.utcOffsetMinutes ?? -300 };
  const company = new Company({ nowMs: () => clock.ms, utcOffsetMinutes: clock.utcOffsetMinutes });
  seedCompany(company, { seed: 3, products: 0, anchorMs: clock.ms });
  upsertItems(
    company,
    Array.from({ length: options.items ?? 3 }, (_, i) => ({
      name: `SKU-${String(i + 1).padStart(4, "0")}`,
      quantityOnHand: 10 + i,
      salesPrice: "12.50",
    })),
  );
  const app = new QuickBooksApp(company);
  app.beginSession();
  return { company, app, clock, advance: (seconds: number) => (clock.ms += seconds * 1000) };
}

/** A request document as the hub would send it. */
export function qbxml(body: string, attrs = 'onError="continueOnError"', version = "13.0"): string {
  return `<?xml version="1.0" encoding="utf-8"?><?qbxml version="${version}"?><QBXML><QBXMLMsgsRq ${attrs}>${body}</QBXMLMsgsRq></QBXML>`;
}

/** Runs a document and returns the `*Rs` elements, failing when QuickBooks refused the document. */
export async function answer(app: QuickBooksApp, xml: string): Promise<readonly XmlNode[]> {
  const outcome = await app.process(xml);
  if (outcome.kind !== "response") throw new Error(`refused: ${outcome.detail}`);
  const msgs = child(parseXml(outcome.xml).root, "QBXMLMsgsRs");
  if (!msgs) throw new Error("no QBXMLMsgsRs");
  return msgs.children;
}

export function retsOf(rs: XmlNode, name: string): XmlNode[] {
  return childrenNamed(rs, name);
}

export const ref = (name: string) => `<ListID>${name}</ListID>`;
export const named = (name: string) => `<FullName>${name}</FullName>`;
