/**
 * Parser for Shopify's search syntax as used in `query:` arguments: `field:value`,
 * comparators (`:>`, `:>=`, `:<`, `:<=`), quoted values, `AND` / `OR` / `NOT` / `-`,
 * implicit AND between terms, parentheses, and `value*` prefix matching.
 */

export type Comparator = ":" | ">" | ">=" | "<" | "<=";

export type SearchNode =
  | { readonly kind: "and"; readonly children: readonly SearchNode[] }
  | { readonly kind: "or"; readonly children: readonly SearchNode[] }
  | { readonly kind: "not"; readonly child: SearchNode }
  | {
      readonly kind: "term";
      readonly field: string | null;
      readonly comparator: Comparator;
      readonly value: string;
      readonly prefix: boolean;
    };

type Token =
  | { type: "open" | "close" | "and" | "or" | "not" }
  | { type: "term"; field: string | null; comparator: Comparator; value: string; prefix: boolean };

function readValue(input: string, start: number): { value: string; end: number; quoted: boolean } {
  const quote = input[start];
  if (quote === "'" || quote === '"') {
    let value = "";
    let index = start + 1;
    while (index < input.length && input[index] !== quote) {
      if (input[index] === "\\" && index + 1 < input.length) index++;
      value += input[index];
      index++;
    }
    return { value, end: index + 1, quoted: true };
  }
  let index = start;
  while (index < input.length && !/[\s()]/.test(input[index] as string)) index++;
  return { value: input.slice(start, index), end: index, quoted: false };
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < input.length) {
    const char = input[index] as string;
    if (/\s/.test(char)) {
      index++;
      continue;
    }
    if (char === "(" || char === ")") {
      tokens.push({ type: char === "(" ? "open" : "close" });
      index++;
      continue;
    }
    if (char === "-" && index + 1 < input.length && !/\s/.test(input[index + 1] as string)) {
      tokens.push({ type: "not" });
      index++;
      continue;
    }
    const field = /^([A-Za-z_][A-Za-z0-9_.]*):(>=|<=|>|<|=)?/.exec(input.slice(index));
    if (field) {
      const read = readValue(input, index + field[0].length);
      const prefix = !read.quoted && read.value.endsWith("*");
      const comparator = (field[2] === "=" || field[2] === undefined ? ":" : field[2]) as Comparator;
      const value = prefix ? read.value.slice(0, -1) : read.value;
      tokens.push({ type: "term", field: (field[1] as string).toLowerCase(), comparator, value, prefix });
      index = read.end;
      continue;
    }
    const read = readValue(input, index);
    index = read.end;
    if (!read.quoted && (read.value === "AND" || read.value === "OR" || read.value === "NOT")) {
      tokens.push({ type: read.value === "AND" ? "and" : read.value === "OR" ? "or" : "not" });
      continue;
    }
    const prefix = !read.quoted && read.value.endsWith("*");
    tokens.push({
      type: "term",
      field: null,
      comparator: ":",
      value: prefix ? read.value.slice(0, -1) : read.value,
      prefix,
    });
  }
  return tokens;
}

class Parser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): SearchNode {
    const node = this.or();
    return node ?? { kind: "and", children: [] };
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private or(): SearchNode | null {
    const children: SearchNode[] = [];
    const first = this.and();
    if (first) children.push(first);
    while (this.peek()?.type === "or") {
      this.position++;
      const next = this.and();
      if (next) children.push(next);
    }
    if (children.length <= 1) return children[0] ?? null;
    return { kind: "or", children };
  }

  private and(): SearchNode | null {
    const children: SearchNode[] = [];
    for (
      let token = this.peek();
      token && token.type !== "or" && token.type !== "close";
      token = this.peek()
    ) {
      if (token.type === "and") {
        this.position++;
        continue;
      }
      const unary = this.unary();
      if (unary) children.push(unary);
    }
    if (children.length <= 1) return children[0] ?? null;
    return { kind: "and", children };
  }

  private unary(): SearchNode | null {
    const token = this.tokens[this.position++];
    if (!token) return null;
    if (token.type === "not") {
      const child = this.unary();
      return child ? { kind: "not", child } : null;
    }
    if (token.type === "open") {
      const inner = this.or();
      if (this.peek()?.type === "close") this.position++;
      return inner;
    }
    if (token.type === "term") {
      const { field, comparator, value, prefix } = token;
      return { kind: "term", field, comparator, value, prefix };
    }
    return null;
  }
}

export function parseSearchQuery(input: string): SearchNode {
  return new Parser(tokenize(input)).parse();
}
