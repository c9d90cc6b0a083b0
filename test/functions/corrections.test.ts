import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Grid } from '../../functions/src/domain/types.js';
import { TOWN, startTownApi } from '../support/localApi.js';

const APRIL = `/v1/assessments/${TOWN}/2015-04`;
const SCORES = '对村考核-计生组';

let local: Awaited<ReturnType<typeof startTownApi>>;

beforeAll(async () => {
  local = await startTownApi();
});

afterAll(async () => {
  await local?.api.stop();
});

/** The workbook with one cell changed (`row` is the sheet row, 1-based; `column` 0-based). */
function edited(workbook: Grid[], sheet: string, row: number, column: number, value: unknown): Grid[] {
  const copy = structuredClone(workbook);
  copy.find((grid) => grid.name === sheet)!.values[row - 1]![column] = value;
  return copy;
}

const compute = (token: string, workbook: Grid[], town = TOWN, month?: string) =>
  local.api.call('POST', '/v1/assessments/compute', { token, json: { town, month, grids: workbook } });

const sectionOf = (bulletin: string[]) => bulletin.slice(bulletin.findIndex((line) => line.endsWith('、更正说明')));

describe('the 定稿 lock over every input of the month', () => {
  it('refuses April computed with 村基础分 50 after its 定稿 with 100, naming the 参数 cell', async () => {
    // Prepare
    await compute(local.tokens.秘书, local.grids);
    await local.api.call('POST', `${APRIL}/finalize`, { token: local.tokens.书记 });
    const finalized = await local.api.call('GET', APRIL, { token: local.tokens.书记 });

    // Act
    const answer = await compute(local.tokens.秘书, edited(local.grids, '参数', 5, 1, 50));
    const april = await local.api.call('GET', APRIL, { token: local.tokens.书记 });

    // Assess
    expect([answer.status, answer.body.code]).toEqual([409, 'finalized_month_changed']);
    expect(answer.body.issues).toEqual([
      {
        sheet: '参数',
        cell: 'B5',
        severity: 'error',
        code: 'finalized_month_changed',
        message: '2015年4月已定稿，「参数」中「村基础分」的值在定稿后被修改：原为「100」，现为「50」。定稿后的数据不能更改。',
      },
    ]);
    expect(answer.body.message).toContain('参数!B5');
    expect([april.body.state, april.body.version, april.body.runId]).toEqual(['final', 1, finalized.body.runId]);
    expect(april.body.result).toEqual(finalized.body.result);
  });
});

