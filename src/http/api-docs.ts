import { createReadStream } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { FastifyInstance } from "fastify";

/**
 * `GET /api/docs`: the OpenAPI document rendered by Scalar's standalone bundle, served from the
 * installed npm package, never a CDN. Public like `/api/openapi.json` it renders: the document
 * describes the API, not any account's data, and integrators read it before they have a sign-in.
 */

/** The package's self-contained browser build (no chunks loaded later). */
const SCALAR_BUNDLE = join(
  dirname(createRequire(import.meta.url).resolve("@scalar/api-reference")),
  "browser",
  "standalone.js",
);

/**
 * The page may load and call only the hub: Scalar's defaults (web fonts, telemetry, its request
 * proxy) are switched off in `init.js`, and this policy refuses them should a version turn one on.
 */
const CSP = [
  "default-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "frame-ancestors 'none'",
].join("; ");

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Stockwire API</title>
</head>
<body>
<div id="docs"></div>
<script src="/api/docs/scalar.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`;

// A file, not an inline script, so the policy needs no 'unsafe-inline' for scripts.
const INIT = `Scalar.createApiReference("#docs", ${JSON.stringify({
  url: "/api/openapi.json",
  withDefaultFonts: false,
  telemetry: false,
  proxyUrl: "",
  showDeveloperTools: "never",
})});
`;

const hidden = { config: { public: true }, schema: { hide: true } };

export function registerApiDocs(app: FastifyInstance): void {
  app.get("/api/docs", hidden, async (_request, reply) =>
    reply.type("text/html; charset=utf-8").header("content-security-policy", CSP).send(PAGE),
  );
  app.get("/api/docs/init.js", hidden, async (_request, reply) =>
    reply.type("text/javascript; charset=utf-8").header("cache-control", "no-cache").send(INIT),
  );
  app.get("/api/docs/scalar.js", hidden, async (_request, reply) =>
    reply
      .type("text/javascript; charset=utf-8")
      .header("cache-control", "public, max-age=86400")
      .send(createReadStream(SCALAR_BUNDLE)),
  );
}
