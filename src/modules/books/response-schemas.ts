import { z } from "zod";

/** What this module's routes answer: Fastify serialises each reply through these, so a field not listed here never leaves the hub. */

export const getBooksSyncProgressResponse = z.object({
  connectionId: z.string(),
  from: z.string(),
  to: z.string(),
  postingMode: z.string(),
  grouping: z.string(),
  booksConnectionId: z.string().nullable(),
  booksMode: z.string().nullable(),
  orders: z.object({ total: z.number(), inBooks: z.number() }),
  documents: z.object({
    pending: z.number(),
    posting: z.number(),
    posted: z.number(),
    failed: z.number(),
    preview: z.number(),
    total: z.number(),
  }),
  lastChangeAt: z.string().nullable(),
});

export const listOrderPostingsResponse = z.object({
  summary: z.object({ id: z.string(), periodKey: z.string() }).nullable(),
  items: z.array(
    z.object({
      id: z.string(),
      booksConnectionId: z.string(),
      channelConnectionId: z.string().nullable(),
      subjectType: z.enum(["summary", "order", "refund"]),
      subjectId: z.string(),
      status: z.enum(["pending", "posting", "posted", "failed", "preview"]),
      generation: z.number(),
      docKind: z.string().nullable(),
      docId: z.string().nullable(),
      docNumber: z.string().nullable(),
      totalMinor: z.number().nullable(),
      error: z.string().nullable(),
      attempts: z.number(),
      postedAt: z.string().nullable(),
      updatedAt: z.string(),
    }),
  ),
});

export const getOrderSettingsResponse = z.object({
  connectionId: z.string(),
  postingMode: z.enum(["summary", "individual"]),
  grouping: z.enum(["day", "month"]),
  booksConnectionId: z.string().nullable(),
  summaryCustomer: z.string().nullable(),
  saleDocument: z.enum(["SalesReceipt", "Invoice"]),
  refundDocument: z.enum(["RefundReceipt", "CreditMemo"]),
});

export const updateOrderSettingsResponse = getOrderSettingsResponse;

export const syncBooksResponse = z.object({
  connectionId: z.string(),
  from: z.string(),
  to: z.string(),
  mode: z.string(),
  periods: z.array(z.string()),
  outcomes: z.object({
    posted: z.number(),
    failed: z.number(),
    preview: z.number(),
    queued: z.number().optional().describe("Postings handed to a books client that posts them later"),
    blocked: z.number(),
    skipped: z.number(),
  }),
});

export const listBooksSummariesResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      channelConnectionId: z.string(),
      periodKey: z.string(),
      currency: z.string(),
      lines: z.array(
        z.object({
          sku: z.string(),
          name: z.string(),
          quantity: z.number(),
          unitPriceMinor: z.number(),
          amountMinor: z.number(),
        }),
      ),
      discountMinor: z.number(),
      taxMinor: z.number(),
      shippingMinor: z.number(),
      totalMinor: z.number(),
      generation: z.number(),
      orders: z.array(z.object({ id: z.string(), orderNumber: z.string() })),
      createdAt: z.string(),
    }),
  ),
  nextCursor: z.null(),
});

export const resummarizeBooksSummaryResponse = z.object({
  periodKey: z.string(),
  generation: z.number(),
  outcomes: z.array(z.enum(["posted", "failed", "preview", "queued", "blocked", "skipped"])),
});

export const listBooksPostingsResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      booksConnectionId: z.string(),
      channelConnectionId: z.string().nullable(),
      subjectType: z.enum(["summary", "order", "refund"]),
      subjectId: z.string(),
      status: z.enum(["pending", "posting", "posted", "failed", "preview"]),
      generation: z.number(),
      docKind: z.string().nullable(),
      docId: z.string().nullable(),
      docNumber: z.string().nullable(),
      totalMinor: z.number().nullable(),
      error: z.string().nullable(),
      attempts: z.number(),
      postedAt: z.string().nullable(),
      updatedAt: z.string(),
    }),
  ),
  nextCursor: z.null(),
});
