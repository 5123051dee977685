import { XMLParser } from "fast-xml-parser";

/** An element with its attributes, child elements in document order, and its own text. */
export interface XmlNode {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
  readonly text: string;
}

/** A parsed document: its processing instructions (`xml`, `qbxml`, …) and its root element. */
export interface XmlDocument {
  readonly instructions: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly root: XmlNode;
}

export class XmlSyntaxError extends Error {}

type Ordered = Record<string, unknown>;

function parserFor(removeNSPrefix: boolean): XMLParser {
  return new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: "",
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    removeNSPrefix,
    processEntities: true,
  });
}

const plain = parserFor(false);
const withoutPrefixes = parserFor(true);

function toNode(entry: Ordered): XmlNode | null {
  const name = Object.keys(entry).find((key) => key !== ":@");
  if (name === undefined || name === "#text" || name.startsWith("?")) return null;
  const attrs = (entry[":@"] ?? {}) as Record<string, string>;
  const raw = (entry[name] ?? []) as Ordered[];
  const children: XmlNode[] = [];
  let text = "";
  for (const item of raw) {
    if ("#text" in item) text += String(item["#text"]);
    else {
      const child = toNode(item);
      if (child) children.push(child);
    }
  }
  return { name, attrs, children, text };
}

/**
 * Parses a document into ordered elements (qbXML and SOAP care about order). Namespace prefixes
 * are dropped when asked, as SOAP envelopes may use any prefix.
 */
export function parseXml(xml: string, options: { removeNamespacePrefixes?: boolean } = {}): XmlDocument {
  let entries: Ordered[];
  try {
    const parser = options.removeNamespacePrefixes ? withoutPrefixes : plain;
    entries = parser.parse(xml, true) as Ordered[];
  } catch (error) {
    throw new XmlSyntaxError((error as Error).message);
  }
  const instructions: Record<string, Record<string, string>> = {};
  let root: XmlNode | null = null;
  for (const entry of entries) {
    const key = Object.keys(entry).find((k) => k !== ":@");
    if (key?.startsWith("?")) instructions[key.slice(1)] = (entry[":@"] ?? {}) as Record<string, string>;
    else if (!root) root = toNode(entry);
  }
  if (!root) throw new XmlSyntaxError("no root element");
  return { instructions, root };
}

export function child(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((c) => c.name === name);
}

export function childrenNamed(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}

/** The text of a direct child, or undefined when it is absent. */
export function textOf(node: XmlNode, name: string): string | undefined {
  return child(node, name)?.text;
}

export function escapeXml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** A child of a rendered element: nested markup, or a leaf written `[name, value]` (skipped when value is undefined). */
export type Part = string | readonly [string, string | number | boolean | undefined | null];

/** Renders `<name attrs>parts</name>`; leaves with an undefined or null value are left out. */
export function element(
  name: string,
  attrs: Readonly<Record<string, string | undefined>>,
  parts: readonly Part[],
): string {
  const attrText = Object.entries(attrs)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join("");
  const body = parts
    .map((part) => {
      if (typeof part === "string") return part;
      const [leaf, value] = part;
      if (value === undefined || value === null) return "";
      return `<${leaf}>${escapeXml(String(value))}</${leaf}>`;
    })
    .join("");
  return `<${name}${attrText}>${body}</${name}>`;
}

/** Writes a parsed element back as markup (attributes and children in their order). */
export function serialize(node: XmlNode): string {
  const inner = node.children.length > 0 ? node.children.map(serialize).join("") : escapeXml(node.text);
  return element(node.name, node.attrs, [inner]);
}
