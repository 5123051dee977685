import { flat } from "../format.ts";

/** Word lists for seeded, realistic-looking catalog and customer data. */

const words = (text: string): readonly string[] => text.split("|");

export const ADJECTIVES = words(
  "Classic|Everyday|Premium|Vintage|Urban|Alpine|Coastal|Essential|Heritage|Modern|Rugged|Soft|Lightweight|Organic|Recycled|Signature|Studio|Trail|Weekend|Nordic",
);

export const MATERIALS = words(
  "Cotton|Linen|Wool|Merino|Denim|Canvas|Leather|Bamboo|Fleece|Hemp|Ceramic|Oak",
);

/** "Noun:Product type", the type a merchant would file the noun under. */
export const NOUNS: readonly (readonly [string, string])[] = words(
  "Tee:Shirts|Hoodie:Sweatshirts|Jacket:Outerwear|Cap:Hats|Beanie:Hats|Socks:Socks|Scarf:Accessories|Tote Bag:Bags|Backpack:Bags|Jogger:Pants|Shorts:Shorts|Sweater:Knitwear|Mug:Homeware|Blanket:Homeware|Apron:Kitchen",
).map((entry) => entry.split(":") as [string, string]);

export const VENDORS = words(
  "Northwind Goods|Fjord & Field|Harbor Supply Co.|Maple Lane|Stockwire Basics|Copper Kettle|Bluebird Apparel|Granite Works",
);

export const TAGS = words("new|sale|bestseller|eco|limited|gift|summer|winter");

/** Color option values with the code used in SKUs. */
export const COLORS: readonly (readonly [string, string])[] = words(
  "Black:BLK|White:WHT|Navy:NVY|Grey:GRY|Olive:OLV|Red:RED|Sand:SND|Forest:FST",
).map((entry) => entry.split(":") as [string, string]);

export const SIZES = words("XS|S|M|L|XL|XXL");

export const FIRST_NAMES = words(
  "Olivia|Liam|Emma|Noah|Ava|Elijah|Sophia|James|Isabella|Lucas|Mia|Mateo|Amelia|Ethan|Harper|Aiden|Chloé|Jonas|Léa|Finn|Sofia|Hugo|Maya|Oscar|Zoe|Arjun|Priya|Kenji|Aiko|Omar",
);

export const LAST_NAMES = words(
  "Smith|Johnson|Williams|Brown|Garcia|Miller|Davis|Martinez|Lopez|Wilson|Anderson|Taylor|Thomas|Moore|Martin|Lee|Walker|Hall|Young|King|Müller|Schmidt|Dubois|Nguyen|Kim|Patel|O'Brien|Rossi|Silva|Novak",
);

export const STREETS = words(
  "Main Street|Oak Avenue|Maple Drive|Cedar Lane|Elm Street|Pine Road|Lakeview Terrace|Hillcrest Way|Station Road|Market Street|King Street|Queen Street",
);

export const LOCATION_NAMES = words(
  "Main Warehouse|Downtown Store|East Coast DC|West Coast DC|Outlet|Pop-up Shop",
);

/** Carriers with the tracking link Shopify generates for them. */
export const CARRIERS: readonly (readonly [string, string])[] = [
  ["UPS", "https://www.ups.com/track?tracknum="],
  ["USPS", "https://tools.usps.com/go/TrackConfirmAction?tLabels="],
  ["FedEx", "https://www.fedex.com/fedextrack/?trknbr="],
  ["DHL Express", "https://www.dhl.com/en/express/tracking.html?AWB="],
  ["Canada Post", "https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor="],
];

/** Shopify fills in tracking links for carriers it knows. */
export function trackingUrl(company: string, number: string): string | null {
  const carrier = CARRIERS.find(([name]) => name.toLowerCase() === company.toLowerCase());
  return carrier ? flat(carrier[1], number) : null;
}
