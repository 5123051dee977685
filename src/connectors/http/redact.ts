/** How much of a failed response's body a PlatformError carries. */
export const EXCERPT_LENGTH = 300;

const REDACTED = "[redacted]";

/**
 * Patterns for things that look like credentials in a platform's error body. Over-redacting an
 * error excerpt costs a little debugging context; under-redacting leaks a token into logs and
 * job records.
 */
const patterns: readonly [RegExp, string][] = [
  // "access_token": "…", 'client_secret': '…', "Authorization": "…" in JSON-ish bodies
  [
    /(["']?[\w-]*(?:token|secret|password|passwd|api[_-]?key|apikey|authorization|signature|credential)[\w-]*["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,&;"'<>}]+)/gi,
    `$1${REDACTED}`,
  ],
  // <AccessToken>…</AccessToken> in XML bodies (QuickBooks, PrestaShop)
  [/(<([\w:-]*(?:token|secret|password|key)[\w:-]*)>)[^<]*(<\/\2>)/gi, `$1${REDACTED}$3`],
  [/\b(Bearer|Basic)\s+[\w.~+/=-]+/gi, `$1 ${REDACTED}`],
  [/\bshp(?:at|ca|pa|ss|ua)_[\w]+/gi, REDACTED], // Shopify token prefixes
  [/\beyJ[\w-]+\.[\w-]+\.[\w-]*/g, REDACTED], // JWT
  // Any long run mixing letters and digits (API keys, refresh tokens, HMACs); all-letter runs such
  // as Shopify error codes and all-digit ids are left alone because they help debugging.
  [/(?=[A-Za-z_-]*\d)(?=[\d_-]*[A-Za-z])[A-Za-z0-9_-]{24,}/g, REDACTED],
];

/** Blanks anything in `text` that looks like a token, secret or credential. */
export function redactSecrets(text: string): string {
  return patterns.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/** The first characters of a body, safe to put in an error or a log. */
export function bodyExcerpt(bodyText: string): string {
  // Redact before cutting, so a token straddling the cut cannot escape its pattern; the 4 kB bound
  // keeps regex work small on multi-megabyte error pages.
  const redacted = redactSecrets(bodyText.slice(0, 4_000));
  return redacted.length > EXCERPT_LENGTH ? `${redacted.slice(0, EXCERPT_LENGTH)}…` : redacted;
}
