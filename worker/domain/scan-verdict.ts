/**
 * What a consumer is told on scanning a traceability stamp, and what happens when they enter the
 * scratch-off PIN (DOMAIN.md: traceability and stamps). Pure: the caller reads the stamp, the
 * product's certification history and the clock, then stores what these functions decide.
 */
import type { stampStatuses } from '../../db/schema';
import { certificationStanding, type CertificationFacts } from './certification';

/**
 * A stamp scanned on this many distinct devices or more is suspicious. One genuine package is
 * scanned by the seller checking stock, the buyer, and perhaps a relative or the person it was
 * given to: four phones is still ordinary. A QR code copied onto fake packages is scanned by every
 * buyer of a copy, so the device count keeps climbing past that.
 */
export const SUSPICIOUS_DEVICE_COUNT = 5;

/**
 * A stamp scanned in this many provinces or more is suspicious. A package is often bought in one
 * province and carried home to another, and mobile networks often locate a phone at the carrier's
 * gateway (Hà Nội, TP. Hồ Chí Minh) rather than where it is, which can add a spurious one: two is
 * normal, three is the first count one package rarely reaches.
 */
export const SUSPICIOUS_PROVINCE_COUNT = 3;

/** Wrong PIN entries, counted since the last lock ended, that lock the stamp's PIN. */
export const PIN_MAX_FAILED_ATTEMPTS = 5;

/**
 * How long a locked PIN stays locked. A PIN holds 40 random bits, so even 5 guesses every 15
 * minutes would take billions of years to walk the space; a longer lock would only lengthen how
 * long a prankster typing wrong PINs keeps the real buyer out.
 */
export const PIN_LOCK_MINUTES = 15;

export type StampStatus = (typeof stampStatuses)[number];

export const scanStates = [
  'genuine_first',
  'genuine_repeat',
  'not_activated',
  'void',
  'unknown',
  'suspicious',
] as const;
export type ScanState = (typeof scanStates)[number];
export type ScanTone = 'ok' | 'caution' | 'danger';

/**
 * Counts never make a stamp "fake": a suspicious stamp is a caution with its evidence shown, and
 * only a stamp the platform did not issue, or one withdrawn, is a danger.
 */
const TONES: Record<ScanState, ScanTone> = {
  genuine_first: 'ok',
  genuine_repeat: 'ok',
  suspicious: 'caution',
  not_activated: 'caution',
  void: 'danger',
  unknown: 'danger',
};

/** The stamp row as stored before this scan is counted. */
export interface ScannedStamp {
  status: StampStatus;
  scanCount: number;
  deviceCount: number;
  provinceCount: number;
  /** UTC instant of the first counted scan. */
  firstScannedAt: string | null;
  firstScanProvince: string | null;
}

export interface ScanVerdictInput {
  /** Null when no stamp has the scanned serial. */
  stamp: ScannedStamp | null;
  /** This device already has a counted scan of this stamp. */
  deviceSeenBefore: boolean;
  /** This scan comes from a province the stamp was not counted in before; false when the location is unknown. */
  newProvince: boolean;
  /** When this scan happened (UTC instant); the first scan's date when this is the first. */
  scannedAt: string;
  /** The province this scan comes from, if known. */
  province: string | null;
  /** The whole certification history of the stamp's product. */
  certifications: CertificationFacts[];
  /** Today in Vietnam time ("YYYY-MM-DD"). */
  today: string;
  /**
   * False when the answer is not a new scan: a machine read, or the page answering a form sent
   * from a scan already shown. The evidence is then the stored counters, not counters plus one.
   * True when absent.
   */
  isNewScan?: boolean;
}

/** The stamp's counters once this scan is counted: what the caller stores and what the page shows. */
export interface ScanEvidence {
  scans: number;
  devices: number;
  provinces: number;
  firstScannedAt: string | null;
  firstScanProvince: string | null;
}

export type ScanCertification =
  | { state: 'certified'; stars: number; decisionNumber: string; validUntil: string }
  | { state: 'expired'; stars: number; decisionNumber: string; validUntil: string; since: string }
  | {
      state: 'revoked';
      stars: number;
      decisionNumber: string;
      validUntil: string;
      since: string;
      reason: string | null;
    }
  | { state: 'uncertified' };

export interface ScanVerdict {
  state: ScanState;
  tone: ScanTone;
  /** Present for an active stamp: the counters including this scan. */
  evidence?: ScanEvidence;
  /** Null only when the serial is unknown, as there is then no product to speak of. */
  certification: ScanCertification | null;
}

function scanCertification(history: CertificationFacts[], today: string): ScanCertification {
  const standing = certificationStanding(history, today);
  if (standing.state === 'uncertified') return { state: 'uncertified' };
  const { stars, decisionNumber, validUntil, statusReason } = standing.certification;
  if (standing.state === 'certified') return { state: 'certified', stars, decisionNumber, validUntil };
  if (standing.reason === 'expired') {
    return { state: 'expired', stars, decisionNumber, validUntil, since: standing.since };
  }
  return { state: 'revoked', stars, decisionNumber, validUntil, since: standing.since, reason: statusReason };
}

/** The stamp's counters with this scan counted. */
export function countScan(
  stamp: ScannedStamp,
  scan: Pick<ScanVerdictInput, 'deviceSeenBefore' | 'newProvince' | 'scannedAt' | 'province'>,
): ScanEvidence {
  const first = stamp.firstScannedAt === null;
  return {
    scans: stamp.scanCount + 1,
    devices: stamp.deviceCount + (scan.deviceSeenBefore ? 0 : 1),
    provinces: stamp.provinceCount + (scan.newProvince ? 1 : 0),
    firstScannedAt: first ? scan.scannedAt : stamp.firstScannedAt,
    firstScanProvince: first ? scan.province : stamp.firstScanProvince,
  };
}

