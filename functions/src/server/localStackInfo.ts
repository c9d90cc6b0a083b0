import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What a running `npm start` tells other commands (`npm run users`) about itself. */
export interface LocalStackInfo {
  url: string;
  dynamoEndpoint: string;
  tableName: string;
  pid: number;
}

const FILE = 'local-stack.json';

export async function writeLocalStackInfo(dataDir: string, info: LocalStackInfo): Promise<void> {
  await writeFile(join(dataDir, FILE), JSON.stringify(info, null, 2));
}

/** The running stack's info, or null when none runs (no file, or its process is gone). */
export async function readLocalStackInfo(dataDir: string): Promise<LocalStackInfo | null> {
  let info: LocalStackInfo;
  try {
    info = JSON.parse(await readFile(join(dataDir, FILE), 'utf8')) as LocalStackInfo;
  } catch {
    return null;
  }
  try {
    process.kill(info.pid, 0);
    return info;
  } catch {
    return null;
  }
}

export async function removeLocalStackInfo(dataDir: string): Promise<void> {
  await rm(join(dataDir, FILE), { force: true });
}
