import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BOOTH_PLAN_LAYOUT,
  boothPlan,
  boothPlanSchema,
  boothTypeSchema,
  fairScheduleProblems,
  fairStatus,
  productEntryDecision,
  type FairSchedule,
  type FairStatus,
  type PlanZone,
  type Rect,
} from '../../worker/domain/fair';
import { addDays } from '../../worker/domain/iso-date';

/** A provincial OCOP fair: applications in March, the fair over five days in April. */
const schedule: FairSchedule = {
  startsOn: '2026-04-10',
  endsOn: '2026-04-14',
  dailyHours: { opens: '08:00', closes: '22:00' },
  applicationsOpenOn: '2026-03-01',
  applicationsCloseOn: '2026-03-31',
};

describe('fairScheduleProblems', () => {
  it('accepts a fair with daily hours and an application window, and a one-day festival without either', () => {
    expect(fairScheduleProblems(schedule)).toEqual([]);
    expect(
      fairScheduleProblems({
        startsOn: '2026-08-20',
        endsOn: '2026-08-20',
        dailyHours: null,
        applicationsOpenOn: null,
        applicationsCloseOn: null,
      }),
    ).toEqual([]);
  });

  it('refuses an end before the start, and a fair longer than a season', () => {
    expect(fairScheduleProblems({ ...schedule, endsOn: '2026-04-09' })).toEqual([
      { field: 'endsOn', code: 'ends_before_start' },
    ]);
    expect(fairScheduleProblems({ ...schedule, endsOn: addDays(schedule.startsOn, 91) })).toEqual([]);
    expect(fairScheduleProblems({ ...schedule, endsOn: addDays(schedule.startsOn, 92) })).toEqual([
      { field: 'endsOn', code: 'too_long' },
    ]);
  });

  it('refuses dates that do not exist', () => {
    expect(fairScheduleProblems({ ...schedule, startsOn: '2026-02-30', applicationsOpenOn: '01/03/2026' })).toEqual([
      { field: 'startsOn', code: 'invalid_date' },
      { field: 'applicationsOpenOn', code: 'invalid_date' },
    ]);
  });

  it('checks the daily hours: real times, closing after opening, midnight as 24:00', () => {
    expect(fairScheduleProblems({ ...schedule, dailyHours: { opens: '8:00', closes: '25:00' } })).toEqual([
      { field: 'dailyHours.opens', code: 'invalid_time' },
      { field: 'dailyHours.closes', code: 'invalid_time' },
    ]);
    expect(fairScheduleProblems({ ...schedule, dailyHours: { opens: '18:00', closes: '02:00' } })).toEqual([
      { field: 'dailyHours.closes', code: 'closes_before_opens' },
    ]);
    expect(fairScheduleProblems({ ...schedule, dailyHours: { opens: '18:00', closes: '18:00' } })).toEqual([
      { field: 'dailyHours.closes', code: 'closes_before_opens' },
    ]);
    expect(fairScheduleProblems({ ...schedule, dailyHours: { opens: '17:00', closes: '24:00' } })).toEqual([]);
  });

  it('wants both ends of the application window or neither', () => {
    expect(fairScheduleProblems({ ...schedule, applicationsCloseOn: null })).toEqual([
      { field: 'applicationsCloseOn', code: 'window_incomplete' },
    ]);
    expect(fairScheduleProblems({ ...schedule, applicationsOpenOn: null })).toEqual([
      { field: 'applicationsOpenOn', code: 'window_incomplete' },
    ]);
  });

  it('closes applications on or before the first day, and opens them before they close', () => {
    expect(fairScheduleProblems({ ...schedule, applicationsCloseOn: '2026-04-10' })).toEqual([]);
    expect(fairScheduleProblems({ ...schedule, applicationsCloseOn: '2026-04-11' })).toEqual([
      { field: 'applicationsCloseOn', code: 'window_closes_after_start' },
    ]);
    expect(
      fairScheduleProblems({ ...schedule, applicationsOpenOn: '2026-03-31', applicationsCloseOn: '2026-03-31' }),
    ).toEqual([]);
    expect(
      fairScheduleProblems({ ...schedule, applicationsOpenOn: '2026-04-01', applicationsCloseOn: '2026-03-31' }),
    ).toEqual([{ field: 'applicationsCloseOn', code: 'window_closes_before_opens' }]);
  });

  it('reports every problem at once', () => {
    expect(
      fairScheduleProblems({
        startsOn: '2026-04-10',
        endsOn: '2026-04-01',
        dailyHours: { opens: '20:00', closes: '08:00' },
        applicationsOpenOn: '2026-04-20',
        applicationsCloseOn: '2026-04-15',
      }).map((problem) => problem.code),
    ).toEqual(['ends_before_start', 'closes_before_opens', 'window_closes_before_opens', 'window_closes_after_start']);
  });
});

