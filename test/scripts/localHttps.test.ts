/** The notice `npm start` prints when it serves plain http: one Chinese message fitted to who runs it. */
import { describe, expect, it } from 'vitest';
import { httpsFallbackNotice, localTls, type Runner } from '../../functions/src/server/localHttps.js';

const linux = (isRoot: boolean, hasSudo: boolean): Runner => ({ platform: 'linux', isRoot, hasSudo });

describe('httpsFallbackNotice', () => {
  it.each([
    ['root without sudo', linux(true, false), 'update-ca-certificates', /sudo\s/],
    ['a user with sudo', linux(false, true), 'npx office-addin-dev-certs install', null],
    ['a user without sudo', linux(false, false), '管理员以 root 身份运行', /sudo\s/],
    ['Windows', { platform: 'win32', isRoot: false, hasSudo: false } as Runner, '以管理员身份', /sudo/],
    ['macOS', { platform: 'darwin', isRoot: false, hasSudo: true } as Runner, 'npx office-addin-dev-certs install', /sudo/],
  ])('tells %s what it can run', (_who, runner, command, forbidden) => {
    // Act
    const notice = httpsFallbackNotice(runner);

    // Assess
    expect(notice).toContain(command);
    expect(notice).toContain('改用 http');
    if (forbidden) expect(notice).not.toMatch(forbidden);
    // No English sentence from the certificate tool: only commands and paths are Latin.
    expect(notice).not.toMatch(/Unable|not found|certificate\./i);
  });
});

describe('localTls', () => {
  it('answers plain http with the notice when LOCAL_HTTPS=0', async () => {
    // Act
    const tls = await localTls({ LOCAL_HTTPS: '0' });

    // Assess
    expect(tls).toEqual({ notice: expect.stringContaining('LOCAL_HTTPS=0') });
  });
});
