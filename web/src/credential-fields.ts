/** The credential fields the pairing form asks for, per platform (mirrors each connector's schema). */
export type CredentialField = {
  name: string;
  label: string;
  secret?: boolean;
  optional?: boolean;
  hint?: string;
  initial?: () => string;
};

const inAnHour = () => new Date(Date.now() + 55 * 60_000).toISOString();

export const credentialFields: Record<string, CredentialField[]> = {
  shopify: [
    { name: "shopDomain", label: "Shop domain", hint: "your-shop.myshopify.com" },
    { name: "accessToken", label: "Admin API access token", secret: true },
    { name: "apiSecret", label: "API secret key (verifies webhooks)", secret: true },
  ],
  "quickbooks-online": [
    { name: "realmId", label: "Company (realm) id", hint: "digits only" },
    { name: "clientId", label: "Client id" },
    { name: "clientSecret", label: "Client secret", secret: true },
    { name: "accessToken", label: "Access token", secret: true },
    { name: "refreshToken", label: "Refresh token", secret: true },
    {
      name: "accessTokenExpiresAt",
      label: "Access token expires at",
      hint: "ISO 8601, e.g. 2026-01-31T12:00:00Z",
      initial: inAnHour,
    },
    { name: "verifierToken", label: "Webhook verifier token", secret: true, optional: true },
    { name: "baseUrl", label: "API base URL", optional: true, hint: "leave empty for Intuit production" },
    { name: "tokenUrl", label: "Token URL", optional: true, hint: "leave empty for Intuit's" },
  ],
  woocommerce: [
    { name: "url", label: "Store URL", hint: "https://your-store.example.com" },
    { name: "consumerKey", label: "Consumer key", hint: "ck_… (REST API key, read/write)" },
    { name: "consumerSecret", label: "Consumer secret", secret: true, hint: "cs_…" },
  ],
  bigcommerce: [
    {
      name: "storeHash",
      label: "Store hash",
      hint: "the {store_hash} in api.bigcommerce.com/stores/{store_hash}",
    },
    { name: "accessToken", label: "API account access token", secret: true },
    {
      name: "clientSecret",
      label: "Client secret (verifies webhook-signature)",
      secret: true,
      optional: true,
      hint: "without it, webhooks are checked by the secret header the hub sets on its hooks",
    },
    { name: "apiUrl", label: "API URL", optional: true, hint: "leave empty for https://api.bigcommerce.com" },
  ],
};
