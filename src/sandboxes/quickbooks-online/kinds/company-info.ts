import { faults } from "../faults.ts";
import { COMMON_QUERYABLE, type EntityKind } from "./kind.ts";

/** Read-only here: clients read it to check a connection; settings changes are out of scope. */
export const companyInfoKind: EntityKind = {
  name: "CompanyInfo",
  resource: "companyinfo",
  operations: { create: false, update: false, delete: false, void: false },
  queryable: { ...COMMON_QUERYABLE, CompanyName: "string" },
  normalize() {
    throw faults.unsupportedOperation("Operation Update is not supported for CompanyInfo in this sandbox.");
  },
};
