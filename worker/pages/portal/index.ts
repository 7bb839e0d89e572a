/**
 * The producer portal. The whole area is for producer members and
 * administrators; each route then asks producerDataAccess about the object
 * it touches (see scope.ts), so authorisation lives in these two places only.
 */
import { Hono } from 'hono';
import { requireRole, requireUser } from '../../lib/auth';
import type { AppEnv } from '../../lib/context';
import { dashboard } from './dashboard';
import { productEditing } from './products';
import { profile } from './profile';

export const portal = new Hono<AppEnv>();

portal.use('*', requireUser, requireRole('producer_member', 'admin'));
portal.route('/', dashboard);
portal.route('/', productEditing);
portal.route('/', profile);
