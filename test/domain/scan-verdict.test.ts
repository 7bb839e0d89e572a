import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CertificationFacts } from '../../worker/domain/certification';
import {
  PIN_LOCK_MINUTES,
  PIN_MAX_FAILED_ATTEMPTS,
  SUSPICIOUS_DEVICE_COUNT,
  SUSPICIOUS_NETWORK_COUNT,
  SUSPICIOUS_PROVINCE_COUNT,
  pinClaimDecision,
  scanVerdict,
  type PinClaimDecision,
  type ScanState,
  type ScanTone,
  type ScanVerdictInput,
  type ScannedStamp,
  type StampPinState,
} from '../../worker/domain/scan-verdict';

const TODAY = '2026-03-05';
const NOW = '2026-03-05T03:00:00.000Z';

const certification = (overrides: Partial<CertificationFacts> = {}): CertificationFacts => ({
  id: 1,
  stars: 4,
  score: 75,
  criteriaVersion: '148',
  level: 'provincial',
  decisionNumber: '12/QĐ-UBND',
  decisionDate: '2025-01-10',
  issuingBody: 'UBND tỉnh Đồng Nai',
  validUntil: '2028-01-10',
  status: 'active',
  statusReason: null,
  statusChangedAt: null,
  revocationDecision: null,
  ...overrides,
});

const unscanned: ScannedStamp = {
  status: 'active',
  scanCount: 0,
  deviceCount: 0,
  networkCount: 0,
  provinceCount: 0,
  firstScannedAt: null,
  firstScanProvince: null,
};

const scannedOnce: ScannedStamp = {
  status: 'active',
  scanCount: 1,
  deviceCount: 1,
  networkCount: 1,
  provinceCount: 1,
  firstScannedAt: '2026-02-20T08:15:00.000Z',
  firstScanProvince: 'Đồng Nai',
};

const input = (overrides: Partial<ScanVerdictInput> = {}): ScanVerdictInput => ({
  stamp: unscanned,
  deviceSeenBefore: false,
  networkSeenBefore: false,
  newProvince: true,
  scannedAt: NOW,
  province: 'Đồng Nai',
  certifications: [certification()],
  today: TODAY,
  ...overrides,
});

const certified = { state: 'certified', stars: 4, decisionNumber: '12/QĐ-UBND', validUntil: '2028-01-10' };
const expired = certification({ validUntil: '2026-03-01' });
const revoked = certification({
  status: 'revoked',
  statusReason: 'Vi phạm an toàn thực phẩm',
  statusChangedAt: '2026-01-15T02:00:00.000Z',
});
const belowThreshold = certification({ stars: 2, score: 40 });
const claimedBefore: PinClaimDecision = {
  outcome: 'already_claimed',
  claimedAt: '2026-02-21T01:00:00.000Z',
  province: '75',
};
const claimedNow: PinClaimDecision = {
  outcome: 'claimed',
  claimedAt: NOW,
  update: { pinClaimedAt: NOW, pinClaimProvince: '75', pinFailedAttempts: 0, pinLockedUntil: null },
};

