import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance, FastifyReply } from "fastify";

/** Where `npm run build:web` writes the dashboard. */
export const DASHBOARD_DIR = fileURLToPath(new URL("../../web/dist", import.meta.url));

/** Paths that belong to the server; the dashboard never answers for them. */
const SERVER_PREFIXES = ["/api", "/webhooks", "/healthz", "/metrics", "/internal"];

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

function isServerPath(path: string): boolean {
  return SERVER_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * Serves the built dashboard: files from web/dist, and index.html for any other GET so the
 * single-page app can route. Server paths keep their own 404 (problem+json).
 */
export function registerDashboard(app: FastifyInstance, root = DASHBOARD_DIR): void {
  const rootWithSep = resolve(root) + sep;
  app.get("/*", { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const path = decodeURIComponent(request.url.split("?")[0]!);
    if (isServerPath(path)) return reply.callNotFound();
    const file = resolve(root, `.${path}`);
    if (file.startsWith(rootWithSep) && (await isFile(file))) {
      const immutable = file.startsWith(join(rootWithSep, "assets") + sep);
      return send(reply, file, immutable ? "public, max-age=31536000, immutable" : "no-cache");
    }
    // A missing asset is a real 404; anything else is a dashboard route.
    if (extname(path) !== "") return reply.callNotFound();
    const index = join(root, "index.html");
    if (!existsSync(index)) {
      return reply
        .code(503)
        .type("text/plain; charset=utf-8")
        .send("The dashboard is not built. Run `npm run build:web` (npm start does it when missing).");
    }
    return send(reply, index, "no-cache");
  });
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function send(reply: FastifyReply, file: string, cacheControl: string): Promise<FastifyReply> {
  return reply
    .type(TYPES[extname(file)] ?? "application/octet-stream")
    .header("cache-control", cacheControl)
    .header("x-content-type-options", "nosniff")
    .header("content-security-policy", CSP)
    .send(await readFile(file));
}
