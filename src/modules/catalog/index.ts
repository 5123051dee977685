// The catalog module's public surface: everything outside the module imports this file, never one behind it.
export { parseProductCsv } from "./csv.ts";
export { productImported, productUpdated } from "./events.ts";
export { type ImportedProduct, importProducts } from "./import.ts";
export {
  analyzeListingsIfGrown,
  findListingByInventoryItem,
  type ListingInput,
  type ListingWithSku,
  listingsByVariant,
  listingsOfConnection,
  markPushed,
  notePlatformQuantity,
  upsertListings,
} from "./listings.ts";
export { catalogModule } from "./module.ts";
export { accountsWithProducts, listingsOfProducts, productPage, productSkus } from "./product-reads.ts";
export {
  backorderPolicy,
  getProductById,
  getProductBySku,
  listingsOfProduct,
  type Product,
  productsBySku,
} from "./products.ts";
export { registerCatalogRoutes } from "./routes.ts";
export { normaliseSku } from "./sku.ts";