describe('fairStatus', () => {
  const published = { ...schedule, isPublished: true };
  const statusesFrom = (fair: Parameters<typeof fairStatus>[0], from: string, to: string) => {
    const statuses: { from: string; status: FairStatus }[] = [];
    for (let date = from; date <= to; date = addDays(date, 1)) {
      const status = fairStatus(fair, date);
      if (statuses.at(-1)?.status !== status) statuses.push({ from: date, status });
    }
    return statuses;
  };

  it('moves from announced to taking applications, announced again, running and finished with the dates', () => {
    expect(statusesFrom(published, '2026-02-01', '2026-05-01')).toEqual([
      { from: '2026-02-01', status: 'published' },
      { from: '2026-03-01', status: 'open_for_applications' },
      { from: '2026-04-01', status: 'published' },
      { from: '2026-04-10', status: 'running' },
      { from: '2026-04-15', status: 'finished' },
    ]);
  });

  it('stays a draft until published, whatever the dates', () => {
    const draft = { ...schedule, isPublished: false };
    expect(statusesFrom(draft, '2026-02-01', '2026-05-01')).toEqual([{ from: '2026-02-01', status: 'draft' }]);
  });

  it('is running rather than open for applications on a first day the window reaches', () => {
    expect(fairStatus({ ...published, applicationsCloseOn: '2026-04-10' }, '2026-04-09')).toBe('open_for_applications');
    expect(fairStatus({ ...published, applicationsCloseOn: '2026-04-10' }, '2026-04-10')).toBe('running');
  });

  it('never takes applications without a window', () => {
    const direct = { ...published, applicationsOpenOn: null, applicationsCloseOn: null };
    expect(statusesFrom(direct, '2026-02-01', '2026-05-01').map((s) => s.status)).toEqual([
      'published',
      'running',
      'finished',
    ]);
  });

  it('follows that order for any valid schedule, day by day', () => {
    const ORDER: FairStatus[] = ['published', 'open_for_applications', 'published', 'running', 'finished'];
    const valid = fc
      .record({
        start: fc.integer({ min: 0, max: 60 }),
        length: fc.integer({ min: 0, max: 10 }),
        window: fc.option(
          fc.record({ before: fc.integer({ min: 0, max: 30 }), length: fc.integer({ min: 0, max: 30 }) }),
        ),
      })
      .map(({ start, length, window }) => {
        const startsOn = addDays('2026-01-01', start);
        const closesOn = window ? addDays(startsOn, -window.before) : null;
        return {
          isPublished: true,
          startsOn,
          endsOn: addDays(startsOn, length),
          applicationsCloseOn: closesOn,
          applicationsOpenOn: closesOn && window ? addDays(closesOn, -window.length) : null,
        };
      });
    fc.assert(
      fc.property(valid, (fair) => {
        const seen = statusesFrom(fair, '2025-11-01', '2026-04-01').map((s) => s.status);
        let position = 0;
        for (const status of seen) {
          while (position < ORDER.length && ORDER[position] !== status) position += 1;
          expect(position, seen.join(' → ')).toBeLessThan(ORDER.length);
        }
        expect(seen.at(-1)).toBe('finished');
      }),
    );
  });
});

