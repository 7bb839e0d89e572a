/**
 * The Vietnamese lunisolar calendar, for checking db/reference/public-holidays.json only: the
 * platform itself reads those dates as data and never computes them.
 *
 * Hồ Ngọc Đức's published algorithm ("Thuật toán tính âm lịch"): new moons and solar longitudes
 * from Meeus's Astronomical Algorithms, days counted in UTC+7. The zone matters: China reckons at
 * UTC+8, which is why Vietnam's Tết fell on 21 January 1985 and China's on 20 February 1985, and
 * Vietnam's on 17 February 2007 a day before China's.
 */

const VIETNAM_ZONE_HOURS = 7;
const SYNODIC_MONTH = 29.530588853;
/** Julian day number of the new moon of 1 January 1900, the origin of the new moon count. */
const NEW_MOON_EPOCH = 2415021.076998695;
const RAD = Math.PI / 180;

/** Julian day number of a Gregorian date. */
export function julianDay(year: number, month: number, day: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  return (
    day +
    Math.floor((153 * m + 2) / 5) +
    365 * y +
    Math.floor(y / 4) -
    Math.floor(y / 100) +
    Math.floor(y / 400) -
    32045
  );
}

/** The Gregorian date of a Julian day number, as "YYYY-MM-DD". */
export function isoFromJulianDay(jd: number): string {
  return new Date((jd - 2440588) * 86_400_000).toISOString().slice(0, 10);
}

/** The instant (Julian date, UT) of the k-th new moon after 1 January 1900. */
function newMoon(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  let jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
  jd += 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * RAD);
  const m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
  const mPrime = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
  const f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
  let c = (0.1734 - 0.000393 * t) * Math.sin(m * RAD) + 0.0021 * Math.sin(2 * RAD * m);
  c -= 0.4068 * Math.sin(mPrime * RAD) - 0.0161 * Math.sin(2 * RAD * mPrime);
  c -= 0.0004 * Math.sin(3 * RAD * mPrime);
  c += 0.0104 * Math.sin(2 * RAD * f) - 0.0051 * Math.sin(RAD * (m + mPrime));
  c -= 0.0074 * Math.sin(RAD * (m - mPrime)) - 0.0004 * Math.sin(RAD * (2 * f + m));
  c -= 0.0004 * Math.sin(RAD * (2 * f - m)) + 0.0006 * Math.sin(RAD * (2 * f + mPrime));
  c += 0.001 * Math.sin(RAD * (2 * f - mPrime)) + 0.0005 * Math.sin(RAD * (2 * mPrime + m));
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return jd + c - deltaT;
}

/** The Julian day number, in Vietnam, of the k-th new moon. */
const newMoonDay = (k: number) => Math.floor(newMoon(k) + 0.5 + VIETNAM_ZONE_HOURS / 24);

/** Which twelfth of the ecliptic (0-11, 30° each) the sun is in at the start of a Vietnamese day. */
function sunSector(jdn: number): number {
  const t = (jdn - 0.5 - VIETNAM_ZONE_HOURS / 24 - 2451545.0) / 36525;
  const t2 = t * t;
  const m = 357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
  const l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  let dl = (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(RAD * m);
  dl += (0.019993 - 0.000101 * t) * Math.sin(2 * RAD * m) + 0.00029 * Math.sin(3 * RAD * m);
  let longitude = (l0 + dl) * RAD;
  longitude -= 2 * Math.PI * Math.floor(longitude / (2 * Math.PI));
  return Math.floor((longitude / Math.PI) * 6);
}

/** First day of the 11th lunar month (the one holding the winter solstice) of Gregorian year `year`. */
function month11Start(year: number): number {
  const k = Math.floor((julianDay(year, 12, 31) - 2415021) / SYNODIC_MONTH);
  const start = newMoonDay(k);
  return sunSector(start) >= 9 ? newMoonDay(k - 1) : start;
}

/** How many months after month 11 the leap month comes, in a year of 13 months. */
function leapMonthOffset(month11: number): number {
  const k = Math.floor((month11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let sector = sunSector(newMoonDay(k + i));
  let last: number;
  do {
    last = sector;
    i += 1;
    sector = sunSector(newMoonDay(k + i));
  } while (sector !== last && i < 14);
  return i - 1;
}

export interface LunarDate {
  day: number;
  month: number;
  year: number;
  leap: boolean;
}

/** The Vietnamese lunar date of a Gregorian "YYYY-MM-DD". */
export function lunarDate(isoDate: string): LunarDate {
  const [yy, mm, dd] = isoDate.split('-').map(Number) as [number, number, number];
  const jd = julianDay(yy, mm, dd);
  const k = Math.floor((jd - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1);
  if (monthStart > jd) monthStart = newMoonDay(k);
  let a11 = month11Start(yy);
  let b11 = a11;
  let year: number;
  if (a11 >= monthStart) {
    year = yy;
    a11 = month11Start(yy - 1);
  } else {
    year = yy + 1;
    b11 = month11Start(yy + 1);
  }
  const day = jd - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11);
    if (diff >= leapDiff) {
      month = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) year -= 1;
  return { day, month, year, leap };
}

/** The Gregorian date of a (non-leap) lunar date of lunar year `year`, searched near the solar year. */
export function solarDate(lunar: { day: number; month: number; year: number }): string {
  for (let jd = julianDay(lunar.year, 1, 1) - 40; jd < julianDay(lunar.year + 1, 3, 1); jd += 1) {
    const iso = isoFromJulianDay(jd);
    const found = lunarDate(iso);
    if (found.day === lunar.day && found.month === lunar.month && found.year === lunar.year && !found.leap) return iso;
  }
  throw new RangeError(`no solar date for ${lunar.day}/${lunar.month}/${lunar.year}`);
}
