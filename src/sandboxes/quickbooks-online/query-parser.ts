import { faults } from "./faults.ts";

/**
 * The QBO query language: `SELECT * | COUNT(*) FROM Entity [WHERE f op v [AND ...]]
 * [ORDERBY f [ASC|DESC], ...] [STARTPOSITION n] [MAXRESULTS m]` (paging clauses in either order). No OR, joins, grouping or projections.
 */
export type Literal = string | number | boolean;

export type Operator = "=" | "<" | ">" | "<=" | ">=" | "IN" | "LIKE";

export interface Condition {
  field: string;
  op: Operator;
  value: Literal | Literal[];
}

export interface OrderBy {
  field: string;
  descending: boolean;
}

export interface ParsedQuery {
  count: boolean;
  entity: string;
  where: Condition[];
  orderBy: OrderBy[];
  startPosition?: number;
  maxResults?: number;
}

type Token =
  | { kind: "word"; text: string; column: number }
  | { kind: "string"; text: string; column: number }
  | { kind: "number"; text: string; column: number }
  | { kind: "symbol"; text: string; column: number }
  | { kind: "end"; text: "<EOF>"; column: number };

const SYMBOLS = ["<=", ">=", "=", "<", ">", "(", ")", ",", "*"];
const COMPARISONS = ["=", "<", ">", "<=", ">="] as const;

/** Token classes as the JavaCC-generated QBO parser names them in its messages. */
const TOKEN_LABEL: Record<Token["kind"], string> = {
  word: "<IDENTIFIER>",
  string: "<STRING_LITERAL>",
  number: "<INTEGER>",
  symbol: "",
  end: "<EOF>",
};

function unterminated(column: number): never {
  throw faults.queryParser(`Lexical error at line 1, column ${column}. Unterminated string literal.`);
}

export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const char = query.charAt(i);
    const column = i + 1;
    if (/\s/.test(char)) {
      i += 1;
    } else if (char === "'") {
      // QBO escapes a quote inside a value with a backslash: 'O\'Brien'.
      let text = "";
      i += 1;
      while (i < query.length && query.charAt(i) !== "'") {
        if (query.charAt(i) === "\\" && i + 1 < query.length) i += 1;
        text += query.charAt(i);
        i += 1;
      }
      if (i >= query.length) unterminated(column);
      i += 1;
      tokens.push({ kind: "string", text, column });
    } else if (/[0-9-]/.test(char) && /^-?\d/.test(query.slice(i))) {
      const match = /^-?\d+(\.\d+)?/.exec(query.slice(i));
      const text = match?.[0] ?? char;
      tokens.push({ kind: "number", text, column });
      i += text.length;
    } else if (/[A-Za-z_]/.test(char)) {
      const text = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(query.slice(i))?.[0] ?? char;
      tokens.push({ kind: "word", text, column });
      i += text.length;
    } else {
      const symbol = SYMBOLS.find((s) => query.startsWith(s, i));
      if (!symbol)
        throw faults.queryParser(`Lexical error at line 1, column ${column}. Encountered: "${char}"`);
      tokens.push({ kind: "symbol", text: symbol, column });
      i += symbol.length;
    }
  }
  tokens.push({ kind: "end", text: "<EOF>", column: query.length + 1 });
  return tokens;
}

class Parser {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.index] ?? { kind: "end", text: "<EOF>", column: 0 };
  }

  private next(): Token {
    const token = this.peek();
    this.index += 1;
    return token;
  }

  private fail(token: Token): never {
    const label = TOKEN_LABEL[token.kind] || `"${token.text}"`;
    throw faults.queryParser(`Encountered " ${label} "${token.text} "" at line 1, column ${token.column}.`);
  }

  private isKeyword(keyword: string): boolean {
    const token = this.peek();
    return token.kind === "word" && token.text.toUpperCase() === keyword;
  }

  private keyword(keyword: string): void {
    if (!this.isKeyword(keyword)) this.fail(this.peek());
    this.index += 1;
  }

  private symbol(symbol: string): void {
    const token = this.next();
    if (token.kind !== "symbol" || token.text !== symbol) this.fail(token);
  }

  private word(): string {
    const token = this.next();
    if (token.kind !== "word") this.fail(token);
    return token.text;
  }

  private integer(): number {
    const token = this.next();
    if (token.kind !== "number" || !/^\d+$/.test(token.text)) this.fail(token);
    return Number(token.text);
  }

  private literal(): Literal {
    const token = this.next();
    if (token.kind === "string") return token.text;
    if (token.kind === "number") return Number(token.text);
    if (token.kind === "word" && /^(true|false)$/i.test(token.text))
      return token.text.toLowerCase() === "true";
    // Unquoted values are allowed ("value_without_quote" in Intuit's grammar).
    if (token.kind === "word") return token.text;
    return this.fail(token);
  }

  private condition(): Condition {
    const field = this.word();
    const token = this.next();
    const comparison = token.kind === "symbol" ? COMPARISONS.find((op) => op === token.text) : undefined;
    if (comparison) return { field, op: comparison, value: this.literal() };
    if (token.kind === "word" && token.text.toUpperCase() === "LIKE") {
      const pattern = this.literal();
      if (typeof pattern !== "string") this.fail(token);
      return { field, op: "LIKE", value: pattern };
    }
    if (token.kind === "word" && token.text.toUpperCase() === "IN") {
      this.symbol("(");
      const values = [this.literal()];
      while (this.peek().text === ",") {
        this.next();
        values.push(this.literal());
      }
      this.symbol(")");
      return { field, op: "IN", value: values };
    }
    return this.fail(token);
  }

  private orderBy(): OrderBy[] {
    const order: OrderBy[] = [];
    do {
      if (order.length > 0) this.next();
      const field = this.word();
      let descending = false;
      if (this.isKeyword("ASC") || this.isKeyword("DESC"))
        descending = this.next().text.toUpperCase() === "DESC";
      order.push({ field, descending });
    } while (this.peek().text === ",");
    return order;
  }

  parse(): ParsedQuery {
    this.keyword("SELECT");
    let count = false;
    if (this.peek().text === "*") {
      this.next();
    } else if (this.isKeyword("COUNT")) {
      this.next();
      this.symbol("(");
      this.symbol("*");
      this.symbol(")");
      count = true;
    } else {
      this.fail(this.peek());
    }
    this.keyword("FROM");
    const query: ParsedQuery = { count, entity: this.word(), where: [], orderBy: [] };
    if (this.isKeyword("WHERE")) {
      this.next();
      query.where.push(this.condition());
      while (this.isKeyword("AND")) {
        this.next();
        query.where.push(this.condition());
      }
    }
    if (this.isKeyword("ORDERBY") || this.isKeyword("ORDER")) {
      if (this.next().text.toUpperCase() === "ORDER") this.keyword("BY");
      query.orderBy = this.orderBy();
    }
    // QBO takes the paging clauses in either order (node-quickbooks writes MAXRESULTS first), each once.
    while (this.isKeyword("STARTPOSITION") || this.isKeyword("MAXRESULTS")) {
      const clause = this.peek();
      const isStart = clause.text.toUpperCase() === "STARTPOSITION";
      if ((isStart ? query.startPosition : query.maxResults) !== undefined) this.fail(clause);
      this.next();
      if (isStart) query.startPosition = this.integer();
      else query.maxResults = this.integer();
    }
    if (this.peek().kind !== "end") this.fail(this.peek());
    return query;
  }
}

export function parseQuery(query: string): ParsedQuery {
  return new Parser(tokenize(query.trim())).parse();
}
