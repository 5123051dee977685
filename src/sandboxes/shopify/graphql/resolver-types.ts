import type { GraphQLResolveInfo } from "graphql";
import { decimalString } from "../format.ts";
import type { GraphqlContext } from "./context.ts";

/** A field resolver for records of type T; `args` is typed per field where it has arguments. */
export type FieldResolver<T> = (
  source: T,
  args: never,
  context: GraphqlContext,
  info: GraphQLResolveInfo,
) => unknown;

export type FieldResolvers<T> = Readonly<Record<string, FieldResolver<T>>>;

/** Type name → field resolvers. Sources differ per type, so the map forgets them. */
export type ResolverMap = Readonly<Record<string, FieldResolvers<never>>>;

/** Identity helper that lets each type's resolvers infer their source type. */
export function fields<T>(resolvers: FieldResolvers<T>): FieldResolvers<T> {
  return resolvers;
}

export interface MoneyBagValue {
  readonly shopMoney: { amount: string; currencyCode: string };
  readonly presentmentMoney: { amount: string; currencyCode: string };
}

/** The sandbox shop sells in one currency, so shop and presentment money are the same. */
export function moneyBag(cents: number, currencyCode: string): MoneyBagValue {
  const money = { amount: decimalString(cents), currencyCode };
  return { shopMoney: money, presentmentMoney: money };
}
