import { describe, expect, it } from "vitest";
import { closedPort } from "../../../test/helpers/ssrf-fixtures.ts";
import { createMailTransports, sendEmail } from "./email-sender.ts";

describe("sendEmail", () => {
  it("says only that the relay could not be reached, never where it is", async () => {
    const port = await closedPort();
    const message = { to: "ops@example.com", subject: "s", text: "t", messageId: "<d-1@example.com>" };
    const transports = createMailTransports();
    const error = await sendEmail(transports, `smtp://127.0.0.1:${port}`, "hub@example.com", message).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    transports.close();
    expect(error?.message).toBe("could not reach the mail server");
  });
});
