import { z } from "zod";

export const fulfillmentOrdersSchema = z.object({
  order: z
    .object({
      id: z.string(),
      fulfillmentOrders: z.object({
        nodes: z.array(
          z.object({
            id: z.string(),
            status: z.string(),
            assignedLocation: z.object({ location: z.object({ id: z.string() }).nullish() }).nullish(),
            lineItems: z.object({
              nodes: z.array(
                z.object({
                  id: z.string(),
                  remainingQuantity: z.number().int(),
                  lineItem: z.object({ id: z.string() }),
                }),
              ),
            }),
          }),
        ),
      }),
    })
    .nullable(),
});
export type FulfillmentOrderNode = NonNullable<
  z.infer<typeof fulfillmentOrdersSchema>["order"]
>["fulfillmentOrders"]["nodes"][number];

const userErrors = z.array(z.object({ field: z.array(z.string()).nullish(), message: z.string() }));

export const fulfillmentCreateSchema = z.object({
  fulfillmentCreate: z.object({ fulfillment: z.object({ id: z.string() }).nullish(), userErrors }).nullable(),
});

export const webhookSubscriptionsSchema = z.object({
  webhookSubscriptions: z.object({
    nodes: z.array(z.object({ id: z.string(), topic: z.string(), uri: z.string().nullish() })),
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullish() }),
  }),
});
export type WebhookSubscriptionsPage = z.infer<typeof webhookSubscriptionsSchema>;

export const webhookCreateSchema = z.object({
  webhookSubscriptionCreate: z
    .object({ webhookSubscription: z.object({ id: z.string(), topic: z.string() }).nullish(), userErrors })
    .nullable(),
});
