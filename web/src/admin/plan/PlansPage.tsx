import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Input, InputNumber, List, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, get, post } from '../../shared/api';
import {
  PLAN_STATUS_LABELS,
  type PlanStatus,
  type PlanSummaryDto as Plan,
} from '../../../../src/modules/plan/plan.contract';

/** Implementation plans; the coordinator imports a plan's text here (problems are listed by line). */
export function PlansPage() {
  const qc = useQueryClient();
  const nav = useNavigate();
  const q = useQuery({
    queryKey: ['plans'],
    queryFn: () => get<{ items: Plan[]; abilities: Record<string, boolean> }>('/api/plan/plans'),
  });
  const [text, setText] = useState('');
  const [years, setYears] = useState<[number, number]>([2021, 2025]);
  const imp = useMutation({
    mutationFn: () => post<{ id: string }>('/api/plan/plans', { text, yearFrom: years[0], yearTo: years[1] }),
    onSuccess: (r) => {
      qc.invalidateQueries({ queryKey: ['plans'] });
      nav(`/admin/plan/${r.id}`);
    },
  });
  const problems =
    imp.error instanceof ApiError
      ? ((imp.error.details as { problems?: { line: number; message: string }[] })?.problems ?? [])
      : [];
  return (
    <>
      <Typography.Title level={2}>实施方案与任务分解</Typography.Title>
      <Table
        rowKey="id"
        pagination={false}
        dataSource={q.data?.items ?? []}
        columns={[
          {
            title: '方案',
            dataIndex: 'title',
            render: (t: string, p: Plan) => <Link to={`/admin/plan/${p.id}`}>{t}</Link>,
          },
          { title: '文号', dataIndex: 'docNo' },
          {
            title: '状态',
            dataIndex: 'status',
            render: (s: string) => <Tag>{PLAN_STATUS_LABELS[s as PlanStatus] ?? s}</Tag>,
          },
          { title: '任务数', dataIndex: 'tasks' },
          { title: '总体进度', dataIndex: 'progress', render: (p: number | null) => (p === null ? '—' : `${p}%`) },
          { title: '超期任务', dataIndex: 'overdueTasks' },
        ]}
      />
      <Space style={{ margin: '16px 0' }}>
        <Link to="/admin/plan/tasks">查看本单位任务</Link>
      </Space>
      {q.data?.abilities.manage && (
        <Card title="导入实施方案" size="small">
          <Space orientation="vertical" style={{ width: '100%' }}>
            <label htmlFor="plan-text">
              粘贴方案全文（章节写作“一、……”，条目写作“（一）……”，每项任务以“（责任单位：……）”结尾）
            </label>
            <Input.TextArea id="plan-text" rows={10} value={text} onChange={(e) => setText(e.target.value)} />
            <Space>
              <label htmlFor="plan-from">起始年度</label>
              <InputNumber id="plan-from" value={years[0]} onChange={(v) => setYears([Number(v), years[1]])} />
              <label htmlFor="plan-to">结束年度</label>
              <InputNumber id="plan-to" value={years[1]} onChange={(v) => setYears([years[0], Number(v)])} />
              <Button type="primary" loading={imp.isPending} onClick={() => imp.mutate()}>
                导入
              </Button>
            </Space>
            {imp.error && <Alert type="error" showIcon title={(imp.error as Error).message} />}
            {problems.length > 0 && (
              <List
                size="small"
                bordered
                dataSource={problems}
                renderItem={(p) => <List.Item>{p.message}</List.Item>}
              />
            )}
          </Space>
        </Card>
      )}
    </>
  );
}
