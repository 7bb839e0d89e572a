/**
 * The producer portal. The whole area is for producer members and
 * administrators; each route then asks producerDataAccess about the object
 * it touches (see scope.ts), so authorisation lives in these two places only.
 */
import { Hono } from 'hono';
import { requireRole, requireUser } from '../../lib/auth';
import type { AppEnv } from '../../lib/context';
import { dashboard } from './dashboard';
import { fairApplicationPages } from './fairs';
import { fakeReportPages } from './fake-reports';
import { lotPages } from './lots';
import { orderFulfilment } from './orders';
import { productEditing } from './products';
import { profile } from './profile';
import { salesPointPortal } from './sales-points';
import { scanStatsPages } from './scan-stats';
import { shippingRules } from './shipping';
import { stampBatchPages } from './stamp-batches';

export const portal = new Hono<AppEnv>();

portal.use('*', requireUser, requireRole('producer_member', 'admin'));
portal.route('/', dashboard);
portal.route('/', orderFulfilment);
portal.route('/', shippingRules);
portal.route('/', productEditing);
portal.route('/', profile);
portal.route('/', lotPages);
portal.route('/', stampBatchPages);
portal.route('/', fakeReportPages);
portal.route('/', scanStatsPages);
portal.route('/', salesPointPortal);
portal.route('/', fairApplicationPages);
