import { Alert, Button, Input, Space, Tag } from 'antd';
import { useState } from 'react';
import type { EvidenceDto } from '../../../../src/modules/plan/plan.contract';
import { post } from '../../shared/api';

/** A piece of evidence as the progress form collects it (the contract's EvidenceDto). */
export type Evidence = EvidenceDto;

const ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.txt';

function toBase64(buf: ArrayBuffer): string {
  let bin = '';
  const bytes = new Uint8Array(buf);
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** Evidence for a progress report: uploaded files (stored by SHA-256) and named materials without a file. */
export function EvidenceUpload({ value, onChange }: { value: Evidence[]; onChange: (v: Evidence[]) => void }) {
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    setError(null);
    setBusy(true);
    try {
      const r = await post<{ sha256: string }>('/api/plan/evidence', {
        name: file.name,
        mime: file.type || 'application/octet-stream',
        contentBase64: toBase64(await file.arrayBuffer()),
      });
      onChange([...value, { title: file.name, fileSha256: r.sha256 }]);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <label htmlFor="task-evidence-file">佐证材料附件（PDF、图片、DOCX 或文本；完成时必须附佐证）</label>
      <input
        id="task-evidence-file"
        type="file"
        accept={ACCEPT}
        disabled={busy}
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void upload(f);
          e.target.value = '';
        }}
      />
      <Space>
        <label htmlFor="task-evidence">或填写佐证材料名称</label>
        <Input id="task-evidence" value={title} onChange={(e) => setTitle(e.target.value)} style={{ width: 280 }} />
        <Button
          disabled={title.trim().length < 2}
          onClick={() => {
            onChange([...value, { title: title.trim() }]);
            setTitle('');
          }}
        >
          添加
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      <div aria-live="polite">
        {value.map((e, i) => (
          <Tag
            key={`${e.title}-${e.fileSha256 ?? i}`}
            closable
            onClose={() => onChange(value.filter((_, j) => j !== i))}
          >
            {`${e.fileSha256 ? '附件' : '材料'}：${e.title}`}
          </Tag>
        ))}
      </div>
    </Space>
  );
}
