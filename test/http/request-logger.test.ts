/** The per-request logger: made only when a request writes a line at an enabled level, and then the same as pino's child. */
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { lazyChildLogger } from '../../src/http/request-logger.js';
import { loggerOptions } from '../../src/platform/logger.js';

function sink(level: string): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const out: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      out.push(String(chunk));
      cb();
    },
  });
  const logger = pino(loggerOptions(level), stream);
  return {
    logger,
    lines: () =>
      out
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('lazyChildLogger', () => {
  it('makes no child for lines below the level, and the real child for the first line at it', () => {
    const { logger, lines } = sink('warn');
    const child = vi.spyOn(logger, 'child');
    const log = lazyChildLogger(logger, { reqId: 'r-1' }, {});
    log.info({ a: 1 }, 'not written');
    log.debug('not written');
    log.trace('not written');
    expect(child).not.toHaveBeenCalled();
    expect(log.level).toBe('warn');
    log.warn({ b: 2 }, 'written');
    log.error('also written');
    expect(child).toHaveBeenCalledTimes(1);
    expect(child).toHaveBeenCalledWith({ reqId: 'r-1' }, {});
    const written = lines();
    expect(written.map((l) => [l.msg, l.reqId, l.level])).toEqual([
      ['written', 'r-1', 40],
      ['also written', 'r-1', 50],
    ]);
    expect(written[0].b).toBe(2);
  });

  it("honours a route's own level, and hands out children carrying the request's bindings", () => {
    const { logger, lines } = sink('warn');
    const log = lazyChildLogger(logger, { reqId: 'r-2' }, { level: 'debug' });
    expect(log.level).toBe('debug');
    log.trace('not written');
    log.debug('debug written');
    log.child({ part: 'x' }).info('child written');
    expect(lines().map((l) => [l.msg, l.reqId, l.part])).toEqual([
      ['debug written', 'r-2', undefined],
      ['child written', 'r-2', 'x'],
    ]);
    const silent = lazyChildLogger(logger, { reqId: 'r-3' }, { level: 'silent' });
    silent.fatal('not written');
    silent.silent('not written');
    expect(lines()).toHaveLength(2);
  });

  it('redacts as the parent does', () => {
    const { logger, lines } = sink('info');
    lazyChildLogger(logger, { reqId: 'r-4' }, {}).info({ req: { headers: { authorization: 'Bearer secret-token' } } }, 'with header');
    expect(JSON.stringify(lines())).not.toContain('secret-token');
  });
});
