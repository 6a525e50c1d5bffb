import { afterEach, describe, expect, it, vi } from 'vitest';
import { cacheParBase } from './cache.ts';
import type { Db } from './client.ts';

const base = (n: number) => ({ n }) as unknown as Db;

describe('cacheParBase', () => {
  afterEach(() => vi.useRealTimers());

  it('loads once per database, serves the old value while refreshing, and forgets on demand', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(0);
    let chargements = 0;
    const cache = cacheParBase(async (db: Db) => `${(db as unknown as { n: number }).n}:${++chargements}`, 60_000);
    const a = base(1);
    expect(await Promise.all([cache.obtenir(a), cache.obtenir(a)])).toEqual(['1:1', '1:1']);
    expect(await cache.obtenir(base(2))).toBe('2:2');
    vi.setSystemTime(61_000);
    expect(await cache.obtenir(a)).toBe('1:1'); // stale, refresh started
    await new Promise((r) => setTimeout(r, 0));
    expect(await cache.obtenir(a)).toBe('1:3');
    cache.oublier(a);
    expect(await cache.obtenir(a)).toBe('1:4');
  });
});
