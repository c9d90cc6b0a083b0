import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Grid } from '../../functions/src/domain/types.js';
import { TOWN, exampleGrids, startTestApi, type TestApi } from '../support/localApi.js';

const OTHER_TOWN = '白水镇';
const MONTH_PATH = `/v1/assessments/${TOWN}/2015-04`;
const ACCOUNTS = `/v1/towns/${TOWN}/accounts`;

let api: TestApi;
let grids: Grid[];
/** The access token of this town's 秘书, signed in with a password. */
let secretary: string;

beforeAll(async () => {
  api = await startTestApi();
  grids = await exampleGrids();
  secretary = (await api.signIn('李秘书', '秘书')).accessToken;
});

afterAll(async () => {
  await api?.stop();
});

const login = (name: string, password: string) => api.call('POST', '/v1/auth/login', { json: { login: name, password } });

describe('POST /v1/auth/login', () => {
  it('signs a new account in with its one-time password and asks for a new password', async () => {
    // Prepare
    const oneTime = await api.createAccount('张组长', '组长');

    // Act
    const answer = await login('张组长', oneTime);

    // Assess
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 3600,
      mustChangePassword: true,
      user: { login: '张组长', name: '张组长', role: '组长', town: TOWN },
    });
    expect(answer.body.refreshToken).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(decodeProtectedHeader(answer.body.accessToken).alg).toBe('RS256');
  });

  it('answers an unknown login name exactly like a wrong password', async () => {
    // Prepare
    await api.createAccount('王会计', '组长');

    // Act
    const wrong = await login('王会计', 'not-the-password1');
    const unknown = await login('没有这个人', 'not-the-password1');

    // Assess
    expect(unknown.status).toBe(401);
    expect([unknown.status, unknown.body]).toEqual([wrong.status, wrong.body]);
    expect(unknown.body).toEqual({
      code: 'invalid_credentials',
      message: '登录名或密码不正确。再输错 4 次，账号将锁定 15 分钟。',
      attemptsLeft: 4,
    });
  });

  it('locks the login name after 5 wrong passwords in a row, the correct one included, with the minutes left', async () => {
    // Prepare
    const oneTime = await api.createAccount('赵锁定', '组长');

    // Act
    const wrong = [];
    for (let i = 0; i < 5; i += 1) wrong.push(await login('赵锁定', `wrong-${i}-password`));
    const correct = await login('赵锁定', oneTime);

    // Assess
    expect(wrong.map((a) => a.status)).toEqual([401, 401, 401, 401, 423]);
    expect(wrong.slice(0, 4).map((a) => a.body.attemptsLeft)).toEqual([4, 3, 2, 1]);
    expect([correct.status, correct.body]).toEqual([
      423,
      { code: 'account_locked', message: '密码连续输错 5 次，账号已锁定，请 15 分钟后再试。', minutesLeft: 15 },
    ]);
  });
});

describe('an account that must change its password', () => {
  it('may call nothing but the password change, then works with the new password only', async () => {
    // Prepare
    const oneTime = await api.createAccount('孙新人', '秘书');
    const first = (await login('孙新人', oneTime)).body;

    // Act
    const blocked = await Promise.all([
      api.call('GET', MONTH_PATH, { token: first.accessToken }),
      api.call('POST', '/v1/assessments/compute', { token: first.accessToken, json: { town: TOWN, grids } }),
      api.call('GET', ACCOUNTS, { token: first.accessToken }),
    ]);
    const weak = await api.call('POST', '/v1/auth/password', { token: first.accessToken, json: { currentPassword: oneTime, newPassword: 'short1' } });
    const changed = await api.call('POST', '/v1/auth/password', {
      token: first.accessToken,
      json: { currentPassword: oneTime, newPassword: 'Nongye2015' },
    });
    const afterChange = await api.call('GET', ACCOUNTS, { token: first.accessToken });
    const oldPassword = await login('孙新人', oneTime);
    const newPassword = await login('孙新人', 'Nongye2015');
    const oldRefresh = await api.call('POST', '/v1/auth/refresh', { json: { refreshToken: first.refreshToken } });

    // Assess
    expect(blocked.map((a) => [a.status, a.body.code])).toEqual(Array(3).fill([403, 'password_change_required']));
    expect(blocked[0]?.body.message).toBe('首次登录或密码已被重置，请先修改密码。');
    expect([weak.status, weak.body.code, weak.body.message]).toEqual([422, 'weak_password', '新密码至少 8 个字符。']);
    expect([changed.status, changed.body]).toEqual([
      200,
      { user: { login: '孙新人', name: '孙新人', role: '秘书', town: TOWN }, mustChangePassword: false },
    ]);
    expect(afterChange.status).toBe(200);
    expect(oldPassword.status).toBe(401);
    expect([newPassword.status, newPassword.body.mustChangePassword]).toEqual([200, false]);
    expect([oldRefresh.status, oldRefresh.body.code]).toEqual([401, 'invalid_refresh_token']);
  });
});

