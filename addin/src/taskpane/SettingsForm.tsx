/** Settings: API address, town, month; saved with the document. */
import { Button, Field, Input } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { monthProblem, type Settings } from '../common/settings.js';
import { useStyles } from './styles.js';

export interface SettingsFormProps {
  settings: Settings;
  /** Where the settings are kept, for the hint under the button. */
  storedIn: string;
  busy: boolean;
  onSave: (settings: Settings) => void;
}

export function SettingsForm({ settings, storedIn, busy, onSave }: SettingsFormProps) {
  const styles = useStyles();
  const [draft, setDraft] = useState(settings);
  useEffect(() => setDraft(settings), [settings]);
  const monthError = monthProblem(draft.month);
  const field = (key: keyof Settings) => ({
    value: draft[key],
    onChange: (_: unknown, data: { value: string }) => setDraft({ ...draft, [key]: data.value }),
  });
  return (
    <form
      className={styles.form}
      onSubmit={(event) => {
        event.preventDefault();
        if (!monthError) onSave({ ...draft, town: draft.town.trim(), month: draft.month.trim(), apiUrl: draft.apiUrl.trim() });
      }}
    >
      <Field label="考核服务地址" hint="由党政办或系统管理员提供">
        <Input {...field('apiUrl')} type="url" />
      </Field>
      <Field label="乡镇" hint="留空则使用「参数」表中的乡镇">
        <Input {...field('town')} placeholder="如 花桥街镇" />
      </Field>
      <Field label="考核月份" hint="格式 YYYY-MM；留空则使用「参数」表中的考核月份" validationMessage={monthError ?? undefined}>
        <Input {...field('month')} placeholder="如 2015-04" />
      </Field>
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={busy || monthError !== null}>
          保存设置
        </Button>
      </div>
      <span className={styles.muted}>{storedIn}</span>
    </form>
  );
}
