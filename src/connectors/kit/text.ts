import type { ChannelOrder } from "../contract.ts";

/** Blank text is no value; anything else is kept as sent (stray whitespace is the hub's to judge). */
export const blankToNull = (value: string | null | undefined): string | null =>
  value?.trim() ? value : null;

/** Trimmed text, or null when blank. */
export const trimmedOrNull = (value: string | null | undefined): string | null => value?.trim() || null;

export type AddressParts = {
  first?: string | null | undefined;
  last?: string | null | undefined;
  line1?: string | null | undefined;
  line2?: string | null | undefined;
  city?: string | null | undefined;
  state?: string | null | undefined;
  postalCode?: string | null | undefined;
  country?: string | null | undefined;
};

/** Which field of a platform's address record holds each part (a table, declared once per platform). */
export type AddressFields = { [P in keyof AddressParts]-?: string };

/** A platform's address record (maybe null) read through its field table. */
export function addressParts(
  record: Readonly<Record<string, unknown>> | null | undefined,
  fields: AddressFields,
): AddressParts {
  const parts: AddressParts = {};
  for (const [part, field] of Object.entries(fields)) {
    const value = record?.[field];
    parts[part as keyof AddressParts] = typeof value === "string" ? value : null;
  }
  return parts;
}

/** "First Last" from the parts present, or null. */
export function personName(a: AddressParts | null | undefined): string | null {
  return [trimmedOrNull(a?.first), trimmedOrNull(a?.last)].filter(Boolean).join(" ") || null;
}

/** A shipping address, or null when it holds neither a name, a street, a city nor a postcode. */
export function channelAddress(a: AddressParts | null | undefined): ChannelOrder["shippingAddress"] {
  const name = personName(a);
  if (!a || !(name || trimmedOrNull(a.line1) || trimmedOrNull(a.city) || trimmedOrNull(a.postalCode)))
    return null;
  return {
    name,
    line1: trimmedOrNull(a.line1),
    line2: trimmedOrNull(a.line2),
    city: trimmedOrNull(a.city),
    state: trimmedOrNull(a.state),
    postalCode: trimmedOrNull(a.postalCode),
    country: trimmedOrNull(a.country),
  };
}
