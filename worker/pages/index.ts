/** Server-rendered pages. Each route: validate input, call data and domain, render a web/ component. */
import { Hono } from 'hono';
import type { AppEnv } from '../lib/context';
import { admin } from './admin';
import { adminAudit } from './admin-audit';
import { adminCertifications } from './admin-certifications';
import { adminFairs } from './admin-fairs';
import { adminFakeReports } from './admin-fake-reports';
import { adminSalesPoints } from './admin-sales-points';
import { adminOrders } from './admin-orders';
import { adminTokens } from './admin-tokens';
import { apiDocs } from './api-docs';
import { auth } from './auth';
import { cart } from './cart';
import { checkout } from './checkout';
import { health } from './health';
import { home } from './home';
import { images } from './images';
import { media } from './media';
import { orderPages } from './orders';
import { portal } from './portal';
import { invitationRoutes } from './invitations';
import { producers } from './producers';
import { salesPointPages } from './sales-points';
import { fairPages } from './fairs';
import { products } from './products';
import { scan } from './scan';
import { seo } from './seo';

export const pages = new Hono<AppEnv>();

// First: stamp URLs (/01/…, /T/…) are printed on packages and must never be shadowed by a later route.
pages.route('/', scan);

pages.route('/', health);
pages.route('/', auth);
pages.route('/', admin);
pages.route('/', adminTokens);
pages.route('/', adminAudit);
pages.route('/', adminCertifications);
pages.route('/', adminFakeReports);
pages.route('/', adminSalesPoints);
pages.route('/', adminFairs);
pages.route('/', adminOrders);
pages.route('/', invitationRoutes);
pages.route('/', home);
pages.route('/', products);
pages.route('/', cart);
pages.route('/', checkout);
pages.route('/', orderPages);
pages.route('/', producers);
pages.route('/', salesPointPages);
pages.route('/', fairPages);
pages.route('/', seo);
pages.route('/', apiDocs);
pages.route('/', images);
pages.route('/', media);
pages.route('/portal', portal);
