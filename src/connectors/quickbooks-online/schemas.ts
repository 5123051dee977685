import { z } from "zod";

/** QuickBooks shapes read at the edge; unknown fields pass through untouched. */

export const refSchema = z.looseObject({ value: z.string(), name: z.string().optional() });
export type QboRef = z.infer<typeof refSchema>;

const metaData = z.looseObject({ CreateTime: z.string().optional(), LastUpdatedTime: z.string() });

export const itemSchema = z.looseObject({
  Id: z.string(),
  SyncToken: z.string(),
  Name: z.string(),
  Sku: z.string().optional(),
  Type: z.string().optional(),
  Active: z.boolean().optional(),
  TrackQtyOnHand: z.boolean().optional(),
  QtyOnHand: z.number().optional(),
  UnitPrice: z.number().optional(),
  Description: z.string().optional(),
  MetaData: metaData,
});
export type QboItem = z.infer<typeof itemSchema>;

export const customerSchema = z.looseObject({
  Id: z.string(),
  SyncToken: z.string(),
  DisplayName: z.string(),
  Active: z.boolean().optional(),
});
export type QboCustomer = z.infer<typeof customerSchema>;

export const accountSchema = z.looseObject({
  Id: z.string(),
  Name: z.string(),
  AccountType: z.string().optional(),
  Active: z.boolean().optional(),
});

export const salesDocumentSchema = z.looseObject({
  Id: z.string(),
  SyncToken: z.string(),
  DocNumber: z.string().optional(),
  TxnDate: z.string().optional(),
  TotalAmt: z.number().optional(),
  PrivateNote: z.string().optional(),
  CustomerRef: refSchema.optional(),
  Line: z.array(z.looseObject({ DetailType: z.string(), Amount: z.number().optional() })).optional(),
  MetaData: metaData.optional(),
});
export type QboSalesDocument = z.infer<typeof salesDocumentSchema>;

export const companyInfoSchema = z.looseObject({
  CompanyInfo: z.looseObject({
    CompanyName: z.string(),
    Country: z.string().optional(),
    /** Carries `OfferingSku` ("QuickBooks Online Plus"…), the edition. */
    NameValue: z.array(z.looseObject({ Name: z.string(), Value: z.string().optional() })).optional(),
  }),
});

export const preferencesSchema = z.looseObject({
  Preferences: z.looseObject({
    CurrencyPrefs: z
      .looseObject({ HomeCurrency: z.looseObject({ value: z.string() }).optional() })
      .optional(),
    ProductAndServicesPrefs: z.looseObject({ QuantityOnHand: z.boolean().optional() }).optional(),
  }),
});

export const taxCodeSchema = z.looseObject({
  Id: z.string(),
  Name: z.string(),
  Taxable: z.boolean().optional(),
  Active: z.boolean().optional(),
});

/** `{ QueryResponse: { <Entity>: [...], startPosition, maxResults } }`; the entity key is absent when empty. */
export const queryResponseSchema = z.looseObject({
  QueryResponse: z.record(z.string(), z.unknown()),
});
