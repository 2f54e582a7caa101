/// <reference lib="webworker" />
import { sweepComponents } from '../../../src/engine/components';
import { diffuse, fieldStats } from '../../../src/engine/diffusion';
import { createLattice, obstacleBitset } from '../../../src/engine/lattice';
import type { ReplayAnswer, ReplayRequest } from './replay-messages';

/*
 * Runs the engine's own functions on the lattice the page shows. Components:
 * the engine's BFS sweep, whose queue lists each component's vertices
 * contiguously, gives every vertex its component number. Diffusion: the same
 * explicit steps as the server, cut into segments so frames can be kept; each
 * segment starts from the previous state exactly, so the last frame is the
 * state the server reported on.
 */

const scope = self as unknown as DedicatedWorkerGlobalScope;

function components(req: Extract<ReplayRequest, { kind: 'components' }>): ReplayAnswer {
  const lattice = createLattice(req.definition);
  const { arrays, sizes } = sweepComponents(lattice, {}, 'component labels');
  const labels = new Int32Array(lattice.vertexCount).fill(-1);
  let p = 0;
  sizes.forEach((size, label) => {
    for (const end = p + size; p < end; p++) labels[arrays.queue[p]] = label;
  });
  return { id: req.id, kind: 'components', labels, count: sizes.length };
}

function diffusion(req: Extract<ReplayRequest, { kind: 'diffusion' }>): ReplayAnswer {
  const lattice = createLattice(req.definition);
  const { steps, dt, diffusivity } = req.params;
  const segments = Math.max(1, Math.min(req.frames - 1, steps));
  const frames: Float32Array[] = [];
  const at: number[] = [];
  const ranges: { min: number; max: number }[] = [];
  const blocked = obstacleBitset(lattice)?.words ?? null;
  const keep = (field: Float64Array, step: number) => {
    const { min, max } = fieldStats(field, blocked);
    ranges.push({ min, max });
    frames.push(Float32Array.from(field));
    at.push(step);
  };
  // Step 0: the initial state with the sources added, i.e. a run of zero steps.
  let state = diffuse(lattice, { ...req.params, steps: 0 }).field;
  keep(state, 0);
  let done = 0;
  for (let k = 1; k <= segments; k++) {
    const target = Math.round((steps * k) / segments);
    lattice.field = state;
    state = diffuse(lattice, { steps: target - done, dt, diffusivity, initial: 'field' }).field;
    done = target;
    keep(state, done);
  }
  return { id: req.id, kind: 'diffusion', frames, steps: at, ranges, final: fieldStats(state, blocked) };
}

scope.onmessage = (event: MessageEvent<ReplayRequest>) => {
  const req = event.data;
  try {
    const answer = req.kind === 'components' ? components(req) : diffusion(req);
    const transfer =
      answer.kind === 'components' ? [answer.labels.buffer] : answer.kind === 'diffusion' ? answer.frames.map((f) => f.buffer) : [];
    scope.postMessage(answer, transfer);
  } catch (err) {
    scope.postMessage({ id: req.id, kind: 'error', message: err instanceof Error ? err.message : String(err) } satisfies ReplayAnswer);
  }
};
