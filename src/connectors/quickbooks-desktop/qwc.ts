import type { QwcInput } from "../contract.ts";
import { buildXml } from "./xml.ts";

/**
 * The .qwc file a merchant adds to the Web Connector (§8.4). AppURL must be https unless the host
 * is localhost; the Web Connector refuses the file otherwise. OwnerID/FileID are GUIDs in braces.
 */
export function buildQwc(input: QwcInput): string {
  return `<?xml version="1.0"?>\n${buildXml({
    QBWCXML: {
      AppName: input.appName,
      AppID: "",
      AppURL: input.appUrl,
      AppDescription: input.description,
      AppSupport: input.appSupport,
      UserName: input.username,
      OwnerID: `{${input.ownerId}}`,
      FileID: `{${input.fileId}}`,
      QBType: "QBFS",
      Scheduler: { RunEveryNMinutes: String(input.runEveryMinutes) },
      IsReadOnly: "false",
    },
  })}\n`;
}
