/**
 * Availability criterion. Slots are half-days (`lun-am` … `sam-soir`), stored as an 18-bit mask
 * (bit i = `SLOTS[i]`). One common slot is required (a hard rule, see src/candidates); more common
 * slots make the monthly 2-hour meeting easier to schedule over ≥ 6 months, up to a saturation
 * (default 3 slots: beyond that, extra slots no longer change anything in practice).
 */
import { SLOTS } from '../schema/vocabulary.js';

const SLOT_BIT = new Map<string, number>(SLOTS.map((s, i) => [s, i]));

/** Availability mask of a list of slot names (unknown names are ignored: validation rejects them). */
export function slotMask(slots: readonly string[]): number {
  let mask = 0;
  for (const s of slots) {
    const bit = SLOT_BIT.get(s);
    if (bit !== undefined) mask |= 1 << bit;
  }
  return mask;
}

/** Number of set bits of a 32-bit mask (common slots of two masks: `popcount(a & b)`). */
export function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Availability in [0, 1] of a pair with `common` common slots. */
export function availability(common: number, saturation: number): number {
  return Math.min(common, saturation) / saturation;
}
