import type { SeedAddress } from "../kit/seed/index.ts";

/** WooCommerce's address block: every field a string, "" when unknown. */
export const emptyAddress = () => ({
  first_name: "",
  last_name: "",
  company: "",
  address_1: "",
  address_2: "",
  city: "",
  state: "",
  postcode: "",
  country: "",
  phone: "",
});

export function wooAddress(a: SeedAddress | null) {
  if (!a) return emptyAddress();
  return {
    first_name: a.firstName,
    last_name: a.lastName,
    company: "",
    address_1: a.address1,
    address_2: "",
    city: a.city,
    state: a.province,
    postcode: a.zip,
    country: a.countryCode,
    phone: a.phone ?? "",
  };
}
