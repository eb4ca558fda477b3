import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { get } from '../../shared/api';
import type { MonthlySupervisionDto as MonthlySupervision } from '../../../../src/modules/decisions/decisions.contract';
import { STATUS_COLORS } from './types';

type Row = MonthlySupervision['items'][number];

const THIS_YEAR = new Date().getFullYear();

/** 月月督: every item's stage, the overdue ones and the responsible units, for the monthly supervision meeting. */
export function MonthlySupervisionPage() {
  const [year, setYear] = useState<number | undefined>(THIS_YEAR);
  const [onlyOverdue, setOnlyOverdue] = useState(false);
  const q = useQuery({
    queryKey: ['decision-monthly-supervision', year],
    queryFn: () => get<MonthlySupervision>(`/api/decisions/monthly-supervision${year ? `?year=${year}` : ''}`),
  });
  const d = q.data;
  const rows = (d?.items ?? []).filter((i) => !onlyOverdue || i.overdue || i.stageOverdue);
  const overdue = (d?.items ?? []).filter((i) => i.overdue || i.stageOverdue).length;
  return (
    <>
      <Typography.Title level={2}>重大行政决策月月督</Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <label htmlFor="fu-year">目录年度</label>
        <Select
          id="fu-year"
          aria-label="目录年度"
          style={{ width: 120 }}
          value={year ?? 0}
          onChange={(v) => setYear(v || undefined)}
          options={[
            { value: 0, label: '全部' },
            ...[0, 1, 2, 3].map((i) => ({ value: THIS_YEAR + 1 - i, label: `${THIS_YEAR + 1 - i} 年` })),
          ]}
        />
        <Select
          aria-label="显示范围"
          style={{ width: 160 }}
          value={onlyOverdue ? 'overdue' : 'all'}
          onChange={(v) => setOnlyOverdue(v === 'overdue')}
          options={[
            { value: 'all', label: '全部在办事项' },
            { value: 'overdue', label: '只看超期事项' },
          ]}
        />
        {d && (
          <span>
            截至 {d.asOf}：在办 {d.items.length} 项，超期 {overdue} 项
          </span>
        )}
      </Space>
      {q.error && <Alert type="error" showIcon title={(q.error as Error).message} />}
      <Card title="各承办单位情况" size="small" style={{ marginBottom: 16 }}>
        <Table
          rowKey="leadName"
          size="small"
          pagination={false}
          dataSource={d?.byUnit ?? []}
          columns={[
            { title: '承办单位', dataIndex: 'leadName' },
            { title: '在办事项', dataIndex: 'total', width: 100 },
            {
              title: '超期事项',
              dataIndex: 'overdue',
              width: 100,
              render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : 0),
            },
          ]}
        />
      </Card>
      <Table
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 50 }}
        columns={[
          {
            title: '事项',
            render: (_: unknown, i: Row) => <Link to={`/admin/decisions/items/${i.id}`}>{i.title}</Link>,
          },
          { title: '承办单位', dataIndex: 'leadName', width: 150 },
          {
            title: '所处阶段',
            width: 170,
            render: (_: unknown, i: Row) => <Tag color={STATUS_COLORS[i.status] ?? 'blue'}>{i.statusLabel}</Tag>,
          },
          {
            title: '阶段期限',
            width: 150,
            render: (_: unknown, i: Row) =>
              i.stageDeadline ? (
                <span>
                  {i.stageDeadline} {i.stageOverdue && <Tag color="red">超期</Tag>}
                </span>
              ) : (
                '—'
              ),
          },
          {
            title: '计划完成',
            width: 150,
            render: (_: unknown, i: Row) => (
              <span>
                {i.plannedCompletionOn} {i.overdue && <Tag color="red">逾期</Tag>}
              </span>
            ),
          },
        ]}
      />
    </>
  );
}