describe('productEntryDecision', () => {
  const fair = { startsOn: '2026-04-10', endsOn: '2026-04-14' };
  const certified = { stars: 4, status: 'active' as const, validUntil: '2027-05-31' };

  it('admits a product certified 3 stars or more for every day of the fair', () => {
    expect(productEntryDecision(certified, fair)).toEqual({ allowed: true });
    expect(productEntryDecision({ ...certified, stars: 3, validUntil: '2026-04-14' }, fair)).toEqual({ allowed: true });
  });

  it('refuses a product without certification, or with a 1 or 2 star result', () => {
    expect(productEntryDecision(null, fair)).toEqual({ allowed: false, reason: 'not_certified' });
    expect(productEntryDecision({ ...certified, stars: 2 }, fair)).toEqual({
      allowed: false,
      reason: 'below_minimum_stars',
      stars: 2,
    });
  });

  it('refuses a revoked or superseded certification', () => {
    expect(productEntryDecision({ ...certified, status: 'revoked' }, fair)).toEqual({
      allowed: false,
      reason: 'revoked',
    });
    expect(productEntryDecision({ ...certified, status: 'superseded' }, fair)).toEqual({
      allowed: false,
      reason: 'superseded',
    });
  });

  it('refuses a certificate that has lapsed by the first day, or lapses before the last', () => {
    expect(productEntryDecision({ ...certified, validUntil: '2026-04-09' }, fair)).toEqual({
      allowed: false,
      reason: 'expired',
      validUntil: '2026-04-09',
    });
    expect(productEntryDecision({ ...certified, validUntil: '2026-04-12' }, fair)).toEqual({
      allowed: false,
      reason: 'lapses_during_fair',
      validUntil: '2026-04-12',
    });
  });

  it('decides by the dates, so a certificate since expired still counts for a past fair it covered', () => {
    expect(productEntryDecision({ ...certified, status: 'expired', validUntil: '2026-06-30' }, fair)).toEqual({
      allowed: true,
    });
  });
});

describe('boothTypeSchema', () => {
  const standard = {
    code: 'standard',
    nameVi: 'Gian tiêu chuẩn',
    nameEn: 'Standard booth',
    widthCm: 300,
    depthCm: 300,
    feeVnd: 1_500_000,
  };

  it('accepts a 3 × 3 m booth at 1.500.000 ₫', () => {
    expect(boothTypeSchema.parse(standard)).toEqual(standard);
  });

  it('keeps fees in whole đồng and sizes in whole centimetres', () => {
    const fields = (value: unknown) =>
      boothTypeSchema.safeParse(value).error?.issues.map((issue) => issue.path.join('.'));
    expect(fields({ ...standard, feeVnd: 1_500_000.5 })).toEqual(['feeVnd']);
    expect(fields({ ...standard, feeVnd: -1 })).toEqual(['feeVnd']);
    expect(fields({ ...standard, widthCm: 2.5 })).toEqual(['widthCm']);
    expect(fields({ ...standard, code: 'Standard booth', nameVi: ' ' })).toEqual(['code', 'nameVi']);
  });
});

describe('boothPlanSchema', () => {
  const issues = (value: unknown) =>
    boothPlanSchema.safeParse(value).error?.issues.map((issue) => [issue.path.join('.'), issue.message]);

  it('refuses a booth code used twice in the fair, naming the second', () => {
    expect(
      issues([
        { code: 'ocop', booths: [{ code: 'A1' }, { code: 'A2' }] },
        { code: 'food', booths: [{ code: 'A2' }] },
      ]),
    ).toEqual([['1.booths.0.code', 'duplicate']]);
    expect(
      issues([
        { code: 'ocop', booths: [] },
        { code: 'ocop', booths: [] },
      ]),
    ).toEqual([['1.code', 'duplicate']]);
  });

  it('keeps booth codes short and upper case, so they fit their cell', () => {
    expect(issues([{ code: 'ocop', booths: [{ code: 'a1' }] }])?.[0]?.[0]).toBe('0.booths.0.code');
    expect(issues([{ code: 'ocop', booths: [{ code: 'OCOP-123' }] }])?.[0]?.[0]).toBe('0.booths.0.code');
    expect(issues([{ code: 'ocop', booths: [{ code: 'OCOP-1' }] }])).toBeUndefined();
  });

  it('refuses more than a thousand booths', () => {
    const booths = Array.from({ length: 1001 }, (_, i) => ({ code: `B${i}` }));
    expect(issues([{ code: 'all', booths }])).toEqual([['', 'too_many_booths']]);
  });
});

