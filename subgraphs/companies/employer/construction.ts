import { atecoSection } from '../../lib/codes';

/**
 * Codes of the national collective agreements (CCNL) of the building trade, in the two
 * codings that notices carry:
 * - the ministerial CO table (tab_ccnl): 068 industry (ANCE), 069 cooperatives, 070 small
 *   and medium industry, 071 crafts;
 * - the CNEL archive, the codes the Revenue Agency accepts as construction: F012 (industry
 *   and cooperatives, which absorbed F011 and F016), F015 (crafts and small-medium industry)
 *   and F018 (Confapi Aniem, which absorbed F017); the absorbed codes stay for older notices.
 *
 * Approximation: a short list kept as data until the ministerial and CNEL tables are
 * loaded; it leaves out the related agreements (wood, cement, stone) that some Casse Edili
 * also accept.
 */
export const CONSTRUCTION_CCNL_CODES: readonly string[] = ['068', '069', '070', '071', 'F011', 'F012', 'F015', 'F016', 'F017', 'F018'];

/** The ATECO section of construction (divisions 41-43). */
export const CONSTRUCTION_ATECO_SECTION = 'F';

/** Whether a CCNL code is one of {@link CONSTRUCTION_CCNL_CODES}. */
export function isConstructionCcnl(ccnl: string | null | undefined): boolean {
  return ccnl != null && CONSTRUCTION_CCNL_CODES.includes(ccnl);
}

/**
 * Whether an employer belongs to the construction sector, as the Cassa Edile scope reads
 * it (architecture.md §4): ATECO section F, or a construction CCNL.
 */
export function isConstructionEmployer(atecoCode: string, ccnl: string | null | undefined): boolean {
  return atecoSection(atecoCode) === CONSTRUCTION_ATECO_SECTION || isConstructionCcnl(ccnl);
}
