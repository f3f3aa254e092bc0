import { excludedCategories } from '../season/exclusions'

/**
 * Provider categories whose members are never in the index universe (DESIGN.md section 1, item 3).
 * The list lives with the index rules; the sync fetches these memberships and stores them.
 */
export const EXCLUDED_CATEGORIES = excludedCategories

export type ExcludedCategory = (typeof EXCLUDED_CATEGORIES)[number]
