/**
 * The three sizes every target understands. Each target maps a size to its own compute and database
 * tiers (and documents the monthly cost); what they share is the shape of a size, defined here.
 */

/** Allowed values of the `size` input, smallest first. */
export const MATHESAR_SIZES = ["small", "medium", "large"] as const;

/** One of {@link MATHESAR_SIZES}. */
export type MathesarSize = (typeof MATHESAR_SIZES)[number];

/** The size used when none is given: enough for a team of a few dozen people. */
export const DEFAULT_SIZE: MathesarSize = "small";

/**
 * Gunicorn workers for a container. Mathesar's docs recommend `2 × vCPU + 1`; gunicorn's sync workers
 * each hold a copy of Django (~120 MiB), so memory caps the count too.
 */
export function webConcurrency(vcpus: number, memoryMiB: number): number {
  const byCpu = Math.max(1, Math.round(2 * vcpus + 1));
  const byMemory = Math.max(1, Math.floor(memoryMiB / 160));
  return Math.min(byCpu, byMemory);
}
