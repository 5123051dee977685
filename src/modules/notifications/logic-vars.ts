/** Operations whose later arguments run per element, where `var` names the element's fields. */
const ITERATING = new Set(["some", "all", "none", "map", "filter", "reduce"]);

/** Every `{"var": "a.b"}` in a json-logic expression, as its top-level field name. */
export function logicVars(logic: unknown): string[] {
  if (Array.isArray(logic)) return logic.flatMap(logicVars);
  if (logic === null || typeof logic !== "object") return [];
  const out: string[] = [];
  for (const [op, arg] of Object.entries(logic)) {
    if (op === "var") {
      const name = Array.isArray(arg) ? arg[0] : arg;
      if (typeof name === "string" && name !== "") out.push(name.split(".")[0]!);
      else if (typeof name === "number") out.push(String(name));
    } else if (ITERATING.has(op) && Array.isArray(arg)) out.push(...logicVars(arg[0]));
    else out.push(...logicVars(arg));
  }
  return out;
}
