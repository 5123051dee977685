import { describeMissingFeedMethods, missingFeedMethods } from "../../connectors/contract.ts";
import type { AppContext } from "../../context.ts";
import { AppError, invalid } from "../../lib/errors.ts";
import type { Connection } from "./schema.ts";

/** The connector of a platform; an unknown platform is the caller's mistake (400), naming the known ones. */
export function connectorFor(ctx: AppContext, platform: string) {
  const connector = ctx.connectors[platform];
  if (!connector) {
    throw invalid(
      "platform_unknown",
      `unknown platform "${platform}"; known: ${Object.keys(ctx.connectors).sort().join(", ")}`,
    );
  }
  return connector;
}

export function credentialsOf(ctx: AppContext, connection: Connection): unknown {
  return JSON.parse(ctx.secretBox.open(connection.credentialsSealed));
}

export type CheckedCredentials = { credentials: unknown; label: string; hint: Record<string, string> };

/** Checks credentials' shape, then against the platform itself; returns the parsed credentials and label. */
export async function validateCredentials(
  ctx: AppContext,
  platform: string,
  raw: unknown,
): Promise<CheckedCredentials> {
  const connector = connectorFor(ctx, platform);
  const parsed = connector.credentials.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    // `field` names the credential to correct, as other field refusals do, so a form can mark it.
    const extra = first.code === "unrecognized_keys" ? first.keys.slice(0, 1) : [];
    const field = ["credentials", ...first.path, ...extra].join(".");
    throw invalid("credentials_invalid", `${field}: ${first.message}`, { field });
  }
  const session = connector.connect(parsed.data, {
    logger: ctx.logger.child({ platform }),
    allowPrivateUrls: ctx.config.allowPrivateUrls,
    ...(ctx.resolveHost ? { resolveHost: ctx.resolveHost } : {}),
  });
  // A connector that declares a feed its session cannot run is refused here, before any connection
  // exists, rather than leaving runs that fail later for a missing method.
  const missing = missingFeedMethods(connector.capabilities.feeds, session);
  if (missing.length > 0) {
    throw new AppError(
      "unexpected_state",
      "connector_incomplete",
      `the ${connector.displayName} connector declares feeds its session cannot run: ${describeMissingFeedMethods(missing)}`,
    );
  }
  try {
    const { label } = await session.validate();
    return { credentials: parsed.data, label, hint: connector.describeCredentials(parsed.data) };
  } catch (error) {
    throw new AppError(
      "unexpected_state",
      "credentials_rejected",
      `${connector.displayName} refused the credentials: ${(error as Error).message}`,
    );
  }
}
