import nodemailer, { type Transporter } from "nodemailer";

export type EmailMessage = { to: string; subject: string; text: string; messageId: string };

/** One hub's SMTP transports, one per relay URL, kept between sends; the hub closes them when it stops. */
export type MailTransports = {
  for(smtpUrl: string): Transporter;
  /** Transports open now. */
  readonly size: number;
  /** Closes every transport; a later send opens a new one. */
  close(): void;
};

export function createMailTransports(): MailTransports {
  const transports = new Map<string, Transporter>();
  return {
    for(smtpUrl) {
      let transport = transports.get(smtpUrl);
      if (!transport) {
        transport = nodemailer.createTransport({
          url: smtpUrl,
          connectionTimeout: 10_000,
          socketTimeout: 20_000,
          // Messages are plain text; no part of one may make nodemailer read a file or fetch a URL.
          disableFileAccess: true,
          disableUrlAccess: true,
        });
        transports.set(smtpUrl, transport);
      }
      return transport;
    },
    get size() {
      return transports.size;
    },
    close() {
      for (const transport of transports.values()) transport.close();
      transports.clear();
    },
  };
}

/** nodemailer codes for "no SMTP conversation happened": their messages name the relay's address. */
const unreachable = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ETLS", "EPROXY"]);

/**
 * Sends through the SMTP_URL relay. The Message-ID is derived from the delivery id, so a relay or
 * inbox that sees the same delivery twice can tell.
 *
 * The relay is not put through the SSRF address guard on purpose: SMTP_URL is the operator's
 * configuration, never a merchant's, and a relay on localhost or a private network (a local MTA, a
 * compose service) is the usual set-up. What a merchant can steer is only the recipient, which
 * goes to that relay, not to a host of their choosing. The merchant does read `lastError`, so a
 * failure to reach the relay reads the same whatever the cause and never names its address.
 */
export async function sendEmail(
  transports: MailTransports,
  smtpUrl: string,
  from: string,
  message: EmailMessage,
): Promise<void> {
  const transport = transports.for(smtpUrl);
  try {
    await transport.sendMail({
      from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      messageId: message.messageId,
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && unreachable.has(code)) throw new Error("could not reach the mail server");
    throw error;
  }
}