describe('scanVerdict', () => {
  it('calls an active stamp nobody has scanned genuine, first scan, with this scan as the first', () => {
    expect(scanVerdict(input())).toEqual({
      state: 'genuine_first',
      tone: 'ok',
      evidence: { scans: 1, devices: 1, networks: 1, provinces: 1, firstScannedAt: NOW, firstScanProvince: 'Đồng Nai' },
      certification: certified,
    });
  });

  it('calls a later scan by another device a genuine repeat, counting this scan and keeping the first date and place', () => {
    const verdict = scanVerdict(input({ stamp: scannedOnce, province: 'Bình Dương' }));
    expect(verdict).toEqual({
      state: 'genuine_repeat',
      tone: 'ok',
      evidence: {
        scans: 2,
        devices: 2,
        networks: 2,
        provinces: 2,
        firstScannedAt: '2026-02-20T08:15:00.000Z',
        firstScanProvince: 'Đồng Nai',
      },
      certification: certified,
    });
  });

  it('keeps a stamp genuine however often the same device scans it again', () => {
    const stamp = { ...scannedOnce, scanCount: 40 };
    const verdict = scanVerdict(input({ stamp, deviceSeenBefore: true, networkSeenBefore: true, newProvince: false }));
    expect(verdict.state).toBe('genuine_repeat');
    expect(verdict.tone).toBe('ok');
    expect(verdict.evidence).toMatchObject({ scans: 41, devices: 1, networks: 1, provinces: 1 });
  });

  it('does not call a scan first when this device scanned before, even if the counters say nobody did', () => {
    expect(scanVerdict(input({ deviceSeenBefore: true })).state).toBe('genuine_repeat');
  });

  it('says a stamp that was issued but not activated is not activated, without counting the scan', () => {
    const verdict = scanVerdict(input({ stamp: { ...unscanned, status: 'issued' } }));
    expect(verdict).toEqual({ state: 'not_activated', tone: 'caution', certification: certified });
  });

  it('says a void stamp is void, as a danger, whatever its counters', () => {
    const verdict = scanVerdict(input({ stamp: { ...scannedOnce, status: 'void', deviceCount: 50 } }));
    expect(verdict).toEqual({ state: 'void', tone: 'danger', certification: certified });
  });

  it('says an unknown serial is unknown, as a danger, with no product certification to report', () => {
    expect(scanVerdict(input({ stamp: null }))).toEqual({ state: 'unknown', tone: 'danger', certification: null });
  });

  describe('suspicious', () => {
    const many = { ...scannedOnce, scanCount: 9, deviceCount: 7, networkCount: 7, provinceCount: 2 };

    it('shows the evidence of a stamp scanned on many devices from many networks, and only cautions', () => {
      const verdict = scanVerdict(input({ stamp: many, newProvince: false }));
      expect(verdict).toEqual({
        state: 'suspicious',
        tone: 'caution',
        evidence: {
          scans: 10,
          devices: 8,
          networks: 8,
          provinces: 2,
          firstScannedAt: '2026-02-20T08:15:00.000Z',
          firstScanProvince: 'Đồng Nai',
        },
        certification: certified,
      });
    });

    it(`becomes suspicious when this scan is the ${SUSPICIOUS_DEVICE_COUNT}th device on the ${SUSPICIOUS_NETWORK_COUNT}th network, not before`, () => {
      const stamp = { ...scannedOnce, scanCount: 10, provinceCount: 1 };
      const below = { ...stamp, deviceCount: SUSPICIOUS_DEVICE_COUNT - 2, networkCount: SUSPICIOUS_NETWORK_COUNT - 2 };
      const at = { ...stamp, deviceCount: SUSPICIOUS_DEVICE_COUNT - 1, networkCount: SUSPICIOUS_NETWORK_COUNT - 1 };
      expect(scanVerdict(input({ stamp: below, newProvince: false })).state).toBe('genuine_repeat');
      expect(scanVerdict(input({ stamp: at, newProvince: false })).state).toBe('suspicious');
      // A device or a network already counted does not add itself again.
      expect(scanVerdict(input({ stamp: at, deviceSeenBefore: true, newProvince: false })).state).toBe(
        'genuine_repeat',
      );
      expect(scanVerdict(input({ stamp: at, networkSeenBefore: true, newProvince: false })).state).toBe(
        'genuine_repeat',
      );
    });

    it('is not raised by devices alone: one client dropping its cookie stays one network', () => {
      const stamp = { ...scannedOnce, scanCount: 100, deviceCount: 100, networkCount: 1 };
      expect(scanVerdict(input({ stamp, networkSeenBefore: true, newProvince: false })).state).toBe('genuine_repeat');
    });

    it(`becomes suspicious when this scan is from the ${SUSPICIOUS_PROVINCE_COUNT}rd province, not before`, () => {
      const stamp = { ...scannedOnce, scanCount: 3, deviceCount: 1 };
      const below = { ...stamp, provinceCount: SUSPICIOUS_PROVINCE_COUNT - 2 };
      const at = { ...stamp, provinceCount: SUSPICIOUS_PROVINCE_COUNT - 1 };
      expect(scanVerdict(input({ stamp: below, deviceSeenBefore: true })).state).toBe('genuine_repeat');
      expect(scanVerdict(input({ stamp: at, deviceSeenBefore: true })).state).toBe('suspicious');
      expect(scanVerdict(input({ stamp: at, deviceSeenBefore: true, newProvince: false })).state).toBe(
        'genuine_repeat',
      );
    });

    it('is not raised by the number of scans alone', () => {
      const stamp = { ...scannedOnce, scanCount: 10_000 };
      expect(scanVerdict(input({ stamp, deviceSeenBefore: true, newProvince: false })).state).toBe('genuine_repeat');
    });
  });

  describe('not a new scan (a machine read, or a form sent from a page already shown)', () => {
    const stored = (stamp: ScannedStamp) =>
      input({ stamp, isNewScan: false, deviceSeenBefore: true, networkSeenBefore: true, newProvince: false });

    it('shows the stored counters without adding this read', () => {
      expect(scanVerdict(stored(scannedOnce))).toEqual({
        state: 'genuine_first',
        tone: 'ok',
        evidence: {
          scans: 1,
          devices: 1,
          networks: 1,
          provinces: 1,
          firstScannedAt: '2026-02-20T08:15:00.000Z',
          firstScanProvince: 'Đồng Nai',
        },
        certification: certified,
      });
      expect(
        scanVerdict({ ...stored(scannedOnce), deviceSeenBefore: false, newProvince: true }).evidence,
      ).toMatchObject({ scans: 1, devices: 1, provinces: 1 });
    });

    it('calls a stamp never scanned a first scan, with no first date yet', () => {
      const verdict = scanVerdict(stored(unscanned));
      expect(verdict.state).toBe('genuine_first');
      expect(verdict.evidence).toEqual({
        scans: 0,
        devices: 0,
        networks: 0,
        provinces: 0,
        firstScannedAt: null,
        firstScanProvince: null,
      });
    });

    it('calls a stamp scanned twice a repeat, and one at the thresholds suspicious', () => {
      expect(scanVerdict(stored({ ...scannedOnce, scanCount: 2 })).state).toBe('genuine_repeat');
      const devices = {
        ...scannedOnce,
        scanCount: 9,
        deviceCount: SUSPICIOUS_DEVICE_COUNT,
        networkCount: SUSPICIOUS_NETWORK_COUNT,
      };
      expect(scanVerdict(stored(devices)).state).toBe('suspicious');
      expect(scanVerdict(stored({ ...devices, deviceCount: SUSPICIOUS_DEVICE_COUNT - 1 })).state).toBe(
        'genuine_repeat',
      );
      const provinces = { ...scannedOnce, scanCount: 9, provinceCount: SUSPICIOUS_PROVINCE_COUNT };
      expect(scanVerdict(stored(provinces)).state).toBe('suspicious');
    });

    it('still says void and not activated without evidence', () => {
      expect(scanVerdict(stored({ ...scannedOnce, status: 'void' }))).toEqual({
        state: 'void',
        tone: 'danger',
        certification: certified,
      });
      expect(scanVerdict(stored({ ...unscanned, status: 'issued' })).state).toBe('not_activated');
    });
  });

  describe('certification and stamp together: never green without a valid certificate', () => {
    it('turns a genuine first scan of an expired certificate into a caution that names the date', () => {
      const verdict = scanVerdict(input({ certifications: [expired] }));
      expect(verdict.state).toBe('certificate_lapsed');
      expect(verdict.tone).toBe('caution');
      expect(verdict.certification).toEqual({
        state: 'expired',
        stars: 4,
        decisionNumber: '12/QĐ-UBND',
        validUntil: '2026-03-01',
        since: '2026-03-02',
      });
    });

    it('turns a genuine repeat of a revoked certificate into a caution, with its Vietnam date and reason', () => {
      const verdict = scanVerdict(input({ stamp: scannedOnce, certifications: [revoked] }));
      expect(verdict.state).toBe('certificate_lapsed');
      expect(verdict.tone).toBe('caution');
      expect(verdict.certification).toEqual({
        state: 'revoked',
        stars: 4,
        decisionNumber: '12/QĐ-UBND',
        validUntil: '2028-01-10',
        since: '2026-01-15',
        reason: 'Vi phạm an toàn thực phẩm',
      });
    });

    it('does not call a product without a certificate of 3 stars or more certified', () => {
      const verdict = scanVerdict(input({ certifications: [belowThreshold] }));
      expect(verdict).toMatchObject({
        state: 'not_certified',
        tone: 'caution',
        certification: { state: 'uncertified' },
      });
    });

    it('reports a valid certification beside a void stamp without softening it', () => {
      const verdict = scanVerdict(input({ stamp: { ...unscanned, status: 'void' } }));
      expect(verdict.tone).toBe('danger');
      expect(verdict.certification).toEqual(certified);
    });
  });

  describe('the PIN this visitor just entered', () => {
    const answer = (overrides: Partial<ScanVerdictInput>) =>
      scanVerdict(input({ stamp: scannedOnce, isNewScan: false, deviceSeenBefore: true, ...overrides }));

    it('turns the banner red when the PIN was claimed before, with when and where', () => {
      expect(answer({ pin: claimedBefore })).toMatchObject({
        state: 'pin_copied',
        tone: 'danger',
        pinClaim: { claimedAt: claimedBefore.claimedAt, province: '75' },
      });
      // Whatever else holds: the package in hand may be a copy.
      expect(answer({ pin: claimedBefore, certifications: [revoked] }).state).toBe('pin_copied');
    });

    it("says verified, green, for the visitor's own successful claim of a certified product", () => {
      expect(answer({ pin: claimedNow })).toMatchObject({ state: 'verified', tone: 'ok' });
    });

    it('keeps a verified stamp of a lapsed certificate from being green', () => {
      expect(answer({ pin: claimedNow, certifications: [expired] })).toMatchObject({
        state: 'certificate_lapsed',
        tone: 'caution',
      });
    });

    it('leaves the banner to the stamp for a wrong or locked PIN', () => {
      const wrong: PinClaimDecision = { outcome: 'wrong', remainingAttempts: 3, update: { pinFailedAttempts: 2 } };
      expect(answer({ pin: wrong }).state).toBe('genuine_first');
      expect(answer({ pin: { outcome: 'locked', until: NOW } }).state).toBe('genuine_first');
    });
  });

  /** docs/SCAN-VERDICT.md: every row of the table, as documented. */
  it.each([
    ['no stamp has the serial', { stamp: null }, 'unknown', 'danger'],
    ['void', { stamp: { ...scannedOnce, status: 'void' as const } }, 'void', 'danger'],
    ['void, PIN copied', { stamp: { ...scannedOnce, status: 'void' as const }, pin: claimedBefore }, 'void', 'danger'],
    ['not activated', { stamp: { ...unscanned, status: 'issued' as const } }, 'not_activated', 'caution'],
    ['active, PIN copied, certified', { pin: claimedBefore }, 'pin_copied', 'danger'],
    ['active, PIN copied, revoked', { pin: claimedBefore, certifications: [revoked] }, 'pin_copied', 'danger'],
    [
      'active, suspicious evidence, certified',
      { stamp: { ...scannedOnce, provinceCount: SUSPICIOUS_PROVINCE_COUNT } },
      'suspicious',
      'caution',
    ],
    [
      'active, suspicious evidence, revoked',
      { stamp: { ...scannedOnce, provinceCount: SUSPICIOUS_PROVINCE_COUNT }, certifications: [revoked] },
      'suspicious',
      'caution',
    ],
    ['active, certificate expired', { certifications: [expired] }, 'certificate_lapsed', 'caution'],
    ['active, certificate revoked', { certifications: [revoked] }, 'certificate_lapsed', 'caution'],
    [
      'active, PIN verified now, certificate revoked',
      { pin: claimedNow, certifications: [revoked] },
      'certificate_lapsed',
      'caution',
    ],
    ['active, never certified', { certifications: [belowThreshold] }, 'not_certified', 'caution'],
    ['active, never certified, PIN verified now', { pin: claimedNow, certifications: [] }, 'not_certified', 'caution'],
    ['active, PIN verified now, certified', { pin: claimedNow }, 'verified', 'ok'],
    ['active, first scan, certified', {}, 'genuine_first', 'ok'],
    ['active, repeat scan, certified', { stamp: scannedOnce }, 'genuine_repeat', 'ok'],
  ] as [string, Partial<ScanVerdictInput>, ScanState, ScanTone][])('%s → %s (%s)', (_row, overrides, state, tone) => {
    const verdict = scanVerdict(input(overrides));
    expect(verdict.state).toBe(state);
    expect(verdict.tone).toBe(tone);
  });

  it('never throws for arbitrary counters and always gives the tone that belongs to its state', () => {
    const expectedTone: Record<ScanState, ScanTone> = {
      verified: 'ok',
      genuine_first: 'ok',
      genuine_repeat: 'ok',
      certificate_lapsed: 'caution',
      not_certified: 'caution',
      suspicious: 'caution',
      not_activated: 'caution',
      pin_copied: 'danger',
      void: 'danger',
      unknown: 'danger',
    };
    const counter = fc.oneof(fc.nat(), fc.integer(), fc.double());
    const stamp = fc.record({
      status: fc.constantFrom('issued', 'active', 'void' as const),
      scanCount: counter,
      deviceCount: counter,
      networkCount: counter,
      provinceCount: counter,
      firstScannedAt: fc.option(fc.string()),
      firstScanProvince: fc.option(fc.string()),
    });
    const history = fc.constantFrom<CertificationFacts[][]>(
      [certification()],
      [expired],
      [revoked],
      [belowThreshold],
      [],
    );
    const pin = fc.option(fc.constantFrom(claimedBefore, claimedNow), { nil: undefined });
    fc.assert(
      fc.property(
        fc.option(stamp),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.option(fc.string()),
        history,
        pin,
        (drawn, deviceSeenBefore, networkSeenBefore, newProvince, province, certifications, entered) => {
          const verdict = scanVerdict(
            input({
              stamp: drawn,
              deviceSeenBefore,
              networkSeenBefore,
              newProvince,
              province,
              certifications,
              ...(entered ? { pin: entered } : {}),
            }),
          );
          expect(verdict.tone).toBe(expectedTone[verdict.state]);
          expect(verdict.certification === null).toBe(drawn === null);
          // Green only for a stamp the platform issued and activated, of a product certified today.
          if (verdict.tone === 'ok') {
            expect(drawn?.status).toBe('active');
            expect(verdict.certification?.state).toBe('certified');
          }
          expect(verdict.evidence !== undefined).toBe(drawn !== null && drawn.status === 'active');
        },
      ),
    );
  });
});

