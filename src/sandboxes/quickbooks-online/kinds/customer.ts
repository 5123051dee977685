import { z } from "zod";
import { homeCurrency } from "../company.ts";
import { defaultTaxCodeRef } from "../company-seed.ts";
import { faults } from "../faults.ts";
import { assertUniqueName, COMMON_QUERYABLE, checkLength, type EntityKind, parseInput } from "./kind.ts";

const CustomerInput = z.looseObject({
  DisplayName: z.string().min(1).optional(),
  GivenName: z.string().optional(),
  FamilyName: z.string().optional(),
  CompanyName: z.string().optional(),
  Active: z.boolean().optional(),
  Taxable: z.boolean().optional(),
});

export const customerKind: EntityKind = {
  name: "Customer",
  resource: "customer",
  operations: { create: true, update: true, delete: false, void: false },
  queryable: {
    ...COMMON_QUERYABLE,
    DisplayName: "string",
    GivenName: "string",
    FamilyName: "string",
    CompanyName: "string",
    FullyQualifiedName: "string",
    Active: "boolean",
    Balance: "number",
  },
  normalize(input, ctx, existing) {
    const data = parseInput(CustomerInput, input);
    // QBO derives the display name from the person or company name when it is not given.
    const personName = [data.GivenName, data.FamilyName].filter(Boolean).join(" ");
    const displayName = data.DisplayName ?? (personName || data.CompanyName);
    if (!displayName) throw faults.requiredParam("DisplayName");
    checkLength("DisplayName", displayName, 500);
    assertUniqueName(ctx, "Customer", "DisplayName", displayName, existing?.Id);
    return {
      ...data,
      DisplayName: displayName,
      FullyQualifiedName: displayName,
      PrintOnCheckName: data.PrintOnCheckName ?? displayName,
      Active: data.Active ?? true,
      Taxable: data.Taxable ?? false,
      Job: false,
      BillWithParent: false,
      Balance: existing?.Balance ?? 0,
      BalanceWithJobs: existing?.BalanceWithJobs ?? 0,
      PreferredDeliveryMethod: data.PreferredDeliveryMethod ?? "Print",
      IsProject: data.IsProject ?? false,
      DefaultTaxCodeRef: data.DefaultTaxCodeRef ?? defaultTaxCodeRef(ctx.company, data.Taxable ?? false),
      CurrencyRef: homeCurrency(ctx.company),
    };
  },
};
