import type { Comparator, SearchNode } from "./search-query.ts";

/** How one search field reads a record. Strings match case-insensitively; lists match any element. */
export type FieldMatcher<T> =
  | { readonly type: "date"; readonly get: (record: T) => number | null }
  | { readonly type: "number"; readonly get: (record: T) => number | null }
  | { readonly type: "string"; readonly get: (record: T) => string | readonly string[] | null }
  | { readonly type: "custom"; readonly test: (record: T, value: string) => boolean };

export type SearchFields<T> = Readonly<Record<string, FieldMatcher<T>>>;

export interface SearchWarning {
  readonly field: string;
  readonly message: string;
}

export type Predicate<T> = (record: T) => boolean;

const DAY = 86_400_000;

function compare(actual: number, comparator: Comparator, expected: number): boolean {
  switch (comparator) {
    case ">":
      return actual > expected;
    case ">=":
      return actual >= expected;
    case "<":
      return actual < expected;
    case "<=":
      return actual <= expected;
    default:
      return actual === expected;
  }
}

function dateTest<T>(
  get: (record: T) => number | null,
  comparator: Comparator,
  value: string,
): Predicate<T> | null {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const parsed = Date.parse(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(parsed)) return null;
  // Shopify times have second precision; compare at that precision.
  const seconds = (ms: number) => Math.floor(ms / 1000);
  if (comparator === ":" && dateOnly) {
    return (record) => {
      const actual = get(record);
      return actual !== null && actual >= parsed && actual < parsed + DAY;
    };
  }
  return (record) => {
    const actual = get(record);
    return actual !== null && compare(seconds(actual), comparator, seconds(parsed));
  };
}

function stringTest<T>(
  get: (record: T) => string | readonly string[] | null,
  value: string,
  prefix: boolean,
): Predicate<T> {
  const wanted = value.toLowerCase();
  const matches = (candidate: string) => {
    const lower = candidate.toLowerCase();
    return prefix ? lower.startsWith(wanted) : lower === wanted;
  };
  return (record) => {
    const actual = get(record);
    if (actual === null) return false;
    return typeof actual === "string" ? matches(actual) : actual.some(matches);
  };
}

function termPredicate<T>(
  node: Extract<SearchNode, { kind: "term" }>,
  fields: SearchFields<T>,
  text: (record: T) => readonly string[],
  warnings: SearchWarning[],
): Predicate<T> {
  if (node.field === null) {
    const wanted = node.value.toLowerCase();
    return (record) => text(record).some((candidate) => candidate.toLowerCase().includes(wanted));
  }
  const matcher = fields[node.field];
  if (!matcher) {
    // Shopify ignores unknown fields and says so in extensions.search.
    warnings.push({ field: node.field, message: "Invalid search field for this query." });
    return () => true;
  }
  switch (matcher.type) {
    case "date": {
      const test = dateTest(matcher.get, node.comparator, node.value);
      if (test) return test;
      warnings.push({ field: node.field, message: "Invalid date value." });
      return () => true;
    }
    case "number": {
      const expected = Number(node.value);
      return (record) => {
        const actual = matcher.get(record);
        return actual !== null && compare(actual, node.comparator, expected);
      };
    }
    case "string":
      return stringTest(matcher.get, node.value, node.prefix);
    case "custom":
      return (record) => matcher.test(record, node.value.toLowerCase());
  }
}

/** Compiles a parsed query into a predicate; unknown fields add warnings and match everything. */
export function compileSearch<T>(
  node: SearchNode,
  fields: SearchFields<T>,
  text: (record: T) => readonly string[],
  warnings: SearchWarning[],
): Predicate<T> {
  switch (node.kind) {
    case "and": {
      const children = node.children.map((child) => compileSearch(child, fields, text, warnings));
      return (record) => children.every((child) => child(record));
    }
    case "or": {
      const children = node.children.map((child) => compileSearch(child, fields, text, warnings));
      return (record) => children.some((child) => child(record));
    }
    case "not": {
      const child = compileSearch(node.child, fields, text, warnings);
      return (record) => !child(record);
    }
    case "term":
      return termPredicate(node, fields, text, warnings);
  }
}
