/** Word lists for seeded, realistic-looking catalog and customer data. */
const words = (text: string): readonly string[] => text.split("|");

export const ADJECTIVES = words(
  "Classic|Everyday|Premium|Vintage|Urban|Alpine|Coastal|Essential|Heritage|Modern|Rugged|Soft|Organic|Nordic",
);
/** "Noun:SKU code". */
export const NOUNS: readonly (readonly [string, string])[] = words(
  "Tee:TEE|Hoodie:HOOD|Jacket:JKT|Cap:CAP|Beanie:BEAN|Socks:SOCK|Scarf:SCRF|Tote Bag:TOTE|Backpack:BPK|Mug:MUG|Blanket:BLKT|Apron:APRN",
).map((entry) => entry.split(":") as [string, string]);
export const COLORS: readonly (readonly [string, string])[] = words(
  "Black:BLK|White:WHT|Navy:NVY|Grey:GRY|Olive:OLV|Red:RED|Sand:SND",
).map((entry) => entry.split(":") as [string, string]);
export const SIZES = words("XS|S|M|L|XL");
export const FIRST_NAMES = words(
  "Ava|Ben|Chloe|Daniel|Emma|Finn|Grace|Hugo|Isla|Jonas|Klara|Liam|Mia|Noah|Olivia|Paul",
);
export const LAST_NAMES = words(
  "Adams|Berg|Costa|Dubois|Evans|Fischer|Garcia|Hansen|Ito|Jensen|Kowalski|Larsen|Meyer",
);
export const CITIES: readonly (readonly [string, string, string, string])[] = words(
  "Portland:OR:97201:US|Austin:TX:78701:US|Denver:CO:80202:US|Toronto:ON:M5V 2T6:CA|Leeds:ENG:LS1 4AP:GB|Hamburg:HH:20095:DE",
).map((entry) => entry.split(":") as [string, string, string, string]);
export const STREETS = words("Main St|Oak Ave|Harbor Rd|Elm St|Station Rd|Mill Lane|Park Ave");