describe('a correction (更正) of a finalised month', () => {
  it('runs open → compute with the fixed entry → approval → version 2, keeps version 1 readable and shows the diff', async () => {
    // Prepare: April is final (above); its row 57 of 对村考核-计生组 is 大坪村 JS-03 −0.5, which should have been −0.2
    const before = await local.api.call('GET', APRIL, { token: local.tokens.书记 });
    const fixed = edited(local.grids, SCORES, 57, 3, -0.2);
    const reason = '大坪村 4月1日 术后随访扣分录错，应为 -0.2';

    // Act
    const opened = await local.api.call('POST', `${APRIL}/corrections`, { token: local.tokens.秘书, json: { reason } });
    const tooEarly = await local.api.call('POST', `${APRIL}/finalize`, { token: local.tokens.书记 });
    const draft = await compute(local.tokens.秘书, fixed);
    const pending = await local.api.call('GET', APRIL, { token: local.tokens.镇长 });
    const approved = await local.api.call('POST', `${APRIL}/finalize`, { token: local.tokens.书记 });
    const v1 = await local.api.call('GET', `${APRIL}?version=1`, { token: local.tokens.组长 });
    const v2 = await local.api.call('GET', APRIL, { token: local.tokens.组长 });
    const history = await local.api.call('GET', `/v1/assessments/${TOWN}/history?year=2015`, { token: local.tokens.组长 });
    const relocked = await compute(local.tokens.秘书, local.grids);

    // Assess
    expect([opened.status, opened.body.state, opened.body.version, opened.body.correction.reason]).toEqual([201, 'correcting', 2, reason]);
    expect([tooEarly.status, tooEarly.body.code]).toEqual([409, 'correction_not_computed']);
    expect([draft.status, draft.body.status, draft.body.version, draft.body.correcting]).toEqual([200, 'ok', 2, true]);
    expect(sectionOf(draft.body.result.bulletin)).toContain('批准：尚待书记或镇长批准，批准前本结果为草稿。');
    expect(pending.body.state).toBe('correcting');
    expect(pending.body.correction.diff.entries).toEqual([
      { months: ['2015-04'], sheet: SCORES, cell: 'D57', kind: 'edited', subject: null, label: null, old: '-0.5', new: '-0.2', row: expect.stringContaining('大坪村'), rowNumber: 57 },
    ]);
    const daping = (r: { villages: { village: string; monthScore: number; monthRank: number }[] }) => r.villages.find((v) => v.village === '大坪村')!;
    const oldDaping = daping(before.body.result);
    expect(pending.body.correction.diff.villages.find((v: { village: string }) => v.village === '大坪村')).toMatchObject({
      before: { monthScore: oldDaping.monthScore },
      after: { monthScore: oldDaping.monthScore + 0.3 },
      changed: true,
    });

    expect([approved.status, approved.body.version, approved.body.runId]).toEqual([201, 2, draft.body.runId]);
    expect([v1.status, v1.body.version, v1.body.runId]).toEqual([200, 1, before.body.runId]);
    expect(v1.body.result).toEqual(before.body.result);
    expect(v1.body.result.bulletin.some((line: string) => line.endsWith('更正说明'))).toBe(false);
    expect([v2.body.state, v2.body.version, v2.body.runId]).toEqual(['final', 2, draft.body.runId]);
    expect(daping(v2.body.result).monthScore).toBeCloseTo(oldDaping.monthScore + 0.3, 2);
    const note = sectionOf(v2.body.result.bulletin);
    expect(note[0]).toMatch(/^[一二三四五六七八九十]+、更正说明$/u);
    expect(note).toContain('本月考核结果在定稿后经更正，现为第 2 版，第 1 版同时作废。');
    expect(note.some((line) => line.startsWith(`申请：秘书 secretary-1，`) && line.endsWith(`原因：${reason}`))).toBe(true);
    expect(note.some((line) => line.startsWith('批准：书记 chief-1，'))).toBe(true);
    expect(note).toContain(`${SCORES}!D57：原为「-0.5」，现为「-0.2」。`);
    expect(note.some((line) => line.startsWith(`大坪村：本月得分 ${oldDaping.monthScore.toFixed(2)} → ${(oldDaping.monthScore + 0.3).toFixed(2)}`))).toBe(true);

    const april = history.body.months.find((m: { month: string }) => m.month === '2015-04');
    expect(april.versions.map((v: { version: number; correction: unknown }) => [v.version, v.correction === null])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(april.versions[1].correction).toMatchObject({ reason, openedBy: 'secretary-1', openedByRole: '秘书', approvedBy: 'chief-1', approvedByRole: '书记' });
    expect(april.versions[1].correction.diff.entries.map((e: { cell: string }) => e.cell)).toEqual(['D57']);
    expect(april.versions[1].correction.diff.villages.filter((v: { changed: boolean }) => v.changed).map((v: { village: string }) => v.village)).toContain('大坪村');

    expect([relocked.status, relocked.body.issues.map((i: { cell: string }) => i.cell)]).toEqual([409, ['D57']]);
    const actions = v2.body.audit.map((e: { action: string }) => e.action);
    expect(actions).toContain('correction_open');
    expect(actions.filter((a: string) => a === 'correction_approve')).toHaveLength(1);
  });

  it('lets only a 秘书 open a correction, with a reason, and only 书记 or 镇长 approve it', async () => {
    // Prepare: March is finalised; April (final, version 2 above) includes March in its year to date
    const current = edited(local.grids, SCORES, 57, 3, -0.2);
    await compute(local.tokens.秘书, current, TOWN, '2015-03');
    await local.api.call('POST', `/v1/assessments/${TOWN}/2015-03/finalize`, { token: local.tokens.秘书 });

    // Act
    const byLeader = await local.api.call('POST', `${APRIL}/corrections`, { token: local.tokens.组长, json: { reason: '组长想改' } });
    const byChief = await local.api.call('POST', `${APRIL}/corrections`, { token: local.tokens.书记, json: { reason: '书记想改' } });
    const noReason = await local.api.call('POST', `${APRIL}/corrections`, { token: local.tokens.秘书, json: { reason: '  ' } });
    const march = await local.api.call('POST', `/v1/assessments/${TOWN}/2015-03/corrections`, { token: local.tokens.秘书, json: { reason: '三月有误' } });
    const opened = await local.api.call('POST', `${APRIL}/corrections`, { token: local.tokens.秘书, json: { reason: '再次核对' } });
    const twice = await local.api.call('POST', `${APRIL}/corrections`, { token: local.tokens.秘书, json: { reason: '再开一次' } });
    await compute(local.tokens.秘书, edited(local.grids, SCORES, 57, 3, -0.3));
    const bySecretary = await local.api.call('POST', `${APRIL}/finalize`, { token: local.tokens.秘书 });
    const state = await local.api.call('GET', APRIL, { token: local.tokens.秘书 });

    // Assess
    expect([byLeader.status, byLeader.body.code]).toEqual([403, 'forbidden_role']);
    expect(byLeader.body.message).toBe('您的角色「组长」无权申请更正，只有秘书可以申请更正。');
    expect([byChief.status, byChief.body.code]).toEqual([403, 'forbidden_role']);
    expect([noReason.status, noReason.body.message]).toEqual([422, expect.stringContaining('请填写更正原因')]);
    expect([march.status, march.body.code, march.body.laterMonths]).toEqual([409, 'later_month_final', ['2015-04']]);
    expect(opened.status).toBe(201);
    expect(opened.body.version).toBe(3);
    expect([twice.status, twice.body.code]).toEqual([409, 'correction_open']);
    expect([bySecretary.status, bySecretary.body.code]).toEqual([403, 'approval_required']);
    expect(bySecretary.body.message).toContain('更正须由书记或镇长批准');
    expect([state.body.state, state.body.version]).toEqual(['correcting', 2]);
  });

  it('makes one version of concurrent approvals by 书记 and 镇长, answering every call alike', async () => {
    // Prepare: another town, so the month above is not disturbed
    const other = '白水镇';
    const path = `/v1/assessments/${other}/2015-04`;
    const [clerk, head, deputy] = await Promise.all([local.api.user('bs-secretary', '秘书', other), local.api.user('bs-chief', '书记', other), local.api.user('bs-mayor', '镇长', other)]);
    const workbook = edited(local.grids, '参数', 2, 1, other);
    await compute(clerk, workbook, other);
    await local.api.call('POST', `${path}/finalize`, { token: head });
    await local.api.call('POST', `${path}/corrections`, { token: clerk, json: { reason: '大坪村扣分有误' } });
    await compute(clerk, edited(workbook, SCORES, 57, 3, -0.2), other);

    // Act
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => local.api.call('POST', `${path}/finalize`, { token: i % 2 === 0 ? head : deputy })));
    const month = await local.api.call('GET', path, { token: head });

    // Assess
    expect(answers.filter((a) => a.status !== 200 && a.status !== 201).map((a) => a.body)).toEqual([]);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(11);
    const winner = answers.find((a) => a.status === 201)!.body;
    for (const answer of answers) expect(answer.body).toEqual({ ...winner, created: answer.status === 201 });
    expect(winner.version).toBe(2);
    expect(month.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(month.body.audit.filter((e: { action: string }) => e.action === 'correction_approve')).toHaveLength(1);
  });
});
