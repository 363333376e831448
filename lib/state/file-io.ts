import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Node's errors carry a `code`; everything else (and a missing code) is `undefined`. */
export function errnoCode(err: unknown): string | undefined {
  if (err instanceof Error && 'code' in err && typeof err.code === 'string') return err.code;
  return undefined;
}

/** A name no other process or call picks: pid plus randomness. */
export function uniqueSuffix(): string {
  return `${process.pid}-${randomBytes(6).toString('hex')}`;
}

/** The bytes of `path`, or `null` when it does not exist. */
export async function readFileIfExists(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return null;
    throw err;
  }
}

export async function unlinkIfExists(path: string): Promise<boolean> {
  try {
    await unlink(path);
    return true;
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return false;
    throw err;
  }
}

export async function ensureDirectory(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
}

/** Make a rename or link in `dir` durable. Some platforms cannot fsync a directory; that is not an error there. */
export async function fsyncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (err) {
    const code = errnoCode(err);
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM' && code !== 'EBADF') throw err;
  } finally {
    await handle?.close();
  }
}

/** Write `bytes` to a new file at `path` (which must not exist), flushed to disk when `durable`. */
async function writeNewFile(path: string, bytes: Buffer, durable: boolean): Promise<void> {
  const handle = await open(path, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    if (durable) await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Replace `path` with `bytes` so that a reader sees either the old or the new content, never a mix, and a crash
 * leaves at worst a stray temp file next to it. The temp file lives in the same directory (rename is atomic only
 * within one file system). `durable` flushes the file and the directory, so the new content survives a power loss.
 */
export async function replaceFileAtomically(
  path: string,
  bytes: Buffer,
  tempPath: string,
  durable = true,
): Promise<void> {
  try {
    await writeNewFile(tempPath, bytes, durable);
    await rename(tempPath, path);
  } catch (err) {
    await unlinkIfExists(tempPath).catch(() => undefined);
    throw err;
  }
  if (durable) await fsyncDirectory(dirname(path));
}

/**
 * Create `path` with `bytes` only if it does not exist yet; `false` when it already did. The content is complete
 * the moment the name appears (written to a temp file first, then hard-linked, which fails if the name exists), so
 * a reader never sees a half-written lock. Not flushed to disk: locks need not survive a power loss, which ends
 * their holders too.
 */
export async function createFileExclusively(path: string, bytes: Buffer): Promise<boolean> {
  const tempPath = `${path}.tmp-${uniqueSuffix()}`;
  await writeNewFile(tempPath, bytes, false);
  try {
    await link(tempPath, path);
  } catch (err) {
    if (errnoCode(err) === 'EEXIST') return false;
    throw err;
  } finally {
    await unlinkIfExists(tempPath).catch(() => undefined);
  }
  return true;
}
