import fc from "fast-check";

const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** One mebibyte of text: bigger than any field allows, well under the body limit. */
export const MEBIBYTE = "x".repeat(1 << 20);

/** Strings that have broken, or could break, something between the router and the database. */
export const hostileStrings = [
  "\u0000",
  "a\u0000b",
  "%00",
  "\ud800",
  "\u202e",
  "../../../../etc/passwd",
  "%2e%2e%2f%2e%2e%2f",
  "%252e%252e%252f",
  "..\\..\\windows",
  "' OR 1=1 --",
  '"; drop table orders; --',
  "{{ 7 | times: 7 }}",
  "{% include '.stockwire/secret.key' %}",
  "<script>alert(1)</script>",
  "__proto__",
  "constructor",
  " ",
  MEBIBYTE,
];

/** Cursors no listing handed out: wrong encodings, types, instants and ids. */
export const forgedCursors = [
  "",
  "%00",
  "not base64!",
  raw(null),
  raw({ v: "x", id: "y" }),
  raw({ v: 1.5, id: "1" }),
  raw({ v: 1e21, id: "1" }),
  raw({ v: "0000-01-01T00:00:00.000Z", id: "00000000-0000-0000-0000-000000000000" }),
  raw({ v: "a\u0000", id: "00000000-0000-0000-0000-000000000000" }),
  raw({ v: 1, id: "1", extra: {} }),
];

/** JSON documents the body parser accepts but nothing downstream should have to walk. */
export const hostileBodies = [
  `${"[".repeat(50_000)}${"]".repeat(50_000)}`,
  `{"a":${'{"a":'.repeat(5_000)}1${"}".repeat(5_001)}`,
  JSON.stringify({ s: MEBIBYTE }),
  '{"__proto__":{"admin":true}}',
  "{}",
  "null",
  '"just a string"',
];

export const hostileString = fc.constantFrom(...hostileStrings);

/**
 * Spellings of `path` that a router might treat as the same route, or a guard as a different one:
 * percent-encoded letters (either hex case, in every segment), double encoding, encoded dots and
 * slashes, NUL, malformed escapes, mixed letter case, and dot segments.
 */
export function encodedVariants(path: string): string[] {
  const segments = path.split("/").filter(Boolean);
  const join = (parts: string[]) => `/${parts.join("/")}`;
  const hex = (c: string) => c.charCodeAt(0).toString(16);
  const withSegment = (i: number, f: (s: string) => string) =>
    join(segments.map((s, j) => (j === i ? f(s) : s)));
  const variants: string[] = [];
  segments.forEach((segment, i) => {
    if (!/^[a-z]/i.test(segment)) return;
    variants.push(
      withSegment(i, (s) => `%${hex(s[0]!)}${s.slice(1)}`),
      withSegment(i, (s) => `%${hex(s[0]!).toUpperCase()}${s.slice(1)}`),
      withSegment(i, (s) => `%25${hex(s[0]!)}${s.slice(1)}`),
      withSegment(i, (s) => [...s].map((c) => `%${hex(c)}`).join("")),
      withSegment(i, (s) => s.toUpperCase()),
      withSegment(i, (s) => `${s[0]!.toUpperCase()}${s.slice(1)}`),
      withSegment(i, (s) => `${s}%00`),
    );
  });
  const [first = "", ...rest] = segments;
  variants.push(
    `/${first}%2f${rest.join("/")}`,
    `/${first}%2F${rest.join("/")}`,
    `/x/%2e%2e${path}`,
    `/x/%2E%2E${path}`,
    `/x/%252e%252e${path}`,
    `/x/..${path}`,
    `/.${path}`,
    `/${path}`,
    `${path}/`,
    `${path}%00`,
    `${path}%`,
    `${path}%zz`,
    `${path}/%2e%2e`,
    `${path}/..%2f..%2f`,
    `${path}?%00=%00`,
  );
  return [...new Set(variants)].filter((v) => v !== path);
}
