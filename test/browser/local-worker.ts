/**
 * Runs the worker as a real HTTP server (`wrangler dev`) on a local D1 persist
 * dir. Shared by the browser tests and the benchmark, which both need what a
 * visitor gets over the wire rather than the in-runtime test pool.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withLocalSecrets } from '../../db/seed/local-secrets';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

const bin = (name: string) => join(repoRoot, 'node_modules', '.bin', name);

// wrangler 4 needs Node 22, which the `node` devDependency puts in node_modules/.bin.
const childEnv = withLocalSecrets({
  // Miniflare's placeholder Request.cf, rather than one fetched from workers.cloudflare.com on every start.
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  ...process.env,
  PATH: `${join(repoRoot, 'node_modules', '.bin')}:${process.env.PATH ?? ''}`,
  WRANGLER_SEND_METRICS: 'false',
  NO_COLOR: '1',
});

/**
 * Runs a command to completion. Its output is kept quiet unless it fails, or
 * shown as it comes when `showOutput` is set (long runs that report progress).
 */
export async function run(command: string, args: string[], { showOutput = false } = {}): Promise<void> {
  const child = spawn(command, args, { cwd: repoRoot, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    if (showOutput) process.stdout.write(chunk);
    else output += chunk.toString();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}\n${output}`);
}

export interface SeedOptions {
  /** Generated products on top of the demo catalogue. */
  products?: number;
  /** Generated sales points on top of the demo ones. */
  points?: number;
  showOutput?: boolean;
}

/** Migrates and seeds `persistTo` with the project's own seed CLI, which applies the migrations itself. */
export async function seedDatabase(
  persistTo: string,
  { products, points, showOutput }: SeedOptions = {},
): Promise<void> {
  const sizeArgs = [
    ...(products === undefined ? [] : ['--products', String(products)]),
    ...(points === undefined ? [] : ['--points', String(points)]),
  ];
  await run('npm', ['run', '--silent', 'db:seed', '--', '--persist-to', persistTo, ...sizeArgs], { showOutput });
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no TCP port assigned');
  return address.port;
}

export interface LocalWorker {
  baseUrl: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  persistTo: string;
  /** Overrides of wrangler.toml [vars], e.g. to turn the edge cache off. */
  vars?: Record<string, string>;
  readyTimeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Signals the whole process group: wrangler runs workerd as a child, and
 * killing only wrangler would leave workerd holding the port.
 */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

export async function startWorker({
  persistTo,
  vars = {},
  readyTimeoutMs = 90_000,
}: StartOptions): Promise<LocalWorker> {
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const varArgs = Object.entries(vars).flatMap(([key, value]) => ['--var', `${key}:${value}`]);
  const child = spawn(
    bin('wrangler'),
    [
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      // Fixed default 9229 would clash with a second instance or a debugger.
      '--inspector-port',
      String(inspectorPort),
      '--persist-to',
      persistTo,
      '--show-interactive-dev-session=false',
      '--log-level',
      'warn',
      ...varArgs,
    ],
    // Own process group, so stop() can end wrangler and workerd together.
    { cwd: repoRoot, env: childEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

  let exited = child.exitCode !== null;
  const exit = once(child, 'exit').then(() => (exited = true));
  // Last resort if the caller dies without calling stop(): never leave workerd behind.
  const killOnExit = () => signalGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    process.off('exit', killOnExit);
    if (!exited) {
      signalGroup(child, 'SIGTERM');
      await Promise.race([exit, sleep(10_000)]);
    }
    // Whatever survived SIGTERM, including a workerd whose parent already left.
    signalGroup(child, 'SIGKILL');
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (exited) break;
    try {
      const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return { baseUrl, stop };
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  await stop();
  throw new Error(`wrangler dev did not answer ${baseUrl}/health within ${readyTimeoutMs} ms\n${output}`);
}
