/** Browser mode: the result copy is ready — what it holds, and the button that saves it. */
import { Button, Caption1 } from '@fluentui/react-components';
import { downloadBytes, XLSM_TYPE, XLSX_TYPE } from '../browser/download.js';
import type { ResultCopy } from '../browser/fileWorkbook.js';
import { useStyles } from './styles.js';

export function ResultDownload({ copy }: { copy: ResultCopy }) {
  const styles = useStyles();
  const results = copy.kind === 'results';
  const type = copy.fileName.endsWith('.xlsm') ? XLSM_TYPE : XLSX_TYPE;
  return (
    <div className={styles.actions} aria-live="polite">
      <Button appearance="primary" onClick={() => downloadBytes(copy.bytes, copy.fileName, type)}>
        {results ? '下载结果工作簿' : '下载校验问题清单'}
      </Button>
      <Caption1 className={styles.muted}>
        {results
          ? `结果工作簿「${copy.fileName}」已生成，可以下载：原工作簿的全部工作表、图表、批注和格式原样保留，新增 ${copy.sheets.join('、')} 共 ${copy.sheets.length} 张工作表。`
          : `校验问题清单「${copy.fileName}」已生成，可以下载：原工作簿原样保留，新增「校验问题」工作表（${copy.issues} 条问题）；考核结果在计算考核通过后生成。`}
      </Caption1>
    </div>
  );
}
