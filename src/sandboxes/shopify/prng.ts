/** The kit's seeded PRNG (mulberry32): the same seed always yields the same store. */
export { createRng, type Rng } from "../kit/prng.ts";
