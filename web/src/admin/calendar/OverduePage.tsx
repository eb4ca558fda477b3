import { useQuery } from '@tanstack/react-query';
import { Alert, Badge, Collapse, Empty, Space, Typography } from 'antd';
import { get } from '../../shared/api';
import type { OverdueGroupDto as Group } from '../../../../src/platform/calendar/calendar.contract';
import { DeadlineList } from './DeadlineList';

/** Overdue and due-soon deadlines per unit, for the coordinator (依法治区办) and unit heads. */
export function OverduePage() {
  const key = ['deadlines-overdue'];
  const q = useQuery({
    queryKey: key,
    queryFn: () => get<{ today: string; groups: Group[] }>('/api/deadlines/overdue'),
  });
  return (
    <>
      <Typography.Title level={2}>超期与预警</Typography.Title>
      <Typography.Paragraph style={{ fontSize: 16 }}>
        截至 {q.data?.today ?? '…'}，按单位列出已超期和即将到期的法定期限。
      </Typography.Paragraph>
      {q.error && <Alert type="error" showIcon message={(q.error as Error).message} />}
      {q.data && q.data.groups.length === 0 && <Empty description="没有超期或即将到期的期限" />}
      <Collapse
        items={(q.data?.groups ?? []).map((g) => ({
          key: g.orgId,
          label: (
            <Space size="large">
              <strong>{g.orgName}</strong>
              <Badge count={g.overdue} showZero color="red" overflowCount={999} title="已超期" />
              <span>已超期 {g.overdue} 项</span>
              <span>即将到期 {g.dueSoon} 项</span>
            </Space>
          ),
          children: <DeadlineList items={g.items} queryKey={key} />,
        }))}
      />
    </>
  );
}
