import { useQuery } from '@tanstack/react-query';
import { Collapse, Tag, Typography } from 'antd';
import type { PublicDeadlineDto as PublicDeadline } from '../../../../src/platform/calendar/calendar.contract';
import { get } from '../../shared/api';

/**
 * How the comment period was counted, step by step, as the deadline engine recorded it (start day not counted,
 * holidays, a shortened period's reason), so a citizen can check the date instead of taking it on trust.
 */
export function PeriodTrace({ decisionId }: { decisionId: string }) {
  const q = useQuery({
    queryKey: ['public-deadlines', 'decision', decisionId],
    queryFn: () =>
      get<{ items: PublicDeadline[] }>(
        `/api/public/calendar/deadlines?entityKind=decision&entityId=${encodeURIComponent(decisionId)}`,
      ),
    retry: false,
  });
  const items = q.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Collapse
      size="small"
      style={{ marginTop: 8 }}
      items={items.map((d, i) => ({
        key: String(i),
        label: (
          <span>
            期限计算过程：{d.label ?? d.ruleLabel}，截止 {d.dueDate ?? '—'}
            {d.provisional && (
              <Tag color="orange" style={{ marginLeft: 8 }}>
                临时结果（该年节假日安排尚未公布）
              </Tag>
            )}
          </span>
        ),
        children: (
          <>
            <Typography.Paragraph type="secondary">依据：{d.legalBasis}</Typography.Paragraph>
            <div style={{ whiteSpace: 'pre-wrap', fontSize: 15, lineHeight: 1.8 }}>{d.trace}</div>
          </>
        ),
      }))}
    />
  );
}
