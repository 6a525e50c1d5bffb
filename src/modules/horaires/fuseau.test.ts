import { describe, expect, it } from 'vitest';
import { instantMural, partiesMurales } from './fuseau.ts';

// The offsets are memoised per quarter of an hour: these tests compare every answer with Intl computed afresh, on
// instants spread over decades and packed around clock changes, in zones with odd offsets and rules.
const ZONES = [
  'Europe/Paris',
  'America/Miquelon',
  'Indian/Reunion',
  'Pacific/Noumea',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'America/St_Johns',
  'Pacific/Chatham',
];

function attendu(ms: number, fuseau: string) {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone: fuseau,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const v = Object.fromEntries(f.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return {
    date: `${v.year}-${v.month}-${v.day}`,
    minutes: Number(v.hour) * 60 + Number(v.minute) + Number(v.second) / 60,
  };
}

describe('wall-clock time in a zone', () => {
  it('equals Intl on 20,000 instants from 1975 to 2045 and on every minute around clock changes', () => {
    let graine = 42;
    const hasard = () => {
      graine = (graine * 1_103_515_245 + 12_345) % 2 ** 31;
      return graine / 2 ** 31;
    };
    const debut = Date.UTC(1975, 0, 1);
    const fin = Date.UTC(2045, 0, 1);
    for (let i = 0; i < 20_000; i++) {
      const ms = Math.floor(debut + hasard() * (fin - debut));
      const fuseau = ZONES[i % ZONES.length] as string;
      expect(partiesMurales(new Date(ms), fuseau), `${fuseau} ${new Date(ms).toISOString()}`).toEqual(
        attendu(ms, fuseau),
      );
    }
    // Paris 28 March and 31 October 2027, Lord Howe's half-hour change (3 October 2027), minute by minute.
    for (const [fuseau, autour] of [
      ['Europe/Paris', Date.UTC(2027, 2, 28, 1)],
      ['Europe/Paris', Date.UTC(2027, 9, 31, 1)],
      ['Australia/Lord_Howe', Date.UTC(2027, 9, 2, 15, 30)],
    ] as const) {
      for (let m = -90; m <= 90; m++) {
        const ms = autour + m * 60_000 + 17_000;
        expect(partiesMurales(new Date(ms), fuseau)).toEqual(attendu(ms, fuseau));
      }
    }
  });

  it('turns a wall-clock time back into its instant on both sides of a change', () => {
    expect(instantMural('2027-03-27', 9 * 60, 'Europe/Paris').toISOString()).toBe('2027-03-27T08:00:00.000Z');
    expect(instantMural('2027-03-29', 9 * 60, 'Europe/Paris').toISOString()).toBe('2027-03-29T07:00:00.000Z');
    expect(instantMural('2027-03-28', 150, 'Europe/Paris').toISOString()).toBe('2027-03-28T01:30:00.000Z');
    expect(instantMural('2027-10-31', 150, 'Europe/Paris').toISOString()).toBe('2027-10-31T00:30:00.000Z');
  });
});