const verdict = (state: ScanState, certification: ScanCertification | null, evidence?: ScanEvidence): ScanVerdict =>
  evidence ? { state, tone: TONES[state], evidence, certification } : { state, tone: TONES[state], certification };

/**
 * The banner for one scan. Only an active stamp's scans are counted, so only it carries evidence.
 * The certification is reported beside every stamp verdict: a lapsed certificate does not make a
 * genuine stamp false, nor does a valid one vouch for a void stamp.
 */
export function scanVerdict(input: ScanVerdictInput): ScanVerdict {
  const { stamp } = input;
  if (!stamp) return verdict('unknown', null);
  const certification = scanCertification(input.certifications, input.today);
  if (stamp.status === 'void') return verdict('void', certification);
  if (stamp.status === 'issued') return verdict('not_activated', certification);

  if (input.isNewScan === false) {
    const evidence = storedEvidence(stamp);
    if (isSuspicious(evidence)) return verdict('suspicious', certification, evidence);
    // At most one counted scan: the one whose page this is, or none yet.
    return verdict(stamp.scanCount <= 1 ? 'genuine_first' : 'genuine_repeat', certification, evidence);
  }

  const evidence = countScan(stamp, input);
  if (isSuspicious(evidence)) return verdict('suspicious', certification, evidence);
  // A device that scanned before implies an earlier scan even if the counters lag behind it.
  const first = stamp.scanCount <= 0 && !input.deviceSeenBefore;
  return verdict(first ? 'genuine_first' : 'genuine_repeat', certification, evidence);
}

const isSuspicious = (evidence: ScanEvidence) =>
  evidence.devices >= SUSPICIOUS_DEVICE_COUNT || evidence.provinces >= SUSPICIOUS_PROVINCE_COUNT;

const storedEvidence = (stamp: ScannedStamp): ScanEvidence => ({
  scans: stamp.scanCount,
  devices: stamp.deviceCount,
  provinces: stamp.provinceCount,
  firstScannedAt: stamp.firstScannedAt,
  firstScanProvince: stamp.firstScanProvince,
});

/** The PIN columns of a stamp row. */
export interface StampPinState {
  pinHmac: string | null;
  pinClaimedAt: string | null;
  pinClaimProvince: string | null;
  pinFailedAttempts: number;
  pinLockedUntil: string | null;
}

export interface PinClaimInput {
  pin: StampPinState;
  /** The HMAC of the PIN the consumer typed equals the stored one. */
  matched: boolean;
  now: Date;
  /** The province the claim comes from, if known. */
  province: string | null;
}

/** Columns the caller writes back; absent when nothing changes. */
export type PinStateUpdate = Partial<
  Pick<StampPinState, 'pinClaimedAt' | 'pinClaimProvince' | 'pinFailedAttempts' | 'pinLockedUntil'>
>;

export type PinClaimDecision =
  | { outcome: 'claimed'; claimedAt: string; update: PinStateUpdate }
  | { outcome: 'already_claimed'; claimedAt: string; province: string | null }
  | { outcome: 'wrong'; remainingAttempts: number; update: PinStateUpdate }
  | { outcome: 'locked'; until: string; update?: PinStateUpdate }
  | { outcome: 'no_pin' };

/**
 * One PIN entry. The first correct entry claims the stamp and every later one is told when and
 * where that happened, which is what reveals a PIN copied from a genuine package. While locked,
 * even the correct PIN is refused, or a lock would not slow a guesser down. The caller must store
 * a claim with a conditional update (pin_claimed_at IS NULL) so two simultaneous first claims
 * cannot both win.
 */
export function pinClaimDecision({ pin, matched, now, province }: PinClaimInput): PinClaimDecision {
  if (pin.pinHmac === null) return { outcome: 'no_pin' };

  const lockedUntil = pin.pinLockedUntil === null ? null : Date.parse(pin.pinLockedUntil);
  if (lockedUntil !== null && lockedUntil > now.getTime()) {
    return { outcome: 'locked', until: new Date(lockedUntil).toISOString() };
  }
  // A lock that has run out starts a fresh count, so the next guesser again gets the full number of tries.
  const failedSoFar = lockedUntil === null ? pin.pinFailedAttempts : 0;

  if (matched) {
    if (pin.pinClaimedAt !== null) {
      return { outcome: 'already_claimed', claimedAt: pin.pinClaimedAt, province: pin.pinClaimProvince };
    }
    const claimedAt = now.toISOString();
    return {
      outcome: 'claimed',
      claimedAt,
      update: { pinClaimedAt: claimedAt, pinClaimProvince: province, pinFailedAttempts: 0, pinLockedUntil: null },
    };
  }

  const failed = failedSoFar + 1;
  if (failed >= PIN_MAX_FAILED_ATTEMPTS) {
    const until = new Date(now.getTime() + PIN_LOCK_MINUTES * 60_000).toISOString();
    return { outcome: 'locked', until, update: { pinFailedAttempts: failed, pinLockedUntil: until } };
  }
  return {
    outcome: 'wrong',
    remainingAttempts: PIN_MAX_FAILED_ATTEMPTS - failed,
    update: { pinFailedAttempts: failed, pinLockedUntil: null },
  };
}
