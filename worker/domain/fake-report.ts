/** A consumer's report of a suspected fake moves from open to confirmed or dismissed by its reviewer. */
import type { fakeReportStatuses } from '../../db/schema';

export type FakeReportStatus = (typeof fakeReportStatuses)[number];
export type ReviewedStatus = Exclude<FakeReportStatus, 'open'>;
