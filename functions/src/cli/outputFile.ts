/**
 * Where the CLI writes: never onto its input (SPEC §7), also not through a symbolic or hard link
 * or a path that differs only in case on a case-insensitive file system — the same file is
 * recognised by device and inode — and never half-written: a temporary file beside the target
 * is renamed over it.
 */
import { randomBytes } from 'node:crypto';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UsageError } from './parseArgs.js';

/**
 * Refuses a target that is the input file itself.
 * @throws UsageError naming the target
 */
export async function assertNotInput(input: string, target: string): Promise<void> {
  const [source, existing] = await Promise.all([stat(input), stat(target).catch(() => null)]);
  if (existing && existing.dev === source.dev && existing.ino === source.ino) {
    throw new UsageError(`输出文件「${target}」就是输入文件（经由链接或大小写不同的路径）：输入工作簿不会被修改，请另选输出文件`);
  }
}

/** Writes a file atomically: into a temporary file in the same folder, then renamed over the target. */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, data);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
