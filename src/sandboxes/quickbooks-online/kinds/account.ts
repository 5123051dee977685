import { z } from "zod";
import { homeCurrency } from "../company.ts";
import { assertUniqueName, COMMON_QUERYABLE, checkLength, type EntityKind, parseInput } from "./kind.ts";

const CLASSIFICATION: Record<string, string> = {
  Bank: "Asset",
  "Accounts Receivable": "Asset",
  "Other Current Asset": "Asset",
  "Fixed Asset": "Asset",
  "Other Asset": "Asset",
  "Accounts Payable": "Liability",
  "Credit Card": "Liability",
  "Other Current Liability": "Liability",
  "Long Term Liability": "Liability",
  Equity: "Equity",
  Income: "Revenue",
  "Other Income": "Revenue",
  "Cost of Goods Sold": "Expense",
  Expense: "Expense",
  "Other Expense": "Expense",
};

const AccountInput = z.looseObject({
  Name: z.string().min(1),
  AccountType: z.string().refine((type) => type in CLASSIFICATION),
  AccountSubType: z.string().optional(),
  Active: z.boolean().optional(),
});

export const accountKind: EntityKind = {
  name: "Account",
  resource: "account",
  operations: { create: true, update: true, delete: false, void: false },
  queryable: {
    ...COMMON_QUERYABLE,
    Name: "string",
    FullyQualifiedName: "string",
    AccountType: "string",
    AccountSubType: "string",
    Classification: "string",
    Active: "boolean",
    CurrentBalance: "number",
  },
  normalize(input, ctx, existing) {
    const data = parseInput(AccountInput, input);
    checkLength("Name", data.Name, 100);
    assertUniqueName(ctx, "Account", "Name", data.Name, existing?.Id);
    return {
      ...data,
      FullyQualifiedName: data.Name,
      Classification: CLASSIFICATION[data.AccountType],
      Active: data.Active ?? true,
      SubAccount: false,
      CurrentBalance: existing?.CurrentBalance ?? 0,
      CurrentBalanceWithSubAccounts: existing?.CurrentBalanceWithSubAccounts ?? 0,
      CurrencyRef: homeCurrency(ctx.company),
    };
  },
};
