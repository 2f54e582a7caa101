/**
 * What one request may ask for at most. The request schemas enforce these and
 * the OpenAPI description of each route names them.
 */
export const CAPS = {
  /** Source vertices of one distance field. */
  sources: 1000,
  /** Vertices listed by neighbors (the count is always complete). */
  neighborList: 10_000,
  /** Component sizes listed. */
  componentSizes: 10_000,
  /** Pivot sources of sampled centrality. */
  samples: 10_000,
  /** Boxes of one partition. */
  parts: 4096,
  /** Eigenvalues of one spectrum. */
  eigenvalues: 1000,
  /** Explicit diffusion steps. */
  diffusionSteps: 100_000,
  /** Statistics snapshots one diffusion may record. */
  snapshots: 1000,
  /** Point sources of one diffusion. */
  diffusionSources: 1000,
  /** Walkers and steps of one random walk. */
  walkers: 100_000,
  walkSteps: 100_000,
  /** Mean-squared-displacement points a random-walk response lists (evenly spaced). */
  msdPoints: 1001,
  /** Path vertices returned (the hop count is always complete). */
  pathLength: 100_000,
} as const;
