import { useQuery } from '@tanstack/react-query';
import { Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import type { PlanTaskDto as Task } from '../../../../src/modules/plan/plan.contract';
import { get } from '../../shared/api';

/** The tasks the user may see (their unit's, or every unit's for the coordinator). */
export function TasksPage() {
  const [sp] = useSearchParams();
  const qs = sp.toString();
  const q = useQuery({
    queryKey: ['plan-tasks', qs],
    queryFn: () => get<{ items: Task[] }>(`/api/plan/tasks${qs ? `?${qs}` : ''}`),
  });
  return (
    <>
      <Typography.Title level={2}>实施方案任务</Typography.Title>
      <Table
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        columns={[
          {
            title: '任务',
            render: (_: unknown, t: Task) => (
              <Link to={`/admin/plan/tasks/${t.id}`}>{`（${t.itemNumeral}）${t.itemTitle}`}</Link>
            ),
          },
          { title: '责任单位', dataIndex: 'orgName' },
          { title: '完成期限', dataIndex: 'dueDate' },
          { title: '进度', dataIndex: 'progress', render: (p: number) => `${p}%` },
          {
            title: '状态',
            render: (_: unknown, t: Task) =>
              t.status === 'done' ? (
                <Tag color="green">已完成</Tag>
              ) : t.overdue ? (
                <Tag color="red">已超期{t.escalated ? '（已督办）' : ''}</Tag>
              ) : (
                <Tag>进行中</Tag>
              ),
          },
        ]}
      />
    </>
  );
}
