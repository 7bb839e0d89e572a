/**
 * The layer rules of eslint.config.js really fire: one file per layer that breaks its rule, linted
 * as if it lived in that layer, must be reported, and one that keeps to it must not. A zone that a
 * refactor quietly empties (a renamed folder, a wrong glob) fails here.
 */
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

/** The rule ids reported for `code` placed at `file` (the file need not exist). */
async function reported(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return result!.messages.map((message) => message.ruleId ?? message.message);
}

const cases: { layer: string; file: string; breaks: string; keeps: string }[] = [
  {
    layer: 'domain imports nothing with I/O',
    file: 'worker/domain/fixture-rule.ts',
    breaks: "import { createDb } from '../data/db';\nexport const x = createDb;\n",
    keeps: "import { formatVnd } from './money';\nexport const x = formatVnd;\n",
  },
  {
    layer: 'domain reads only types from the schema',
    file: 'worker/domain/fixture-schema.ts',
    breaks: "import { products } from '../../db/schema';\nexport const x = products;\n",
    keeps: "import type { userRoles } from '../../db/schema';\nexport type X = (typeof userRoles)[number];\n",
  },
  {
    layer: 'web imports no worker data or services',
    file: 'web/components/FixtureCard.tsx',
    breaks: "import { listUsers } from '../../worker/data/users';\nexport const x = listUsers;\n",
    keeps: "import type { Role } from '../../worker/domain/policy';\nexport type X = Role;\n",
  },
  {
    layer: 'web imports no services',
    file: 'web/pages/FixturePage.tsx',
    breaks: "import { signIn } from '../../worker/services/sign-in';\nexport const x = signIn;\n",
    keeps: "import { localHref } from '../href';\nexport const x = localHref;\n",
  },
  {
    layer: 'data imports no routes',
    file: 'worker/data/fixture-aggregate.ts',
    breaks: "import { scan } from '../pages/scan';\nexport const x = scan;\n",
    keeps: "import { auditStatement } from './audit';\nexport const x = auditStatement;\n",
  },
  {
    layer: 'data calls up into no service',
    file: 'worker/data/fixture-service-call.ts',
    breaks: "import { signIn } from '../services/sign-in';\nexport const x = signIn;\n",
    keeps: "import { sha256Hex } from '../crypto/digest';\nexport const x = sha256Hex;\n",
  },
  {
    layer: 'services know nothing of routes or HTTP helpers',
    file: 'worker/services/fixture-feature.ts',
    breaks: "import { readForm } from '../lib/form-body';\nexport const x = readForm;\n",
    keeps: "import { createLot } from '../data/lots';\nexport const x = createLot;\n",
  },
  {
    layer: 'storage knows nothing of the layers above',
    file: 'worker/storage/fixture-bucket.ts',
    breaks: "import { createLot } from '../data/lots';\nexport const x = createLot;\n",
    keeps: "import { randomUuid } from '../crypto/random';\nexport const x = randomUuid;\n",
  },
  {
    layer: 'presenters do no I/O',
    file: 'worker/presenters/fixture-view.ts',
    breaks: "import { putProductPhoto } from '../storage/media-bucket';\nexport const x = putProductPhoto;\n",
    keeps: "import { formatInstant } from '../domain/time';\nexport const x = formatInstant;\n",
  },
  {
    layer: 'a route file never imports another route file',
    file: 'worker/pages/portal/fixture-route.tsx',
    breaks: "import { lotPages } from './lots';\nexport const x = lotPages;\n",
    keeps: "import { signedInUser } from './scope';\nexport const x = signedInUser;\n",
  },
];

describe('layer boundaries (eslint.config.js)', () => {
  it.each(cases)('$layer', async ({ file, breaks, keeps }) => {
    const broken = await reported(file, breaks);
    expect(broken.some((rule) => /no-restricted-(paths|imports)$/.test(rule))).toBe(true);
    expect(await reported(file, keeps)).toEqual([]);
  });
});
