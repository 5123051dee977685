/**
 * The alert builder's conditions as rows ("totalMinor > 10000"), and the json-logic the hub
 * stores (R-NOT-5). Only the builder's own shapes read back into rows; anything else stays JSON.
 */
export type Operator = "==" | "!=" | ">" | ">=" | "<" | "<=" | "contains";
/** `id` only keys the builder's rows; it is not part of the stored condition. */
export type ConditionRow = { id: number; field: string; op: Operator; value: string };

let nextId = 1;
export const rowId = () => nextId++;
export type Condition = { join: "and" | "or"; rows: ConditionRow[] };

export const OPERATORS: { value: Operator; label: string }[] = [
  { value: "==", label: "is" },
  { value: "!=", label: "is not" },
  { value: ">", label: "is more than" },
  { value: ">=", label: "is at least" },
  { value: "<", label: "is less than" },
  { value: "<=", label: "is at most" },
  { value: "contains", label: "contains" },
];

/** "12" compares as a number, "true"/"false" as booleans, anything else as text. */
function literal(value: string): string | number | boolean {
  const v = value.trim();
  if (v === "true" || v === "false") return v === "true";
  if (v !== "" && !Number.isNaN(Number(v))) return Number(v);
  return value;
}

function rowLogic(row: ConditionRow): unknown {
  const field = { var: row.field };
  if (row.op === "contains") return { in: [row.value, field] };
  return { [row.op]: [field, literal(row.value)] };
}

export function toLogic(c: Condition): unknown {
  const rows = c.rows.filter((r) => r.field);
  if (rows.length === 0) return null;
  if (rows.length === 1) return rowLogic(rows[0]!);
  return { [c.join]: rows.map(rowLogic) };
}

function rowFrom(logic: unknown): ConditionRow | null {
  if (!logic || typeof logic !== "object" || Array.isArray(logic)) return null;
  const [entry, ...rest] = Object.entries(logic);
  if (!entry || rest.length > 0 || !Array.isArray(entry[1]) || entry[1].length !== 2) return null;
  const [op, [a, b]] = entry as [string, [unknown, unknown]];
  const varName = (x: unknown) =>
    x && typeof x === "object" && "var" in x && typeof (x as { var: unknown }).var === "string"
      ? (x as { var: string }).var
      : null;
  if (op === "in" && typeof b === "object" && varName(b))
    return { id: rowId(), field: varName(b)!, op: "contains", value: String(a) };
  const ops = OPERATORS.map((o) => o.value as string);
  if (ops.includes(op) && varName(a) && (typeof b !== "object" || b === null))
    return { id: rowId(), field: varName(a)!, op: op as Operator, value: String(b) };
  return null;
}

/** Rows for a stored condition, or null when it is not one the builder writes. */
export function fromLogic(logic: unknown): Condition | null {
  if (logic === null || logic === undefined) return { join: "and", rows: [] };
  const single = rowFrom(logic);
  if (single) return { join: "and", rows: [single] };
  if (typeof logic === "object" && !Array.isArray(logic)) {
    const [entry, ...rest] = Object.entries(logic);
    if (entry && rest.length === 0 && (entry[0] === "and" || entry[0] === "or") && Array.isArray(entry[1])) {
      const rows = entry[1].map(rowFrom);
      if (rows.every((r) => r !== null)) return { join: entry[0], rows: rows as ConditionRow[] };
    }
  }
  return null;
}
