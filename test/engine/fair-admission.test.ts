import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import { EngineError } from '../../src/engine/errors.js';
import { FairAdmission } from '../../src/engine/fair-admission.js';
import { createLattice } from '../../src/engine/lattice.js';

/** A task that runs until `finish()` is called; `started` tells whether admission let it begin. */
function gate() {
  let finish!: () => void;
  const done = new Promise<void>((r) => (finish = r));
  const g = { started: false, finish, task: () => ((g.started = true), done) };
  return g;
}

const settle = () => new Promise((r) => setImmediate(r));

describe('FairAdmission', () => {
  it('gives a freed slot to the next party in turn, not to the oldest run', async () => {
    const admission = new FairAdmission(1);
    const order: string[] = [];
    const gates = new Map<string, ReturnType<typeof gate>>();
    const submit = (party: string, name: string) => {
      const g = gate();
      gates.set(name, g);
      return admission.run(party, undefined, () => (order.push(name), g.task()));
    };
    const runs = [submit('a', 'a1'), submit('a', 'a2'), submit('a', 'a3'), submit('a', 'a4'), submit('b', 'b1'), submit('c', 'c1')];
    for (const name of ['a1', 'a2', 'b1', 'c1', 'a3', 'a4']) {
      await settle();
      expect(order.at(-1)).toBe(name);
      expect(admission.state().running).toBe(1);
      gates.get(name)!.finish();
    }
    await Promise.all(runs);
    expect(order).toEqual(['a1', 'a2', 'b1', 'c1', 'a3', 'a4']);
    expect(admission.state()).toEqual({ running: 0, waiting: 0, parties: 0 });
  });

  it('runs up to its slots at once and admits the next as soon as one settles, failures included', async () => {
    const admission = new FairAdmission(2);
    const first = gate();
    const second = gate();
    const third = gate();
    const runs = [
      admission.run('a', undefined, first.task),
      admission.run('a', undefined, () => second.task().then(() => Promise.reject(new Error('boom')))),
      admission.run('b', undefined, third.task),
    ];
    await settle();
    expect([first.started, second.started, third.started]).toEqual([true, true, false]);
    expect(admission.state()).toEqual({ running: 2, waiting: 1, parties: 1 });
    second.finish();
    await expect(runs[1]).rejects.toThrow('boom');
    await settle();
    expect(third.started).toBe(true);
    first.finish();
    third.finish();
    await Promise.all([runs[0], runs[2]]);
    expect(admission.state().running).toBe(0);
  });

  it('lets an aborted waiting run leave the line at once with aborted, and never starts it', async () => {
    const admission = new FairAdmission(1);
    const holder = gate();
    const holding = admission.run('a', undefined, holder.task);
    const controller = new AbortController();
    const leaving = gate();
    const left = admission.run('b', controller.signal, leaving.task);
    const after = gate();
    const next = admission.run('c', undefined, after.task);
    controller.abort('deadline');
    await expect(left).rejects.toMatchObject({ code: 'aborted' });
    await expect(left).rejects.toBeInstanceOf(EngineError);
    expect(admission.state()).toEqual({ running: 1, waiting: 1, parties: 1 });
    holder.finish();
    await holding;
    await settle();
    expect(leaving.started).toBe(false);
    expect(after.started).toBe(true);
    after.finish();
    await next;
    await expect(admission.run('d', controller.signal, async () => 1)).rejects.toMatchObject({ code: 'aborted' });
  });
});

describe('the engine admits pool runs in turn across tenants', () => {
  const engine = createEngine({ poolThreads: 2 });
  afterAll(() => engine.close());

  it("one tenant's burst of pool runs does not hold back another tenant's single run", { timeout: 60_000 }, async () => {
    const l = createLattice({ shape: [200, 200] });
    const walk = { walkers: 300, steps: 2000, seed: 1 };
    await engine.run(l, 'random-walk', walk, { backend: 'cpu-pool', party: 'warm-up' });
    const finished: string[] = [];
    const submit = (party: string, name: string) =>
      engine.run(l, 'random-walk', { ...walk, seed: finished.length + name.length }, { backend: 'cpu-pool', party }).then((run) => {
        expect(run.backend).toBe('cpu-pool');
        finished.push(name);
      });
    const burst = Array.from({ length: 8 }, (_, i) => submit('tenant-a', `a${i + 1}`));
    await new Promise((r) => setImmediate(r));
    expect(engine.admission.state().waiting).toBe(6);
    const single = submit('tenant-b', 'b1');
    await Promise.all([...burst, single]);
    // Two slots: a1 and a2 run; tenant-a is ahead in the rotation, so a3 takes the first slot that frees and b1 the
    // second: at most three of a's runs end before b1 (first come, first served would end all eight first).
    expect(finished.indexOf('b1'), finished.join(' ')).toBeLessThanOrEqual(3);
    expect(engine.admission.state()).toEqual({ running: 0, waiting: 0, parties: 0 });
  });
});
