import { isoDateTime, moneyString } from "../../format.ts";
import { gid, idOf, inventoryLevelGid, legacyId } from "../../gid.ts";
import { itemCreatedAt, selectedOptionsOf, variantCreatedAt } from "../../store/catalog.ts";
import { isQuantityName, levelAt, quantityOf, totalAvailable } from "../../store/inventory.ts";
import { imagesOf } from "../../store/media.ts";
import type {
  InventoryItem,
  InventoryLevel,
  Location,
  Product,
  ProductImage,
  ProductOption,
  Variant,
} from "../../store/types.ts";
import type { ConnectionArgs, SortKey } from "../connection.ts";
import { windowed } from "../lists.ts";
import { fields, type ResolverMap } from "../resolver-types.ts";
import { imageObject } from "./media.ts";

const byId = (record: { id: number }): SortKey => [record.id, record.id];
const byPosition = (image: ProductImage): SortKey => [image.position, image.id];

interface OptionView {
  readonly productId: number;
  readonly position: number;
  readonly option: ProductOption;
}

export const catalogResolvers: ResolverMap = {
  Product: fields<Product>({
    id: (p) => gid("Product", p.id),
    legacyResourceId: (p) => String(legacyId("Product", p.id)),
    createdAt: (p) => isoDateTime(p.createdAt),
    updatedAt: (p) => isoDateTime(p.updatedAt),
    totalInventory: (p, _args, { store }) =>
      p.variantIds.reduce(
        (sum, id) => sum + totalAvailable(store.itemOfVariant(store.variantsById.get(id) as Variant)),
        0,
      ),
    tracksInventory: (p, _args, { store }) =>
      p.variantIds.some((id) => store.itemOfVariant(store.variantsById.get(id) as Variant).tracked),
    hasOnlyDefaultVariant: (p) =>
      p.variantIds.length === 1 && p.options.length === 1 && p.options[0]?.name === "Title",
    options: (p, args: { first?: number | null }): OptionView[] =>
      p.options
        .slice(0, args.first ?? undefined)
        .map((option, index) => ({ productId: p.id, position: index + 1, option })),
    variantsCount: (p) => ({ count: p.variantIds.length, precision: "EXACT" }),
    variants: (p, args: ConnectionArgs, context, info) => {
      const variants = p.variantIds.map((id) => context.store.variantsById.get(id) as Variant);
      return windowed(context, info, variants, args, (v): SortKey => [v.position, v.id]);
    },
    mediaCount: (p) => ({ count: p.imageCount, precision: "EXACT" }),
    media: (p, args: ConnectionArgs, context, info) => windowed(context, info, imagesOf(p), args, byPosition),
    featuredMedia: (p) => imagesOf(p)[0] ?? null,
    images: (p, args: ConnectionArgs, context, info) => {
      const page = windowed(context, info, imagesOf(p), args, byPosition);
      return {
        edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: imageObject(edge.node) })),
        nodes: page.nodes.map(imageObject),
        pageInfo: page.pageInfo,
      };
    },
    featuredImage: (p) => {
      const first = imagesOf(p)[0];
      return first ? imageObject(first) : null;
    },
  }),
  ProductOption: fields<OptionView>({
    id: (o) => gid("ProductOption", o.productId * 4 + o.position),
    name: (o) => o.option.name,
    position: (o) => o.position,
    values: (o) => o.option.values,
  }),
  ProductVariant: fields<Variant>({
    id: (v) => gid("ProductVariant", v.id),
    legacyResourceId: (v) => String(legacyId("ProductVariant", v.id)),
    displayName: (v, _args, { store }) => `${store.productOfVariant(v).title} - ${v.title}`,
    // A variant nobody gave a SKU answers null, as on real stores (the store keeps "").
    sku: (v) => v.sku || null,
    price: (v) => moneyString(v.priceCents),
    compareAtPrice: (v) => (v.compareAtPriceCents === null ? null : moneyString(v.compareAtPriceCents)),
    inventoryQuantity: (v, _args, { store }) => totalAvailable(store.itemOfVariant(v)),
    inventoryPolicy: () => "DENY",
    availableForSale: (v, _args, { store }) => {
      const item = store.itemOfVariant(v);
      return store.productOfVariant(v).status === "ACTIVE" && (!item.tracked || totalAvailable(item) > 0);
    },
    selectedOptions: (v, _args, { store }) => selectedOptionsOf(store.productOfVariant(v), v),
    inventoryItem: (v, _args, { store }) => store.itemOfVariant(v),
    product: (v, _args, { store }) => store.productOfVariant(v),
    createdAt: (v, _args, { store }) => isoDateTime(variantCreatedAt(store, v)),
    updatedAt: (v) => isoDateTime(v.updatedAt),
  }),
  InventoryItem: fields<InventoryItem>({
    id: (i) => gid("InventoryItem", i.id),
    legacyResourceId: (i) => String(legacyId("InventoryItem", i.id)),
    sku: (i, _args, { store }) => store.variantOfItem(i).sku || null,
    requiresShipping: () => true,
    measurement: (i, _args, { store }) => ({
      id: gid("InventoryItem", i.id).replace("InventoryItem", "InventoryItemMeasurement"),
      weight: { value: store.variantOfItem(i).grams, unit: "GRAMS" },
    }),
    createdAt: (i, _args, { store }) => isoDateTime(itemCreatedAt(store, i)),
    updatedAt: (i) => isoDateTime(i.updatedAt),
    variant: (i, _args, { store }) => store.variantOfItem(i),
    locationsCount: (i) => ({ count: i.levels.length, precision: "EXACT" }),
    inventoryLevel: (i, args: { locationId: string }) => {
      const locationId = idOf(args.locationId, "Location");
      return locationId === null ? null : (levelAt(i, locationId) ?? null);
    },
    inventoryLevels: (i, args: ConnectionArgs, context, info) =>
      windowed(context, info, i.levels, args, byId),
  }),
  InventoryLevel: fields<InventoryLevel>({
    id: (l) => inventoryLevelGid(l.id, l.inventoryItemId),
    canDeactivate: (l) => l.committed === 0,
    createdAt: (l, _args, { store }) =>
      isoDateTime(itemCreatedAt(store, store.inventoryItemsById.get(l.inventoryItemId) as InventoryItem)),
    updatedAt: (l) => isoDateTime(l.updatedAt),
    item: (l, _args, { store }) => store.inventoryItemsById.get(l.inventoryItemId),
    location: (l, _args, { store }) => store.location(l.locationId),
    quantities: (l, args: { names: readonly string[] }) =>
      args.names.filter(isQuantityName).map((name) => ({
        id: `${inventoryLevelGid(l.id, l.inventoryItemId).replace("InventoryLevel", "InventoryQuantity")}&name=${name}`,
        name,
        quantity: quantityOf(l, name),
        updatedAt: isoDateTime(l.updatedAt),
      })),
  }),
  Location: fields<Location>({
    id: (l) => gid("Location", l.id),
    legacyResourceId: (l) => String(legacyId("Location", l.id)),
    isPrimary: (l, _args, { store }) => store.locations[0] === l,
    fulfillsOnlineOrders: () => true,
    shipsInventory: () => true,
    createdAt: (l) => isoDateTime(l.createdAt),
    updatedAt: (l) => isoDateTime(l.updatedAt),
    inventoryLevel: (l, args: { inventoryItemId: string }, { store }) => {
      const itemId = idOf(args.inventoryItemId, "InventoryItem");
      const item = itemId === null ? undefined : store.inventoryItemsById.get(itemId);
      return item ? (levelAt(item, l.id) ?? null) : null;
    },
    inventoryLevels: (l, args: ConnectionArgs, context, info) => {
      const levels = context.lists.get(`locationLevels|${l.id}`, context.store.versions.catalog, () =>
        context.store.inventoryItems.flatMap((item) => {
          const level = levelAt(item, l.id);
          return level ? [level] : [];
        }),
      );
      return windowed(context, info, levels, args, byId);
    },
  }),
};
