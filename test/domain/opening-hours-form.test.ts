import { describe, expect, it } from 'vitest';
import { distanceKm, unitDotForKm, unitVector, type LatLng } from '../../worker/domain/geo';
import { openingHoursFromForm, openingHoursToForm } from '../../worker/domain/opening-hours-form';
import { isOpenAt } from '../../worker/domain/opening-hours';

const noHolidays = new Set<string>();

describe('opening hours typed in a form', () => {
  it('turns one line per day into schema.org entries, a midday break and a night past midnight included', () => {
    const parsed = openingHoursFromForm({
      Monday: '07:00-11:30, 13:30-21:00',
      Tuesday: '7:00-11:30, 13:30-21:00',
      Saturday: '18:00-02:00',
      Sunday: '-',
      PublicHolidays: '-',
      exceptions: '2027-02-05..2027-02-08: -\n2027-04-30: 08:00-12:00',
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.hours).toContainEqual({ dayOfWeek: ['Monday', 'Tuesday'], opens: '07:00', closes: '11:30' });
    expect(parsed.hours).toContainEqual({ dayOfWeek: ['PublicHolidays'], opens: '00:00', closes: '00:00' });
    expect(parsed.hours).toContainEqual({
      opens: '00:00',
      closes: '00:00',
      validFrom: '2027-02-05',
      validThrough: '2027-02-08',
    });
    // Sunday 01:00 Vietnam time (Saturday 18:00 UTC) is still Saturday night's opening.
    expect(isOpenAt(parsed.hours, new Date('2026-12-05T18:00:00Z'), noHolidays)).toBe(true);
    expect(openingHoursToForm(parsed.hours)).toMatchObject({
      Monday: '07:00-11:30, 13:30-21:00',
      Saturday: '18:00-02:00',
      Sunday: '',
      PublicHolidays: '-',
      exceptions: '2027-02-05..2027-02-08: -\n2027-04-30: 08:00-12:00',
    });
  });

  it('names the field and line of what it cannot read', () => {
    const parsed = openingHoursFromForm({ Monday: 'sáng', exceptions: '2027-02-30: -' });
    expect(parsed).toEqual({
      ok: false,
      problems: [
        { field: 'Monday', text: 'sáng' },
        { field: 'exceptions', line: 1, text: '2027-02-30: -' },
      ],
    });
  });
});

describe('unit vectors for distance in SQL', () => {
  const center: LatLng = { latitude: 10.9504, longitude: 106.8216 };
  const dot = (a: LatLng, b: LatLng) => {
    const [u, v] = [unitVector(a), unitVector(b)];
    return u.x * v.x + u.y * v.y + u.z * v.z;
  };

  it('orders places as the great-circle distance does', () => {
    const places: LatLng[] = [
      { latitude: 21.0301, longitude: 105.8506 },
      { latitude: 10.9461, longitude: 107.1439 },
      { latitude: 10.5359, longitude: 106.4137 },
      { latitude: 11.3745, longitude: 106.176 },
      { latitude: 10.0339, longitude: 105.7851 },
    ];
    const byDot = [...places].sort((a, b) => dot(center, b) - dot(center, a));
    const byDistance = [...places].sort((a, b) => distanceKm(center, a) - distanceKm(center, b));
    expect(byDot).toEqual(byDistance);
  });

  it('puts a place exactly on the radius inside it', () => {
    const place = { latitude: 11.0504, longitude: 106.8216 };
    expect(dot(center, place)).toBeGreaterThanOrEqual(unitDotForKm(distanceKm(center, place)) - 1e-15);
  });
});