describe('refresh tokens', () => {
  it('rotate at every refresh, and a spent one presented again revokes the whole sign-in', async () => {
    // Prepare
    const first = await api.signIn('周轮换', '组长');

    // Act
    const second = await api.call('POST', '/v1/auth/refresh', { json: { refreshToken: first.refreshToken } });
    const third = await api.call('POST', '/v1/auth/refresh', { json: { refreshToken: second.body.refreshToken } });
    const replay = await api.call('POST', '/v1/auth/refresh', { json: { refreshToken: first.refreshToken } });
    const afterReplay = await api.call('POST', '/v1/auth/refresh', { json: { refreshToken: third.body.refreshToken } });

    // Assess
    expect([second.status, third.status]).toEqual([200, 200]);
    expect(new Set([first.refreshToken, second.body.refreshToken, third.body.refreshToken]).size).toBe(3);
    expect(third.body.user).toEqual({ login: '周轮换', name: '周轮换', role: '组长', town: TOWN });
    expect([replay.status, replay.body.code]).toEqual([401, 'refresh_token_reused']);
    expect([afterReplay.status, afterReplay.body.code]).toEqual([401, 'invalid_refresh_token']);
  });

  it('are revoked by sign-out and by a password reset', async () => {
    // Prepare
    const leaving = await api.signIn('吴退出', '组长');
    const resetOne = await api.signIn('郑重置', '组长');

    // Act
    const logout = await api.call('POST', '/v1/auth/logout', { token: leaving.accessToken, json: { refreshToken: leaving.refreshToken } });
    const afterLogout = await api.call('POST', '/v1/auth/refresh', { json: { refreshToken: leaving.refreshToken } });
    const reset = await api.call('POST', `${ACCOUNTS}/郑重置/reset`, { token: secretary });
    const afterReset = await api.call('POST', '/v1/auth/refresh', { json: { refreshToken: resetOne.refreshToken } });
    const oldAccess = await api.call('GET', MONTH_PATH, { token: resetOne.accessToken });
    const withOneTime = await login('郑重置', reset.body.oneTimePassword);

    // Assess
    expect([logout.status, logout.body]).toEqual([204, null]);
    expect([afterLogout.status, afterLogout.body.code]).toEqual([401, 'invalid_refresh_token']);
    expect(reset.status).toBe(200);
    expect(reset.body.account).toMatchObject({ login: '郑重置', state: 'must_change_password' });
    expect(reset.body.oneTimePassword).toMatch(/^[A-Za-z2-9]{12}$/);
    expect([afterReset.status, afterReset.body.code]).toEqual([401, 'invalid_refresh_token']);
    expect([oldAccess.status, oldAccess.body.code]).toEqual([403, 'password_change_required']);
    expect([withOneTime.status, withOneTime.body.mustChangePassword]).toEqual([200, true]);
  });
});

