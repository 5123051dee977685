import nodemailer, { type Transporter } from "nodemailer";

export type EmailMessage = { to: string; subject: string; text: string; messageId: string };

const transports = new Map<string, Transporter>();

/**
 * Sends through the SMTP_URL relay. The Message-ID is derived from the delivery id, so a relay or
 * inbox that sees the same delivery twice can tell.
 */
export async function sendEmail(smtpUrl: string, from: string, message: EmailMessage): Promise<void> {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    transport = nodemailer.createTransport({
      url: smtpUrl,
      connectionTimeout: 10_000,
      socketTimeout: 20_000,
    });
    transports.set(smtpUrl, transport);
  }
  await transport.sendMail({
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    messageId: message.messageId,
  });
}
