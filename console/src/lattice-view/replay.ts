import type { LatticeDefinition } from '../../../src/engine/lattice';
import type { DiffusionReplayParams, ReplayAnswer, ReplayRequest } from './replay-messages';

type Pending = { resolve: (a: ReplayAnswer) => void; reject: (e: Error) => void };
let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function replayWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./replay-worker.ts', import.meta.url), { type: 'module', name: 'lattice-replay' });
  worker.onmessage = (event: MessageEvent<ReplayAnswer>) => {
    const p = pending.get(event.data.id);
    pending.delete(event.data.id);
    if (!p) return;
    if (event.data.kind === 'error') p.reject(new Error(event.data.message));
    else p.resolve(event.data);
  };
  worker.onerror = (event) => {
    for (const p of pending.values()) p.reject(new Error(event.message || 'the replay worker failed'));
    pending.clear();
  };
  return worker;
}

function send(request: Omit<ReplayRequest, 'id'> & { kind: ReplayRequest['kind'] }): Promise<ReplayAnswer> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    replayWorker().postMessage({ ...request, id });
  });
}

/** Component label of every vertex (−1 for obstacles), by the engine's BFS sweep in the worker. */
export async function replayComponents(definition: LatticeDefinition): Promise<{ labels: Int32Array; count: number }> {
  return (await send({ kind: 'components', definition })) as Extract<ReplayAnswer, { kind: 'components' }>;
}

/** Frames of a diffusion run, replayed by the engine in the worker. */
export async function replayDiffusion(
  definition: LatticeDefinition,
  params: DiffusionReplayParams,
  frames: number,
): Promise<Extract<ReplayAnswer, { kind: 'diffusion' }>> {
  return (await send({ kind: 'diffusion', definition, params, frames } as Omit<ReplayRequest, 'id'>)) as Extract<
    ReplayAnswer,
    { kind: 'diffusion' }
  >;
}