describe('boothPlan', () => {
  const zones: PlanZone[] = [
    { code: 'ocop', booths: ['A10', 'A2', 'A1', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8', 'A9'].map((code) => ({ code })) },
    {
      code: 'food',
      booths: [
        { code: 'F1', widthCm: 300 },
        { code: 'F2', widthCm: 600 },
        { code: 'F3', widthCm: 300 },
      ],
    },
    { code: 'host', booths: [] },
  ];
  const overlaps = (a: Rect, b: Rect) =>
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  const within = (inner: Rect, outer: Rect) =>
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height;

  it('lays seven 44 px booths to a row on a 360 px phone, in natural code order', () => {
    const plan = boothPlan(zones);
    expect(plan.width).toBe(360);
    const ocop = plan.booths.filter((booth) => booth.zoneCode === 'ocop');
    expect(ocop.map((booth) => booth.code)).toEqual(['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8', 'A9', 'A10']);
    expect(ocop[0]).toEqual({ code: 'A1', zoneCode: 'ocop', x: 14, y: 32, width: 44, height: 40 });
    expect(ocop[6]).toMatchObject({ x: 302, y: 32 });
    expect(ocop[7]).toMatchObject({ x: 14, y: 76 });
    expect(plan.zones[0]).toEqual({ code: 'ocop', x: 8, y: 8, width: 344, height: 114, label: { x: 14, y: 25 } });
  });

  it('draws a double booth across two cells', () => {
    const food = boothPlan(zones).booths.filter((booth) => booth.zoneCode === 'food');
    expect(food.map(({ code, x, width }) => [code, x, width])).toEqual([
      ['F1', 14, 44],
      ['F2', 62, 92],
      ['F3', 158, 44],
    ]);
  });

  it('starts a new row for a booth that does not fit the rest of one', () => {
    const wide = boothPlan([
      { code: 'x', booths: [...'ABCDEF'].map((code) => ({ code, widthCm: 300 })).concat({ code: 'G', widthCm: 600 }) },
    ]);
    expect(wide.booths.at(-1)).toMatchObject({ code: 'G', x: 14, y: 76, width: 92 });
  });

  it('gives an empty zone its title band, and a plan without zones its margins', () => {
    expect(boothPlan(zones).zones[2]).toMatchObject({ code: 'host', height: 30 });
    expect(boothPlan([])).toEqual({ width: 360, height: 16, zones: [], booths: [] });
  });

  it('is the same plan whatever order the booths come in', () => {
    const shuffled = zones.map((zone) => ({ ...zone, booths: [...zone.booths].reverse() }));
    expect(boothPlan(shuffled)).toEqual(boothPlan(zones));
  });

  it('keeps every booth inside its zone and the page, on whole pixels, never overlapping another', () => {
    const zoneArb = fc.uniqueArray(fc.integer({ min: 0, max: 999 }), { maxLength: 120 }).chain((numbers) =>
      fc.tuple(...numbers.map(() => fc.constantFrom(undefined, 300, 450, 600, 1200))).map((widths) => ({
        code: 'z',
        booths: numbers.map((n, i) => ({ code: `B${n}`, ...(widths[i] ? { widthCm: widths[i] } : {}) })),
      })),
    );
    fc.assert(
      fc.property(fc.array(zoneArb, { minLength: 1, maxLength: 4 }), (generated) => {
        const input = generated.map((zone, i) => ({
          code: `z${i}`,
          booths: zone.booths.map((booth) => ({ ...booth, code: `${booth.code.slice(1)}-${i}` })),
        }));
        const plan = boothPlan(input);
        const page = { x: 0, y: 0, width: plan.width, height: plan.height };
        for (const zone of plan.zones) expect(within(zone, page)).toBe(true);
        plan.booths.forEach((booth, i) => {
          const zone = plan.zones.find((z) => z.code === booth.zoneCode)!;
          expect(within(booth, zone)).toBe(true);
          expect(booth.width).toBeGreaterThanOrEqual(BOOTH_PLAN_LAYOUT.minCellWidth);
          for (const value of [booth.x, booth.y, booth.width, booth.height]) expect(Number.isInteger(value)).toBe(true);
          for (const other of plan.booths.slice(i + 1)) expect(overlaps(booth, other)).toBe(false);
        });
        expect(plan.booths).toHaveLength(input.reduce((sum, zone) => sum + zone.booths.length, 0));
      }),
      { numRuns: 60 },
    );
  });

  it('draws 300 booths in four zones a phone scrolls through', () => {
    const big = ['ocop', 'specialties', 'host', 'food'].map((code, z) => ({
      code,
      booths: Array.from({ length: 75 }, (_, i) => ({ code: `${'ABCD'[z]}${i + 1}` })),
    }));
    const plan = boothPlan(big);
    expect(plan.booths).toHaveLength(300);
    // 75 booths make 11 rows of 7: 24 + 11 × 40 + 10 × 4 + 6 = 510 px per zone.
    expect(plan.zones.map((zone) => zone.height)).toEqual([510, 510, 510, 510]);
    expect(plan.height).toBe(8 + 4 * 510 + 3 * 12 + 8);
  });
});
