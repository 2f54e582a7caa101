import { describe, expect, it } from 'vitest';
import { MemoryBudget } from '../../src/engine/memory-budget.js';

describe('MemoryBudget', () => {
  it('grants what fits at once and refuses what could never fit', async () => {
    const budget = new MemoryBudget(1000);
    const a = await budget.reserve(600);
    expect(budget.state()).toMatchObject({ budget_bytes: 1000, reserved_bytes: 600, running: 1, waiting: 0 });
    await expect(budget.reserve(1001)).rejects.toMatchObject({ code: 'over_memory_budget', details: { bytes: 1001, budget: 1000 } });
    a.release();
    a.release();
    expect(budget.state()).toMatchObject({ reserved_bytes: 0, running: 0 });
  });

  it('queues in arrival order: a large waiting run is not overtaken by smaller ones', async () => {
    const budget = new MemoryBudget(1000);
    const first = await budget.reserve(700);
    const order: string[] = [];
    const big = budget.reserve(800).then((r) => (order.push('big'), r));
    const small = budget.reserve(100).then((r) => (order.push('small'), r));
    await Promise.resolve();
    // 100 would fit beside the 700 now, but the 800 came first.
    expect(order).toEqual([]);
    expect(budget.state()).toMatchObject({ waiting: 2, waiting_bytes: 900 });
    first.release();
    const [b, s] = await Promise.all([big, small]);
    expect(order).toEqual(['big', 'small']);
    expect(budget.state()).toMatchObject({ reserved_bytes: 900, running: 2, waiting: 0 });
    b.release();
    s.release();
    expect(budget.state().reserved_bytes).toBe(0);
  });

  it('a waiting run that is aborted leaves the line and holds nothing; the ones behind it move up', async () => {
    const budget = new MemoryBudget(1000);
    const first = await budget.reserve(900);
    const controller = new AbortController();
    const blocked = budget.reserve(500, controller.signal);
    const behind = budget.reserve(100);
    controller.abort('client gone');
    await expect(blocked).rejects.toMatchObject({ code: 'aborted' });
    // With the 500 gone, the 100 fits beside the 900.
    const r = await behind;
    expect(budget.state()).toMatchObject({ reserved_bytes: 1000, waiting: 0 });
    r.release();
    first.release();
    expect(budget.state()).toMatchObject({ reserved_bytes: 0, running: 0, waiting: 0 });
  });

  it('an unlimited budget never waits', async () => {
    const budget = new MemoryBudget(Infinity);
    const r = await budget.reserve(2 ** 60);
    expect(budget.state().reserved_bytes).toBe(2 ** 60);
    r.release();
    expect(() => new MemoryBudget(-1)).toThrow(/memoryBudgetBytes/);
  });
});
