import type { CollectorName } from './metric-handles.js';

type Collect = () => void | Promise<void>;

/**
 * The scrape-time callbacks of one registry. Each run has a deadline, and a
 * collector still busy from the previous scrape (a hung query) is not started
 * again, so a slow dependency can neither stall a scrape nor pile up queries.
 */
export class CollectorSet {
  private readonly collectors: { name: CollectorName; collect: Collect }[] = [];
  private readonly busy = new Set<Collect>();

  constructor(
    private readonly timeoutMs: number,
    private readonly onFailure: (name: CollectorName) => void,
  ) {}

  add(name: CollectorName, collect: Collect): void {
    this.collectors.push({ name, collect });
  }

  /** Runs every collector at once; resolves when all have finished, failed or timed out. */
  async run(): Promise<void> {
    await Promise.all(this.collectors.map((c) => this.runOne(c.name, c.collect)));
  }

  private async runOne(name: CollectorName, collect: Collect): Promise<void> {
    if (this.busy.has(collect)) {
      this.onFailure(name);
      return;
    }
    this.busy.add(collect);
    const running = Promise.resolve()
      .then(collect)
      .finally(() => this.busy.delete(collect));
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.timeoutMs);
    });
    try {
      if ((await Promise.race([running, deadline])) === 'timeout') this.onFailure(name);
    } catch {
      this.onFailure(name);
    } finally {
      clearTimeout(timer);
    }
    // A collector that outlives its deadline may still fail later; that failure is already counted.
    running.catch(() => undefined);
  }
}
