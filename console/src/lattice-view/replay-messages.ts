import type { LatticeDefinition } from '../../../src/engine/lattice';

/*
 * Messages between the page and the replay worker, which runs engine code
 * that takes too long for the page's thread: component labelling and
 * diffusion frames.
 */

export interface DiffusionReplayParams {
  steps: number;
  dt: number;
  diffusivity: number;
  sources?: { vertex: number[]; amount: number }[];
  initial?: 'field' | 'zero';
}

export type ReplayRequest =
  | { id: number; kind: 'components'; definition: LatticeDefinition }
  | { id: number; kind: 'diffusion'; definition: LatticeDefinition; params: DiffusionReplayParams; frames: number };

export interface FieldStats {
  min: number;
  max: number;
  mean: number;
  mass: number;
}

export type ReplayAnswer =
  | { id: number; kind: 'components'; labels: Int32Array; count: number }
  /** ranges[k]: the smallest and largest free-vertex value of frame k, which its colours span. */
  | { id: number; kind: 'diffusion'; frames: Float32Array[]; steps: number[]; ranges: { min: number; max: number }[]; final: FieldStats }
  | { id: number; kind: 'error'; message: string };

/** Vertices the browser replays at most: 16 bytes each for diffusion, plus the frames kept. */
export const REPLAY_MAX_VERTICES = 262_144;
/** Frames kept from a diffusion replay. */
export const REPLAY_MAX_FRAMES = 24;
