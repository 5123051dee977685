type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A connection in the result: only edges / nodes / pageInfo keys, with a list of nodes. */
function connectionNodes(value: unknown): JsonObject[] | null {
  if (!isObject(value)) return null;
  const keys = Object.keys(value);
  if (keys.length === 0 || !keys.every((key) => key === "edges" || key === "nodes" || key === "pageInfo"))
    return null;
  const nodes: JsonObject[] = [];
  if (Array.isArray(value.edges)) {
    for (const edge of value.edges) if (isObject(edge) && isObject(edge.node)) nodes.push(edge.node);
  } else if (Array.isArray(value.nodes)) {
    for (const node of value.nodes) if (isObject(node)) nodes.push(node);
  } else {
    return null;
  }
  return nodes;
}

interface Child {
  readonly node: JsonObject;
  readonly parentId: string | null;
}

/** Copies an object without its connections, collecting their nodes (and the id that owns them). */
function strip(value: JsonObject, ownerId: string | null, children: Child[]): JsonObject {
  const id = typeof value.id === "string" ? value.id : ownerId;
  const copy: JsonObject = {};
  for (const [key, field] of Object.entries(value)) {
    const nodes = connectionNodes(field);
    if (nodes) {
      for (const node of nodes) children.push({ node, parentId: id });
    } else {
      copy[key] = isObject(field) ? strip(field, id, children) : field;
    }
  }
  return copy;
}

/**
 * Shopify's bulk result format: one JSON object per line, connection wrappers removed,
 * nested connection nodes on their own lines after their parent with `__parentId`.
 */
export function toJsonLines(node: JsonObject, parentId: string | null, out: string[]): void {
  const children: Child[] = [];
  const line = strip(node, null, children);
  if (parentId !== null) line.__parentId = parentId;
  out.push(JSON.stringify(line));
  for (const child of children) toJsonLines(child.node, child.parentId, out);
}

/** The root connection's nodes in a result's `data`. */
export function rootNodes(data: unknown): JsonObject[] {
  if (!isObject(data)) return [];
  for (const value of Object.values(data)) {
    const nodes = connectionNodes(value);
    if (nodes) return nodes;
  }
  return [];
}