describe('account management', () => {
  it('lets the town’s 秘书 create an account whose one-time password is shown once', async () => {
    // Act
    const created = await api.call('POST', ACCOUNTS, { token: secretary, json: { login: '钱组长', name: '钱多多', role: '组长' } });
    const again = await api.call('POST', ACCOUNTS, { token: secretary, json: { login: '钱组长', role: '组长' } });
    const listed = await api.call('GET', ACCOUNTS, { token: secretary });
    const signIn = await login('钱组长', created.body.oneTimePassword);

    // Assess
    expect(created.status).toBe(201);
    expect(created.body.account).toEqual({
      login: '钱组长',
      name: '钱多多',
      role: '组长',
      town: TOWN,
      state: 'must_change_password',
      lockedMinutesLeft: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      updatedBy: '李秘书',
    });
    expect([again.status, again.body.code]).toEqual([409, 'account_exists']);
    const entry = listed.body.accounts.find((a: { login: string }) => a.login === '钱组长');
    expect(entry).toEqual(created.body.account);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.oneTimePassword);
    expect(JSON.stringify(listed.body)).not.toContain('scrypt');
    expect(signIn.status).toBe(200);
  });

  it('refuses a disabled account, with its old token and with its correct password, until enabled', async () => {
    // Prepare
    const member = await api.signIn('冯停用', '组长');

    // Act
    const disabled = await api.call('POST', `${ACCOUNTS}/冯停用/disable`, { token: secretary });
    const oldToken = await api.call('GET', MONTH_PATH, { token: member.accessToken });
    const correct = await login('冯停用', 'Passw0rd-新');
    const wrong = await login('冯停用', 'Passw0rd-旧');
    const self = await api.call('POST', `${ACCOUNTS}/李秘书/disable`, { token: secretary });
    const enabled = await api.call('POST', `${ACCOUNTS}/冯停用/enable`, { token: secretary });
    const again = await login('冯停用', 'Passw0rd-新');

    // Assess
    expect([disabled.status, disabled.body.account.state]).toEqual([200, 'disabled']);
    expect([oldToken.status, oldToken.body.code]).toEqual([403, 'account_disabled']);
    expect([correct.status, correct.body.code, correct.body.message]).toEqual([403, 'account_disabled', '账号已停用，请联系本镇秘书。']);
    expect([wrong.status, wrong.body.code]).toEqual([401, 'invalid_credentials']);
    expect([self.status, self.body.code]).toEqual([409, 'cannot_disable_self']);
    expect([enabled.status, enabled.body.account.state]).toEqual([200, 'active']);
    expect([again.status, again.body.mustChangePassword]).toEqual([200, false]);
  });

  it('is refused to a 秘书 of another town and to a 组长', async () => {
    // Prepare
    const stranger = (await api.signIn('外镇秘书', '秘书', OTHER_TOWN)).accessToken;
    const leader = (await api.signIn('陈组长', '组长')).accessToken;

    // Act
    const answers = await Promise.all([
      api.call('GET', ACCOUNTS, { token: stranger }),
      api.call('POST', ACCOUNTS, { token: stranger, json: { login: '外人', role: '秘书' } }),
      api.call('POST', `${ACCOUNTS}/陈组长/reset`, { token: stranger }),
      api.call('POST', `${ACCOUNTS}/陈组长/disable`, { token: stranger }),
      api.call('GET', `/v1/towns/${TOWN}/audit`, { token: stranger }),
    ]);
    const leaderLists = await api.call('GET', ACCOUNTS, { token: leader });
    const otherTownsAccount = await api.call('POST', `/v1/towns/${OTHER_TOWN}/accounts/陈组长/reset`, { token: stranger });

    // Assess
    expect(answers.map((a) => [a.status, a.body.code])).toEqual(Array(5).fill([403, 'forbidden_town']));
    expect(answers[0]?.body.message).toBe(`您属于「${OTHER_TOWN}」，无权访问「${TOWN}」的账号。`);
    expect([leaderLists.status, leaderLists.body.code, leaderLists.body.message]).toEqual([
      403,
      'forbidden_role',
      '您的角色「组长」无权管理本镇账号，只有秘书可以管理本镇账号。',
    ]);
    expect([otherTownsAccount.status, otherTownsAccount.body.code]).toEqual([404, 'account_not_found']);
  });

  it('writes sign-ins, failures and account changes with who, when and from where into the town’s audit trail', async () => {
    // Prepare
    const oneTime = await api.createAccount('蒋审计', '组长');
    await login('蒋审计', 'wrong-password-1');
    await login('蒋审计', oneTime);
    await api.call('POST', `${ACCOUNTS}/蒋审计/reset`, { token: secretary });

    // Act
    const trail = await api.call('GET', `/v1/towns/${TOWN}/audit?limit=500`, { token: secretary });
    const tooMany = await api.call('GET', `/v1/towns/${TOWN}/audit?limit=501`, { token: secretary });

    // Assess
    const mine = trail.body.entries.filter((e: { login: string }) => e.login === '蒋审计');
    expect(mine.map((e: { action: string; actor: string }) => [e.action, e.actor])).toEqual([
      ['password_reset', '李秘书'],
      ['login_success', '蒋审计'],
      ['login_failure', '蒋审计'],
      ['account_create', 'test'],
    ]);
    expect(mine.slice(0, 3).every((e: { sourceIp: string }) => /^(::ffff:)?127\.0\.0\.1$|^::1$/.test(e.sourceIp))).toBe(true);
    expect(JSON.stringify(trail.body)).not.toContain(oneTime);
    expect([tooMany.status, tooMany.body.code]).toEqual([422, 'invalid_request']);
  });
});

