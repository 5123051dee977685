import { QbStatus } from "./qbxml-status.ts";
import type { XmlNode } from "./xml.ts";

/**
 * Replaces every `useMacro="…"` element's text with the TxnID an earlier request of the same
 * message set defined with `defMacro`. An undefined macro fails the request.
 */
export function withMacros(node: XmlNode, macros: ReadonlyMap<string, string>): XmlNode {
  const name = node.attrs.useMacro;
  if (name !== undefined) {
    const value = macros.get(name);
    // GUESS: the exact code within QuickBooks' 9100–9199 macro range.
    if (value === undefined) throw new QbStatus(9100, `The macro "${name}" is not defined.`);
    return { ...node, text: value };
  }
  if (node.children.length === 0) return node;
  return { ...node, children: node.children.map((c) => withMacros(c, macros)) };
}
