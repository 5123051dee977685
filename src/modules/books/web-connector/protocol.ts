import { type WebConnectorProtocol, webConnectorOf } from "../../../connectors/contract.ts";
import type { AppContext } from "../../../context.ts";
import type { Connection } from "../../connections/index.ts";

/** The Web Connector protocol of a connection's platform, or null for platforms the hub calls itself. */
export function pollingProtocolOf(ctx: AppContext, connection: Connection): WebConnectorProtocol | null {
  return webConnectorOf(ctx.connectors[connection.platform]);
}

/**
 * The platforms served at /qbwc: every connector with a Web Connector protocol (decided by
 * capability, not by name). The SOAP envelope is the same for all of them, so the first reads calls.
 */
export function pollingPlatforms(ctx: AppContext): { platform: string; protocol: WebConnectorProtocol }[] {
  return Object.entries(ctx.connectors).flatMap(([platform, connector]) => {
    const protocol = webConnectorOf(connector);
    return protocol ? [{ platform, protocol }] : [];
  });
}
