import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { AuditEventDto as Ev } from '../../../../src/platform/audit/audit.contract';
import type { PagedDto } from '../../../../src/platform/http/http.contract';
import { fmtTime, get } from '../../shared/api';

export function AuditPage() {
  const [filters, setFilters] = useState<Record<string, string>>({});
  const [page, setPage] = useState(1);
  const qs = new URLSearchParams({ ...filters, page: String(page), pageSize: '20' }).toString();
  const q = useQuery({ queryKey: ['audit', qs], queryFn: () => get<PagedDto<Ev>>(`/api/audit?${qs}`) });
  const exportQs = new URLSearchParams(filters).toString();
  return (
    <>
      <Typography.Title level={2}>审计日志</Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <Form
          layout="inline"
          onFinish={(v: { q?: string; range?: [{ format(f: string): string }, { format(f: string): string }] }) => {
            const f: Record<string, string> = {};
            if (v.q) f.q = v.q;
            if (v.range) {
              f.from = v.range[0].format('YYYY-MM-DD');
              f.to = v.range[1].format('YYYY-MM-DD');
            }
            setPage(1);
            setFilters(f);
          }}
        >
          <Form.Item name="q" label="关键词">
            <Input placeholder="操作人、单位、内容" allowClear />
          </Form.Item>
          <Form.Item name="range" label="日期">
            <DatePicker.RangePicker />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
            <Button href={`/api/audit/export?format=csv&${exportQs}`}>导出 CSV</Button>
            <Button href={`/api/audit/export?format=xlsx&${exportQs}`}>导出 Excel</Button>
          </Space>
        </Form>
      </Card>
      <Table
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 20,
          total: q.data?.total ?? 0,
          onChange: setPage,
          showTotal: (t) => `共 ${t} 条`,
        }}
        expandable={{
          expandedRowRender: (e) => (
            <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(e.data, null, 2)}</pre>
          ),
        }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 80 },
          { title: '时间', dataIndex: 'at', render: fmtTime, width: 190 },
          { title: '操作人', dataIndex: 'actorName', render: (v) => v ?? '系统' },
          { title: '单位', dataIndex: 'orgName' },
          { title: '操作', dataIndex: 'actionLabel' },
          { title: '对象', render: (_, e) => `${e.entityKind}${e.entityId ? ` · ${e.entityId.slice(0, 8)}` : ''}` },
        ]}
      />
    </>
  );
}
