/**
 * What a consumer is told on scanning a traceability stamp, and what happens when they enter the
 * scratch-off PIN (DOMAIN.md: traceability and stamps). Pure: the caller reads the stamp, the
 * product's certification history and the clock, then stores what these functions decide.
 */
import type { stampStatuses } from '../../db/schema';
import { certificationStanding, type CertificationFacts } from './certification';

/**
 * Scans from this many distinct devices AND this many distinct networks make a stamp suspicious.
 * One genuine package is scanned by the seller checking stock, the buyer, and perhaps a relative or
 * the person it was given to: four phones is still ordinary. A QR code copied onto fake packages is
 * scanned by every buyer of a copy, so both counts keep climbing past that. Devices alone are a
 * cookie, which one client can drop at will; a network is the client's address (kept only as a
 * daily-salted hash), which it cannot change for free, so one client cannot make a stamp look
 * copied by itself in a day.
 */
export const SUSPICIOUS_DEVICE_COUNT = 5;
export const SUSPICIOUS_NETWORK_COUNT = 5;

/**
 * A stamp scanned in this many provinces or more is suspicious. A package is often bought in one
 * province and carried home to another, and mobile networks often locate a phone at the carrier's
 * gateway (Hà Nội, TP. Hồ Chí Minh) rather than where it is, which can add a spurious one: two is
 * normal, three is the first count one package rarely reaches. The province comes from the
 * client's address, so it is as hard to forge as a network.
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

/**
 * The one answer a scan gets, which the page's banner, the verdict JSON and the linkset all show.
 * docs/SCAN-VERDICT.md tables every combination of stamp, evidence, PIN entry and certification.
 */
export const scanStates = [
  'verified',
  'genuine_first',
  'genuine_repeat',
  'certificate_lapsed',
  'not_certified',
  'pin_copied',
  'suspicious',
  'not_activated',
  'void',
  'unknown',
] as const;
export type ScanState = (typeof scanStates)[number];
export type ScanTone = 'ok' | 'caution' | 'danger';

/**
 * Counts never make a stamp "fake": a suspicious stamp is a caution with its evidence shown. A
 * danger is a stamp the platform did not issue, one withdrawn, or a scratch PIN that was already
 * claimed when this visitor scratched it: the one sign a package in hand is a copy.
 */
const TONES: Record<ScanState, ScanTone> = {
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

/** The stamp row as stored before this scan is counted. */
export interface ScannedStamp {
  status: StampStatus;
  scanCount: number;
  deviceCount: number;
  networkCount: number;
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
  /** This network (the client's address, as today's hash) already has a counted scan of this stamp. */
  networkSeenBefore: boolean;
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
  /** What the scratch PIN this visitor just entered decided, when the answer is to a PIN entry. */
  pin?: PinClaimDecision;
}

/** The stamp's counters once this scan is counted: what the caller stores and what the page shows. */
export interface ScanEvidence {
  scans: number;
  devices: number;
  networks: number;
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
  /** For a copied PIN: when and where it was first claimed. */
  pinClaim?: { claimedAt: string; province: string | null };
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
  scan: Pick<ScanVerdictInput, 'deviceSeenBefore' | 'networkSeenBefore' | 'newProvince' | 'scannedAt' | 'province'>,
): ScanEvidence {
  const first = stamp.firstScannedAt === null;
  return {
    scans: stamp.scanCount + 1,
    devices: stamp.deviceCount + (scan.deviceSeenBefore ? 0 : 1),
    networks: stamp.networkCount + (scan.networkSeenBefore ? 0 : 1),
    provinces: stamp.provinceCount + (scan.newProvince ? 1 : 0),
    firstScannedAt: first ? scan.scannedAt : stamp.firstScannedAt,
    firstScanProvince: first ? scan.province : stamp.firstScanProvince,
  };
}

const storedEvidence = (stamp: ScannedStamp): ScanEvidence => ({
  scans: stamp.scanCount,
  devices: stamp.deviceCount,
  networks: stamp.networkCount,
  provinces: stamp.provinceCount,
  firstScannedAt: stamp.firstScannedAt,
  firstScanProvince: stamp.firstScanProvince,
});

export const isSuspicious = (evidence: Pick<ScanEvidence, 'devices' | 'networks' | 'provinces'>): boolean =>
  (evidence.devices >= SUSPICIOUS_DEVICE_COUNT && evidence.networks >= SUSPICIOUS_NETWORK_COUNT) ||
  evidence.provinces >= SUSPICIOUS_PROVINCE_COUNT;

/**
 * The one answer for one scan, from the stamp, the scans behind it, the PIN this visitor entered
 * and the product's certification together, in this order of precedence:
 * 1. the code is unknown, void or not yet activated: that is all there is to say;
 * 2. the PIN the visitor just scratched was claimed before: the package in hand may be a copy;
 * 3. the scans look like a copied code: a caution with the evidence;
 * 4. the stamp is genuine but the product's certification lapsed, or it never had one: not green;
 * 5. otherwise green: verified by the visitor's own PIN, or genuine on a first or a repeat scan.
 * Only an active stamp's scans are counted, so only it carries evidence.
 */
export function scanVerdict(input: ScanVerdictInput): ScanVerdict {
  const { stamp } = input;
  if (!stamp) return { state: 'unknown', tone: TONES.unknown, certification: null };
  const certification = scanCertification(input.certifications, input.today);
  const answer = (state: ScanState, evidence?: ScanEvidence): ScanVerdict =>
    evidence ? { state, tone: TONES[state], evidence, certification } : { state, tone: TONES[state], certification };
  if (stamp.status === 'void') return answer('void');
  if (stamp.status === 'issued') return answer('not_activated');

  const counted = input.isNewScan !== false;
  const evidence = counted ? countScan(stamp, input) : storedEvidence(stamp);
  const { pin } = input;
  if (pin?.outcome === 'already_claimed') {
    return { ...answer('pin_copied', evidence), pinClaim: { claimedAt: pin.claimedAt, province: pin.province } };
  }
  if (isSuspicious(evidence)) return answer('suspicious', evidence);
  if (certification.state === 'expired' || certification.state === 'revoked') {
    return answer('certificate_lapsed', evidence);
  }
  if (certification.state === 'uncertified') return answer('not_certified', evidence);
  if (pin?.outcome === 'claimed') return answer('verified', evidence);
  // A device that scanned before implies an earlier scan even if the counters lag behind it; an
  // answer that counts nothing is about the one counted scan, the page's own, or none yet.
  const first = counted ? stamp.scanCount <= 0 && !input.deviceSeenBefore : stamp.scanCount <= 1;
  return answer(first ? 'genuine_first' : 'genuine_repeat', evidence);
}

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
