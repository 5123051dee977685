import { randomBytes } from "node:crypto";
import type { z } from "zod";
import { AppError } from "../../lib/errors.ts";
import type { ConnectorEnv } from "../contract.ts";

/**
 * A delivery's body read with the platform's payload schema. Not JSON, or not the platform's
 * shape, is the sender's mistake: the webhook route answers 400 and stores nothing.
 */
export function webhookBody<T>(rawBody: Buffer, schema: z.ZodType<T>, displayName: string): T {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString("utf8"));
  } catch {
    throw new AppError("invalid_data", "invalid_webhook_body", "The webhook body is not JSON");
  }
  const payload = schema.safeParse(json);
  if (!payload.success)
    throw new AppError(
      "invalid_data",
      "invalid_webhook_body",
      `The webhook body is not a ${displayName} event`,
    );
  return payload.data;
}

/**
 * The secret that signs the webhooks the hub creates, for a platform that takes one from the
 * subscriber: generated once and saved with the connection's (encrypted) credentials before the
 * platform hears of it, so no signed delivery arrives that the hub cannot verify.
 */
export async function hubWebhookSecret(
  credentials: { webhookSecret?: string | undefined },
  env: ConnectorEnv,
): Promise<string> {
  if (credentials.webhookSecret) return credentials.webhookSecret;
  if (!env.saveCredentials) throw new Error("webhooks need somewhere to keep their secret");
  const secret = randomBytes(32).toString("base64url");
  await env.saveCredentials({ ...credentials, webhookSecret: secret });
  credentials.webhookSecret = secret;
  return secret;
}
