import { createApiRouter } from '../../lib/openapi';
import { ingestCertificationsHandler } from './certifications.handlers';
import { ingestCertifications } from './certifications.routes';

export const certificationsApi = createApiRouter().openapi(ingestCertifications, ingestCertificationsHandler);
