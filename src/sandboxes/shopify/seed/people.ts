import { flat } from "../format.ts";
import type { Rng } from "../prng.ts";
import type { Store } from "../store/store.ts";
import type { Address, Customer } from "../store/types.ts";
import { REGIONS, type Region } from "./regions.ts";
import { FIRST_NAMES, LAST_NAMES, STREETS } from "./words.ts";

export function regionOf(address: Address): Region {
  return REGIONS.find((region) => region.provinceCode === address.provinceCode) ?? (REGIONS[0] as Region);
}

export function makeAddress(rng: Rng, firstName: string, lastName: string): Address {
  const region = rng.pick(REGIONS);
  return {
    firstName,
    lastName,
    company: rng.chance(0.08) ? flat(lastName, " & Co.") : null,
    address1: flat(rng.int(1, 999), " ", rng.pick(STREETS)),
    address2: rng.chance(0.2) ? flat("Apt ", rng.int(1, 40)) : "",
    city: region.city,
    province: region.province,
    provinceCode: region.provinceCode,
    country: region.country,
    countryCode: region.countryCode,
    zip: region.zip,
    phone: rng.chance(0.6) ? flat("555-", rng.int(100, 999), "-", rng.int(1000, 9999)) : null,
  };
}

export function addCustomer(store: Store, rng: Rng, index: number, createdAt: number): Customer {
  const firstName = rng.pick(FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  const local = flat(firstName, ".", lastName, index)
    .toLowerCase()
    .normalize("NFD")
    .replace(/[^a-z0-9.]/g, "");
  const address = makeAddress(rng, firstName, lastName);
  const customer: Customer = {
    kind: "Customer",
    id: store.nextId("Customer"),
    firstName,
    lastName,
    email: flat(local, "@example.com"),
    phone: address.phone,
    address,
    createdAt,
    updatedAt: createdAt,
    numberOfOrders: 0,
    amountSpentCents: 0,
  };
  store.customers.push(customer);
  store.customersById.set(customer.id, customer);
  return customer;
}
