import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { FastifyInstance } from "fastify";

/**
 * `GET /api/docs`: the OpenAPI document rendered by Redoc's standalone bundle, served from the
 * installed npm package, never a CDN. Public like `/api/openapi.json` it renders: the document
 * describes the API, not any account's data, and integrators read it before they have a sign-in.
 * Redoc 2 rather than 3 or Scalar: both of those need Node 22 and bring hundreds of packages for
 * one page, while the hub runs on Node 20.
 */

/** The package's self-contained browser build. */
const REDOC_BUNDLE = join(
  dirname(createRequire(import.meta.url).resolve("redoc/package.json")),
  "bundles",
  "redoc.standalone.js",
);

/**
 * The bundle as served: its one outside resource, the "API docs by Redocly" badge's image on
 * Redoc's CDN, is swapped for an empty image, so the page asks nothing of any other host (the
 * policy below would refuse it anyway, but the browser would still try). Read once, on first use.
 */
let bundle: string | undefined;
function redocBundle(): string {
  bundle ??= readFileSync(REDOC_BUNDLE, "utf8").replaceAll(
    "https://cdn.redoc.ly/redoc/logo-mini.svg",
    "data:image/gif;base64,R0lGODlhAQABAAAAACw=",
  );
  return bundle;
}

/**
 * The page may load and call only the hub; Redoc's search index runs in a worker it makes from a
 * blob, and it styles itself inline.
 */
const CSP = [
  "default-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "worker-src 'self' blob:",
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
<redoc spec-url="/api/openapi.json" hide-download-button="false" expand-responses="200,201"></redoc>
<script src="/api/docs/redoc.js"></script>
</body>
</html>
`;

const hidden = { config: { public: true }, schema: { hide: true } };

export function registerApiDocs(app: FastifyInstance): void {
  app.get("/api/docs", hidden, async (_request, reply) =>
    reply.type("text/html; charset=utf-8").header("content-security-policy", CSP).send(PAGE),
  );
  app.get("/api/docs/redoc.js", hidden, async (_request, reply) =>
    reply
      .type("text/javascript; charset=utf-8")
      .header("cache-control", "public, max-age=86400")
      .send(redocBundle()),
  );
}