describe('pinClaimDecision', () => {
  const now = new Date(NOW);
  const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
  const fresh: StampPinState = {
    pinHmac: 'stored-hmac',
    pinClaimedAt: null,
    pinClaimProvince: null,
    pinFailedAttempts: 0,
    pinLockedUntil: null,
  };

  /** Applies a decision's update, as the caller stores it. */
  const apply = (pin: StampPinState, decision: ReturnType<typeof pinClaimDecision>): StampPinState =>
    'update' in decision && decision.update ? { ...pin, ...decision.update } : pin;

  it('says a stamp without a PIN has none, matched or not', () => {
    const noPin = { ...fresh, pinHmac: null };
    expect(pinClaimDecision({ pin: noPin, matched: true, now, province: null })).toEqual({ outcome: 'no_pin' });
    expect(pinClaimDecision({ pin: noPin, matched: false, now, province: null })).toEqual({ outcome: 'no_pin' });
  });

  it('lets the first correct PIN claim the stamp, and tells the second claim when and where the first was', () => {
    const first = pinClaimDecision({ pin: fresh, matched: true, now, province: 'Đồng Nai' });
    expect(first).toEqual({
      outcome: 'claimed',
      claimedAt: NOW,
      update: { pinClaimedAt: NOW, pinClaimProvince: 'Đồng Nai', pinFailedAttempts: 0, pinLockedUntil: null },
    });
    const second = pinClaimDecision({ pin: apply(fresh, first), matched: true, now: later(60), province: 'Hà Nội' });
    expect(second).toEqual({ outcome: 'already_claimed', claimedAt: NOW, province: 'Đồng Nai' });
  });

  it('counts down the remaining tries on each wrong PIN', () => {
    const first = pinClaimDecision({ pin: fresh, matched: false, now, province: null });
    expect(first).toEqual({
      outcome: 'wrong',
      remainingAttempts: PIN_MAX_FAILED_ATTEMPTS - 1,
      update: { pinFailedAttempts: 1, pinLockedUntil: null },
    });
    const second = pinClaimDecision({ pin: apply(fresh, first), matched: false, now, province: null });
    expect(second).toMatchObject({ outcome: 'wrong', remainingAttempts: PIN_MAX_FAILED_ATTEMPTS - 2 });
  });

  it(`locks the PIN for ${PIN_LOCK_MINUTES} minutes on the ${PIN_MAX_FAILED_ATTEMPTS}th wrong try, and refuses even the correct PIN meanwhile`, () => {
    let pin = fresh;
    const outcomes: string[] = [];
    for (let attempt = 1; attempt <= PIN_MAX_FAILED_ATTEMPTS; attempt++) {
      const decision = pinClaimDecision({ pin, matched: false, now, province: null });
      outcomes.push(decision.outcome);
      pin = apply(pin, decision);
    }
    const until = later(PIN_LOCK_MINUTES).toISOString();
    expect(outcomes).toEqual([...Array<string>(PIN_MAX_FAILED_ATTEMPTS - 1).fill('wrong'), 'locked']);
    expect(pin).toMatchObject({ pinFailedAttempts: PIN_MAX_FAILED_ATTEMPTS, pinLockedUntil: until });

    const correctDuringLock = pinClaimDecision({
      pin,
      matched: true,
      now: later(PIN_LOCK_MINUTES - 1),
      province: null,
    });
    expect(correctDuringLock).toEqual({ outcome: 'locked', until });
  });

  it('takes the PIN again once the lock has run out, with a fresh count of tries', () => {
    const locked = { ...fresh, pinFailedAttempts: PIN_MAX_FAILED_ATTEMPTS, pinLockedUntil: NOW };
    expect(pinClaimDecision({ pin: locked, matched: true, now, province: 'Đồng Nai' })).toMatchObject({
      outcome: 'claimed',
      update: { pinFailedAttempts: 0, pinLockedUntil: null },
    });
    expect(pinClaimDecision({ pin: locked, matched: false, now: later(1), province: null })).toEqual({
      outcome: 'wrong',
      remainingAttempts: PIN_MAX_FAILED_ATTEMPTS - 1,
      update: { pinFailedAttempts: 1, pinLockedUntil: null },
    });
  });

  it('counts a wrong PIN against a claimed stamp without revealing the claim', () => {
    const claimed = { ...fresh, pinClaimedAt: NOW, pinClaimProvince: 'Đồng Nai' };
    expect(pinClaimDecision({ pin: claimed, matched: false, now, province: null })).toMatchObject({
      outcome: 'wrong',
    });
  });
});
