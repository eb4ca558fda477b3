import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, InputNumber, Space, message } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../shared/api';

/**
 * The coordinator sets the weight of a chapter, item or task in the progress roll-up (默认 1; a weighted mean at
 * each level). The server validates (positive, at most 100, two decimals) and records the change in the audit log.
 */
export function WeightControl({
  planId,
  level,
  targetId,
  current,
  label,
  invalidate,
}: {
  planId: string;
  level: 'chapter' | 'item' | 'task';
  targetId: string;
  current: number;
  /** What is weighted, for the accessible name ("（三）加强行政规范性文件管理"). */
  label: string;
  invalidate: unknown[][];
}) {
  const qc = useQueryClient();
  const [value, setValue] = useState<number | null>(current);
  useEffect(() => setValue(current), [current]);
  const m = useMutation({
    mutationFn: () =>
      api<{ weight: number; progress: number | null }>('PUT', `/api/plan/plans/${planId}/weights`, {
        level,
        targetId,
        weight: value,
      }),
    onSuccess: (r) => {
      message.success(`权重已调整为 ${r.weight}${r.progress === null ? '' : `，方案总体进度 ${r.progress}%`}`);
      for (const key of invalidate) qc.invalidateQueries({ queryKey: key });
    },
    onError: (e) => message.error((e as Error).message),
  });
  const changed = value !== current;
  return (
    <Space size={4}>
      <InputNumber
        aria-label={`${label}的权重`}
        size="small"
        min={0.01}
        max={100}
        step={0.5}
        precision={2}
        style={{ width: 88 }}
        value={value}
        onChange={(v) => setValue(v === null ? null : Number(v))}
        onPressEnter={() => changed && m.mutate()}
      />
      <Button
        size="small"
        disabled={!changed}
        loading={m.isPending}
        onClick={() => m.mutate()}
        aria-label={`保存${label}的权重`}
      >
        保存
      </Button>
    </Space>
  );
}
