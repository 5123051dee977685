import { faults } from "../faults.ts";
import { COMMON_QUERYABLE, type EntityKind } from "./kind.ts";

/** The company's tax codes; read-only, as the API serves them (they are set up in the QBO screens). */
export const taxCodeKind: EntityKind = {
  name: "TaxCode",
  resource: "taxcode",
  operations: { create: false, update: false, delete: false, void: false },
  queryable: { ...COMMON_QUERYABLE, Name: "string", Active: "boolean", Taxable: "boolean" },
  normalize() {
    throw faults.unsupportedOperation("Operation Create is not supported for TaxCode.");
  },
};

/** Company settings (currency, terms, tax, inventory); read with GET /preferences. Updates are not modelled. */
export const preferencesKind: EntityKind = {
  name: "Preferences",
  resource: "preferences",
  operations: { create: false, update: false, delete: false, void: false },
  queryable: { ...COMMON_QUERYABLE },
  normalize() {
    throw faults.unsupportedOperation("Operation Update is not supported for Preferences in this sandbox.");
  },
};
