/**
 * Short-lived download links for stamp print files. A print file may hold scratch PINs, so a
 * link is good for one user, one batch, one file and 15 minutes, and the download still needs
 * that user's session: a link copied into a chat or a browser history is soon worth nothing.
 * The signature itself is made in worker/crypto/print-link.ts.
 */

export const PRINT_LINK_TTL_SECONDS = 15 * 60;

/** A print file's name in a link: a PDF part, the CSV, or one stamp's image. */
export const PRINT_FILE_NAME = /^(?:part-[1-9]\d{0,3}\.pdf|stamps\.csv|[0-9A-HJKMNP-TV-Z]{12}\.(?:svg|png))$/;

export interface PrintLinkClaims {
  userId: number;
  batchId: number;
  file: string;
  /** Unix seconds. */
  expires: number;
  keyVersion: number;
}

export type PrintLinkCheck = 'valid' | 'expired' | 'forged';

export const linkExpiry = (now: Date) => Math.floor(now.getTime() / 1000) + PRINT_LINK_TTL_SECONDS;
