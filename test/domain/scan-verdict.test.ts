import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CertificationFacts } from '../../worker/domain/certification';
import {
  PIN_LOCK_MINUTES,
  PIN_MAX_FAILED_ATTEMPTS,
  SUSPICIOUS_DEVICE_COUNT,
  SUSPICIOUS_PROVINCE_COUNT,
  pinClaimDecision,
  scanVerdict,
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
  provinceCount: 0,
  firstScannedAt: null,
  firstScanProvince: null,
};

const scannedOnce: ScannedStamp = {
  status: 'active',
  scanCount: 1,
  deviceCount: 1,
  provinceCount: 1,
  firstScannedAt: '2026-02-20T08:15:00.000Z',
  firstScanProvince: 'Đồng Nai',
};

const input = (overrides: Partial<ScanVerdictInput> = {}): ScanVerdictInput => ({
  stamp: unscanned,
  deviceSeenBefore: false,
  newProvince: true,
  scannedAt: NOW,
  province: 'Đồng Nai',
  certifications: [certification()],
  today: TODAY,
  ...overrides,
});

const certified = { state: 'certified', stars: 4, decisionNumber: '12/QĐ-UBND', validUntil: '2028-01-10' };

describe('scanVerdict', () => {
  it('calls an active stamp nobody has scanned genuine, first scan, with this scan as the first', () => {
    expect(scanVerdict(input())).toEqual({
      state: 'genuine_first',
      tone: 'ok',
      evidence: { scans: 1, devices: 1, provinces: 1, firstScannedAt: NOW, firstScanProvince: 'Đồng Nai' },
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
        provinces: 2,
        firstScannedAt: '2026-02-20T08:15:00.000Z',
        firstScanProvince: 'Đồng Nai',
      },
      certification: certified,
    });
  });

  it('keeps a stamp genuine however often the same device scans it again', () => {
    const stamp = { ...scannedOnce, scanCount: 40 };
    const verdict = scanVerdict(input({ stamp, deviceSeenBefore: true, newProvince: false }));
    expect(verdict.state).toBe('genuine_repeat');
    expect(verdict.tone).toBe('ok');
    expect(verdict.evidence).toMatchObject({ scans: 41, devices: 1, provinces: 1 });
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
    it('shows the evidence of a stamp scanned on many devices and only cautions', () => {
      const stamp = { ...scannedOnce, scanCount: 9, deviceCount: 7, provinceCount: 2 };
      const verdict = scanVerdict(input({ stamp, newProvince: false }));
      expect(verdict).toEqual({
        state: 'suspicious',
        tone: 'caution',
        evidence: {
          scans: 10,
          devices: 8,
          provinces: 2,
          firstScannedAt: '2026-02-20T08:15:00.000Z',
          firstScanProvince: 'Đồng Nai',
        },
        certification: certified,
      });
    });

    it(`becomes suspicious when this scan is the ${SUSPICIOUS_DEVICE_COUNT}th device, not before`, () => {
      const stamp = { ...scannedOnce, scanCount: 10, provinceCount: 1 };
      const below = { ...stamp, deviceCount: SUSPICIOUS_DEVICE_COUNT - 2 };
      const at = { ...stamp, deviceCount: SUSPICIOUS_DEVICE_COUNT - 1 };
      expect(scanVerdict(input({ stamp: below, newProvince: false })).state).toBe('genuine_repeat');
      expect(scanVerdict(input({ stamp: at, newProvince: false })).state).toBe('suspicious');
      // A device that is already counted does not add itself again.
      expect(scanVerdict(input({ stamp: at, deviceSeenBefore: true, newProvince: false })).state).toBe(
        'genuine_repeat',
      );
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
      input({ stamp, isNewScan: false, deviceSeenBefore: true, newProvince: false });

    it('shows the stored counters without adding this read', () => {
      expect(scanVerdict(stored(scannedOnce))).toEqual({
        state: 'genuine_first',
        tone: 'ok',
        evidence: {
          scans: 1,
          devices: 1,
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
        provinces: 0,
        firstScannedAt: null,
        firstScanProvince: null,
      });
    });

    it('calls a stamp scanned twice a repeat, and one at the thresholds suspicious', () => {
      expect(scanVerdict(stored({ ...scannedOnce, scanCount: 2 })).state).toBe('genuine_repeat');
      const devices = { ...scannedOnce, scanCount: 9, deviceCount: SUSPICIOUS_DEVICE_COUNT };
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

  describe('certification beside the stamp verdict', () => {
    it('reports an expired certification together with a genuine first scan', () => {
      const verdict = scanVerdict(input({ certifications: [certification({ validUntil: '2026-03-01' })] }));
      expect(verdict.state).toBe('genuine_first');
      expect(verdict.tone).toBe('ok');
      expect(verdict.certification).toEqual({
        state: 'expired',
        stars: 4,
        decisionNumber: '12/QĐ-UBND',
        validUntil: '2026-03-01',
        since: '2026-03-02',
      });
    });

    it('reports a revoked certification, with its date and reason, together with a genuine repeat', () => {
      const revoked = certification({
        status: 'revoked',
        statusReason: 'Vi phạm an toàn thực phẩm',
        statusChangedAt: '2026-01-15T02:00:00.000Z',
      });
      const verdict = scanVerdict(input({ stamp: scannedOnce, certifications: [revoked] }));
      expect(verdict.state).toBe('genuine_repeat');
      expect(verdict.certification).toEqual({
        state: 'revoked',
        stars: 4,
        decisionNumber: '12/QĐ-UBND',
        validUntil: '2028-01-10',
        since: '2026-01-15',
        reason: 'Vi phạm an toàn thực phẩm',
      });
    });

    it('reports a product with no certification of 3 stars or more as uncertified', () => {
      const verdict = scanVerdict(input({ certifications: [certification({ stars: 2, score: 40 })] }));
      expect(verdict.state).toBe('genuine_first');
      expect(verdict.certification).toEqual({ state: 'uncertified' });
    });

    it('reports a valid certification beside a void stamp without softening it', () => {
      const verdict = scanVerdict(input({ stamp: { ...unscanned, status: 'void' } }));
      expect(verdict.tone).toBe('danger');
      expect(verdict.certification).toEqual(certified);
    });
  });

  it('never throws for arbitrary counters and always gives the tone that belongs to its state', () => {
    const expectedTone: Record<ScanState, ScanTone> = {
      genuine_first: 'ok',
      genuine_repeat: 'ok',
      suspicious: 'caution',
      not_activated: 'caution',
      void: 'danger',
      unknown: 'danger',
    };
    const counter = fc.oneof(fc.nat(), fc.integer(), fc.double());
    const stamp = fc.record({
      status: fc.constantFrom('issued', 'active', 'void' as const),
      scanCount: counter,
      deviceCount: counter,
      provinceCount: counter,
      firstScannedAt: fc.option(fc.string()),
      firstScanProvince: fc.option(fc.string()),
    });
    fc.assert(
      fc.property(
        fc.option(stamp),
        fc.boolean(),
        fc.boolean(),
        fc.option(fc.string()),
        (drawn, deviceSeenBefore, newProvince, province) => {
          const verdict = scanVerdict(input({ stamp: drawn, deviceSeenBefore, newProvince, province }));
          expect(verdict.tone).toBe(expectedTone[verdict.state]);
          expect(verdict.certification === null).toBe(drawn === null);
          expect(verdict.evidence !== undefined).toBe(
            ['genuine_first', 'genuine_repeat', 'suspicious'].includes(verdict.state),
          );
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
