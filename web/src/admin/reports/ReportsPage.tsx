import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { get, post } from '../../shared/api';
import { useMe } from '../../shared/auth';
import type { ReportListItemDto as Item } from '../../../../src/modules/reports/reports.contract';

/** The unit's annual reports, and the button that starts a draft pre-filled from the record. */
export function ReportsPage() {
  const me = useMe();
  const nav = useNavigate();
  const qc = useQueryClient();
  const [year, setYear] = useState(new Date().getFullYear() - 1);
  const q = useQuery({ queryKey: ['reports'], queryFn: () => get<{ items: Item[] }>('/api/reports') });
  const draft = useMutation({
    mutationFn: () => post<{ id: string }>('/api/reports', { orgId: me?.orgId, year }),
    onSuccess: (r) => {
      qc.invalidateQueries({ queryKey: ['reports'] });
      nav(`/admin/reports/${r.id}`);
    },
  });
  return (
    <>
      <Typography.Title level={2}>法治政府建设年度报告</Typography.Title>
      <Typography.Paragraph style={{ fontSize: 16 }}>
        报告按法定结构起草：（一）主要举措和成效、（二）存在的不足和原因、（三）主要负责人履行第一责任人职责情况、（四）下一年度工作安排、（五）其他。系统可计算的数据自动填入，并注明数据来源。
      </Typography.Paragraph>
      <Space style={{ marginBottom: 16 }}>
        <label htmlFor="report-year">报告年度</label>
        <InputNumber id="report-year" min={2000} max={2100} value={year} onChange={(v) => setYear(Number(v))} />
        <Button type="primary" loading={draft.isPending} onClick={() => draft.mutate()}>
          起草本单位年度报告
        </Button>
      </Space>
      {draft.error && (
        <Alert type="error" showIcon title={(draft.error as Error).message} style={{ marginBottom: 16 }} />
      )}
      <Table
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={false}
        columns={[
          { title: '年度', dataIndex: 'year', width: 80 },
          { title: '单位', dataIndex: 'orgName' },
          {
            title: '标题',
            dataIndex: 'title',
            render: (t: string, r: Item) => <Link to={`/admin/reports/${r.id}`}>{t}</Link>,
          },
          {
            title: '状态',
            dataIndex: 'statusLabel',
            render: (s: string, r: Item) => (
              <Tag color={r.status === 'published' ? 'green' : r.status === 'submitted' ? 'blue' : 'default'}>{s}</Tag>
            ),
          },
        ]}
      />
    </>
  );
}
