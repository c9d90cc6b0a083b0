/** Browser mode: drop or pick the .xlsx to assess. */
import { Button, Caption1, Text, mergeClasses } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import { useStyles } from './styles.js';

export interface FileDropProps {
  fileName: string | null;
  disabled: boolean;
  onFile: (file: File) => void;
}

export function FileDrop({ fileName, disabled, onFile }: FileDropProps) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const take = (files: FileList | null) => {
    const file = files?.[0];
    if (file && !disabled) onFile(file);
  };
  return (
    <div
      className={mergeClasses(styles.drop, over && styles.dropActive)}
      role="button"
      tabIndex={0}
      aria-label="选择或拖入工作簿"
      onClick={() => input.current?.click()}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') input.current?.click();
      }}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        take(event.dataTransfer.files);
      }}
    >
      <Text weight="semibold" size={400}>
        {fileName ? `已打开：${fileName}` : '把考核工作簿（.xlsx 或 .xlsm）拖到这里'}
      </Text>
      <Caption1 className={styles.muted}>
        {fileName ? '可以再拖入另一个文件替换' : '或点击选择文件。WPS、LibreOffice 请先“另存为” .xlsx 格式。'}
      </Caption1>
      <Button appearance="secondary" disabled={disabled} onClick={(event) => (event.stopPropagation(), input.current?.click())}>
        选择文件…
      </Button>
      <input
        ref={input}
        type="file"
        accept=".xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel.sheet.macroEnabled.12"
        hidden
        data-testid="file-input"
        onChange={(event) => {
          take(event.target.files);
          event.target.value = '';
        }}
      />
    </div>
  );
}
