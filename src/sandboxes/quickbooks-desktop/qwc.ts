import { z } from "zod";
import { parseXml, textOf } from "./xml.ts";

/** The parts of a `.qwc` file the Web Connector acts on. */
export interface QwcFile {
  readonly appName: string;
  readonly appUrl: string;
  readonly appSupport: string | null;
  readonly userName: string;
  readonly ownerId: string;
  readonly fileId: string;
  readonly qbType: "QBFS" | "QBPOS";
  /** From `Scheduler` (`RunEveryNMinutes` or `RunEveryNSeconds`); null when the file has no schedule. */
  readonly everySeconds: number | null;
  readonly isReadOnly: boolean;
}

export class QwcError extends Error {}

const GUID = /^\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}$/;

const fields = z.object({
  AppName: z.string().min(1),
  AppURL: z.string().url(),
  UserName: z.string().min(1),
  OwnerID: z.string().regex(GUID, "a GUID in braces"),
  FileID: z.string().regex(GUID, "a GUID in braces"),
  QBType: z.enum(["QBFS", "QBPOS"]),
});

/**
 * Reads a `.qwc` as the Web Connector does when a merchant adds the application: the required
 * elements, GUIDs in braces, and an AppURL that is HTTPS unless the host is localhost.
 */
export function parseQwc(xml: string): QwcFile {
  const { root } = parseXml(xml);
  if (root.name !== "QBWCXML") throw new QwcError(`root element ${root.name}, expected QBWCXML`);
  const parsed = fields.safeParse(Object.fromEntries(root.children.map((c) => [c.name, c.text])));
  if (!parsed.success)
    throw new QwcError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const url = new URL(parsed.data.AppURL);
  const local = url.hostname === "localhost" || url.hostname === "127.0.0.1" || url.hostname === "[::1]";
  if (url.protocol !== "https:" && !local)
    throw new QwcError(`AppURL must use https unless the host is localhost: ${parsed.data.AppURL}`);
  const scheduler = root.children.find((c) => c.name === "Scheduler");
  const minutes = scheduler && textOf(scheduler, "RunEveryNMinutes");
  const seconds = scheduler && textOf(scheduler, "RunEveryNSeconds");
  const every = minutes !== undefined ? Number(minutes) * 60 : seconds !== undefined ? Number(seconds) : null;
  if (every !== null && (!Number.isInteger(every) || every < 1))
    throw new QwcError("Scheduler: RunEveryNMinutes / RunEveryNSeconds must be a whole number above 0");
  return {
    appName: parsed.data.AppName,
    appUrl: parsed.data.AppURL,
    appSupport: textOf(root, "AppSupport") ?? null,
    userName: parsed.data.UserName,
    ownerId: parsed.data.OwnerID,
    fileId: parsed.data.FileID,
    qbType: parsed.data.QBType,
    everySeconds: every,
    isReadOnly: textOf(root, "IsReadOnly") === "true",
  };
}
