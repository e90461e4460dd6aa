/** The inventory's public API: what the CLI and the desktop app call. */
export { readInventory } from './inventory';
export type { InventoryOptions, InventoryProgress, InventorySnapshot, InventoryVmsUpdate } from './inventory';
export { loadInventory } from './warm-start';
export type { InventoryAnswer, LoadInventoryOptions } from './warm-start';
export { INVENTORY_CACHE_VERSION, inventoryCachePath, readInventoryCache, writeInventoryCache } from './cache';
export type { InventoryCacheKey } from './cache';
export { listSubscriptions, listTenants } from '../azure/tenants';
export type { ArmAccess } from '../azure/arm-access';
