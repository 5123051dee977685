import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser";

/** An XML text that is not well-formed: the SOAP service answers it with a client fault. */
export class XmlMalformedError extends Error {
  override name = "XmlMalformedError";
}

export type XmlObject = { [name: string]: XmlValue };
export type XmlValue = string | XmlObject | XmlValue[];

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  // Only the XML declaration is ignored; a DOCTYPE is refused below (no entity expansion games).
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/**
 * Parses a document into plain objects (namespace prefixes dropped, attributes as `@name`, text as
 * `#text` beside attributes, every value a string). Throws `XmlMalformedError` for text that is
 * not well-formed or that declares a DOCTYPE.
 */
export function parseXml(text: string): XmlObject {
  if (/<!DOCTYPE/i.test(text)) throw new XmlMalformedError("a DOCTYPE is not accepted");
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new XmlMalformedError(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  }
  const parsed = parser.parse(text) as unknown;
  if (!parsed || typeof parsed !== "object") throw new XmlMalformedError("no root element");
  return parsed as XmlObject;
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  suppressEmptyNode: false,
  processEntities: true,
  format: false,
});

/**
 * Builds XML from plain objects in key order: qbXML refuses elements out of its schema sequence, so
 * callers write keys in that order (JavaScript keeps string keys in insertion order).
 */
export function buildXml(value: XmlObject): string {
  return builder.build(value) as string;
}

/** The child element `name` of an object, or undefined. */
export function child(node: XmlValue | undefined, name: string): XmlValue | undefined {
  if (!node || typeof node !== "object" || Array.isArray(node)) return undefined;
  return node[name];
}

/** The text of a simple element (`<a>x</a>` or `<a attr="…">x</a>`), "" when empty or absent. */
export function textOf(node: XmlValue | undefined): string {
  if (node === undefined) return "";
  if (typeof node === "string") return node;
  if (Array.isArray(node)) return textOf(node[0]);
  const text = node["#text"];
  return typeof text === "string" ? text : "";
}

/** An attribute of an element, or undefined. */
export function attrOf(node: XmlValue | undefined, name: string): string | undefined {
  if (!node || typeof node !== "object" || Array.isArray(node)) return undefined;
  const value = node[`@${name}`];
  return typeof value === "string" ? value : undefined;
}

/** The element(s) under one name as a list (XML repeats an element instead of nesting a list). */
export function listOf(node: XmlValue | undefined): XmlValue[] {
  if (node === undefined) return [];
  return Array.isArray(node) ? node : [node];
}