describe('a 组长 signed in with a password', () => {
  it('cannot compute or finalise', async () => {
    // Prepare
    const leader = (await api.signIn('褚组长', '组长')).accessToken;

    // Act
    const computes = await api.call('POST', '/v1/assessments/compute', { token: leader, json: { town: TOWN, grids } });
    const finalizes = await api.call('POST', `${MONTH_PATH}/finalize`, { token: leader });
    const validates = await api.call('POST', '/v1/assessments/validate', { token: leader, json: { town: TOWN, grids } });

    // Assess
    expect([computes.status, computes.body.code, computes.body.message]).toEqual([
      403,
      'forbidden_role',
      '您的角色「组长」无权计算考核，只有秘书可以计算考核。',
    ]);
    expect([finalizes.status, finalizes.body.code]).toEqual([403, 'forbidden_role']);
    expect(validates.status).toBe(200);
  });
});

describe('GET /.well-known/openid-configuration and jwks.json', () => {
  it('publish the key a signed-in token verifies against with jose, as the JWT authorizer checks it', async () => {
    // Prepare
    const { accessToken } = await api.signIn('卫验证', '组长');

    // Act
    const discovery = await api.call('GET', '/.well-known/openid-configuration');
    const keys = createRemoteJWKSet(new URL(discovery.body.jwks_uri));
    const { payload, protectedHeader } = await jwtVerify(accessToken, keys, {
      issuer: discovery.body.issuer,
      audience: 'mubiao-kaohe',
      algorithms: ['RS256'],
      requiredClaims: ['exp', 'iat', 'jti', 'sub'],
    });
    // Settled at once so neither rejection is ever left unhandled while the other is awaited.
    const [foreign, tampered] = await Promise.allSettled([
      jwtVerify(accessToken, keys, { issuer: 'https://login.microsoftonline.com/x/v2.0', audience: 'mubiao-kaohe' }),
      jwtVerify(`${accessToken.slice(0, -4)}AAAA`, keys, { issuer: discovery.body.issuer, audience: 'mubiao-kaohe' }),
    ]);

    // Assess
    expect(discovery.body).toEqual({
      issuer: api.stack.url,
      jwks_uri: `${api.stack.url}/.well-known/jwks.json`,
      response_types_supported: ['token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
    });
    expect(payload.sub).toBe('卫验证');
    expect(payload.exp! - payload.iat!).toBe(3600);
    expect(protectedHeader.kid).toEqual(expect.any(String));
    expect(payload).not.toHaveProperty('role');
    expect(foreign).toMatchObject({ status: 'rejected', reason: { code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'iss' } });
    expect(tampered).toMatchObject({ status: 'rejected', reason: { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' } });
  });
});
