import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../src/domain/timestamp.js';

describe('parseTimestamp', () => {
  it('reads an ordinary RFC 3339 time as Date does', () => {
    for (const text of ['2024-01-01T00:00:00Z', '2024-01-01t12:30:15.250+02:00', '2024-01-01 00:00:00Z'])
      expect(parseTimestamp(text).getTime()).toBe(new Date(text).getTime());
  });

  it('reads a leap second as the first instant of the next minute, as PostgreSQL does', () => {
    expect(parseTimestamp('2016-12-31T23:59:60Z').toISOString()).toBe('2017-01-01T00:00:00.000Z');
    expect(parseTimestamp('2016-12-31T20:59:60.5-03:00').toISOString()).toBe('2017-01-01T00:00:00.000Z');
    expect(Number.isNaN(parseTimestamp('2016-12-31t23:59:60z').getTime())).toBe(false);
  });
});
