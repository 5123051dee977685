import {
  buildSchema,
  defaultFieldResolver,
  GraphQLError,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isObjectType,
} from "graphql";
import { ACCESS_DENIED_DOCS } from "../constants.ts";
import type { GraphqlContext } from "./context.ts";
import { typeWeight } from "./cost.ts";
import type { ResolverMap } from "./resolver-types.ts";
import { catalogResolvers } from "./resolvers/catalog.ts";
import { inventoryMutationResolvers } from "./resolvers/inventory-mutations.ts";
import { mediaResolvers } from "./resolvers/media.ts";
import { resolveKind } from "./resolvers/node.ts";
import { operationResolvers } from "./resolvers/operations.ts";
import { orderMutationResolvers } from "./resolvers/order-mutations.ts";
import { orderOperationResolvers } from "./resolvers/order-operations.ts";
import { orderResolvers } from "./resolvers/orders.ts";
import { queryResolvers } from "./resolvers/queries.ts";
import { shipmentResolvers } from "./resolvers/shipments.ts";
import { catalogSdl } from "./sdl-catalog.ts";
import { commonSdl } from "./sdl-common.ts";
import { mutationInputsSdl } from "./sdl-inputs.ts";
import { mediaSdl } from "./sdl-media.ts";
import { operationsSdl } from "./sdl-operations.ts";
import { orderOperationsSdl } from "./sdl-order-operations.ts";
import { ordersSdl } from "./sdl-orders.ts";
import { shipmentsSdl } from "./sdl-shipments.ts";

const RESOLVER_MAPS: readonly ResolverMap[] = [
  queryResolvers,
  catalogResolvers,
  mediaResolvers,
  orderResolvers,
  shipmentResolvers,
  inventoryMutationResolvers,
  orderMutationResolvers,
  orderOperationResolvers,
  operationResolvers,
];

type Resolve = GraphQLFieldResolver<unknown, GraphqlContext>;

/**
 * Counts what a field actually returned (objects 1, connections 2, edges and PageInfo 0)
 * so `actualQueryCost` follows the same rules as the requested cost.
 */
function counting(resolve: Resolve, weight: number): Resolve {
  return (source, args, context, info) => {
    const value = resolve(source, args, context, info);
    if (context.countCost && value !== null && value !== undefined) {
      context.actualCost += Array.isArray(value)
        ? value.filter((item) => item != null).length * weight
        : weight;
    }
    return value;
  };
}

/**
 * Level-2 protected customer data (name, address, phone, email). Without approval Shopify still
 * answers HTTP 200: each field is null with an ACCESS_DENIED error carrying its path.
 */
const PROTECTED_CUSTOMER_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Order: ["customer", "email", "phone", "shippingAddress", "billingAddress"],
  Customer: ["firstName", "lastName", "email", "defaultEmailAddress", "phone", "defaultAddress"],
};

function protectedField(resolve: Resolve): Resolve {
  return (source, args, context, info) => {
    if (!context.protectedCustomerData) {
      throw new GraphQLError(`Access denied for ${info.fieldName} field.`, {
        extensions: { code: "ACCESS_DENIED", documentation: ACCESS_DENIED_DOCS },
      });
    }
    return resolve(source, args, context, info);
  };
}

/** Builds the executable schema once; resolvers and cost counting are attached to the SDL's fields. */
export function createSchema(): GraphQLSchema {
  const schema = buildSchema(
    [
      commonSdl,
      catalogSdl,
      mediaSdl,
      ordersSdl,
      shipmentsSdl,
      mutationInputsSdl,
      operationsSdl,
      orderOperationsSdl,
    ].join("\n"),
  );
  for (const map of RESOLVER_MAPS) {
    for (const [typeName, resolvers] of Object.entries(map)) {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) throw new Error(`resolvers for unknown object type ${typeName}`);
      const fieldMap = type.getFields();
      for (const [fieldName, resolve] of Object.entries(resolvers)) {
        const field = fieldMap[fieldName];
        if (!field) throw new Error(`resolver for unknown field ${typeName}.${fieldName}`);
        field.resolve = resolve as Resolve;
      }
    }
  }
  for (const [typeName, fieldNames] of Object.entries(PROTECTED_CUSTOMER_FIELDS)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`protected fields on unknown type ${typeName}`);
    for (const name of fieldNames) {
      const field = type.getFields()[name];
      if (!field) throw new Error(`unknown protected field ${typeName}.${name}`);
      field.resolve = protectedField((field.resolve as Resolve | undefined) ?? defaultFieldResolver);
    }
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (isAbstractType(type)) {
      type.resolveType = (value) =>
        resolveKind(value) ??
        (type.name === "WebhookSubscriptionEndpoint" ? "WebhookHttpEndpoint" : undefined);
    }
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      if (!isCompositeType(named)) continue;
      field.resolve = counting(
        (field.resolve as Resolve | undefined) ?? defaultFieldResolver,
        typeWeight(named),
      );
    }
  }
  return schema;
}
