import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { get, post } from '../../shared/api';
import { Snippet } from '../../portal/normative-docs/Snippet';
import { type BasisValue, BasisPicker } from './BasisPicker';
import { HistoricalEntryModal } from './HistoricalEntryModal';
import type { PagedDto } from '../../../../src/platform/http/http.contract';
import type {
  DocDetailDto as DocDetail,
  DocSearchDto,
  DocSummaryDto as DocSummary,
  IssuingBodyDto,
} from '../../../../src/modules/normative-docs/normative-docs.contract';
import { STATUS_COLORS } from './types';
import { DOC_STATUSES, STATUS_LABELS } from '../../../../src/modules/normative-docs/normative-docs.contract';

const STATUS_OPTIONS = DOC_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] }));

/** The unit's normative documents: list, filters, and a new draft (only for bodies on the issuing-body list). */
export function NormativeListPage() {
  const [status, setStatus] = useState<string | undefined>();
  const [open, setOpen] = useState(false);
  const [historical, setHistorical] = useState(false);
  const [search, setSearch] = useState('');
  const nav = useNavigate();
  const found = useQuery({
    queryKey: ['normative-staff-search', search, status],
    queryFn: () =>
      get<DocSearchDto>(
        `/api/normative-docs/search?q=${encodeURIComponent(search)}${status ? `&status=${status}` : ''}`,
      ),
    enabled: search.trim().length > 0,
  });
  const q = useQuery({
    queryKey: ['normative-docs', status],
    queryFn: () => get<PagedDto<DocSummary>>(`/api/normative-docs?pageSize=100${status ? `&status=${status}` : ''}`),
  });
  const bodies = useQuery({
    queryKey: ['issuing-bodies'],
    queryFn: () => get<{ items: IssuingBodyDto[] }>('/api/normative-docs/issuing-bodies'),
  });
  const [form] = Form.useForm();
  const create = useMutation({
    mutationFn: (v: Record<string, unknown>) => post<DocDetail>('/api/normative-docs', v),
    onSuccess: (d) => nav(`/admin/normative-docs/${d.id}`),
  });
  return (
    <>
      <Typography.Title level={2}>行政规范性文件</Typography.Title>
      <Space style={{ marginBottom: 16 }} wrap>
        <Select
          allowClear
          placeholder="按状态筛选"
          style={{ width: 200 }}
          options={STATUS_OPTIONS}
          value={status}
          onChange={setStatus}
          aria-label="按状态筛选"
        />
        <Input.Search
          allowClear
          placeholder="全文检索草案和文件，如：电子秤 检定"
          aria-label="全文检索草案和文件"
          style={{ width: 360 }}
          onSearch={(v) => setSearch(v.trim())}
        />
        <Button type="primary" onClick={() => setOpen(true)}>
          起草文件
        </Button>
        <Button onClick={() => setHistorical(true)}>补录已公布文件</Button>
      </Space>
      {historical && <HistoricalEntryModal onClose={() => setHistorical(false)} />}
      {q.error && <Alert type="error" showIcon title={(q.error as Error).message} />}
      {found.error && <Alert type="error" showIcon title={(found.error as Error).message} />}
      {search && found.data && (
        <Typography.Paragraph>
          检索“{search}”，找到 {found.data.total} 件
        </Typography.Paragraph>
      )}
      <Table<DocSummary & { snippet?: { text: string; hit: boolean }[] }>
        rowKey="id"
        loading={q.isLoading || found.isFetching}
        dataSource={search ? (found.data?.items ?? []) : (q.data?.items ?? [])}
        pagination={{ pageSize: 20 }}
        columns={[
          {
            title: '文件标题',
            dataIndex: 'title',
            render: (t, r) => (
              <>
                <Link to={`/admin/normative-docs/${r.id}`}>{t}</Link>
                <Snippet parts={r.snippet} />
              </>
            ),
          },
          { title: '制定机关', dataIndex: 'orgName', width: 160 },
          { title: '文号', dataIndex: 'registrationNo', width: 170, render: (v) => v ?? '—' },
          {
            title: '状态',
            dataIndex: 'statusLabel',
            width: 200,
            render: (v, r) => (
              <Space>
                <Tag color={STATUS_COLORS[r.status]}>{v}</Tag>
                {r.needsReview && <Tag color="orange">待评估</Tag>}
              </Space>
            ),
          },
          { title: '有效期至', dataIndex: 'validUntil', width: 120, render: (v) => v ?? '—' },
        ]}
      />
      <Modal
        title="起草规范性文件"
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText="保存草稿"
        confirmLoading={create.isPending}
        width={720}
      >
        {create.error && (
          <Alert type="error" showIcon title={(create.error as Error).message} style={{ marginBottom: 12 }} />
        )}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ businessRelated: false, affectsMarket: false, commentRequired: true }}
          onFinish={({ bases, ...v }: { bases?: BasisValue[] } & Record<string, unknown>) =>
            create.mutate({
              ...v,
              bases: (bases ?? []).map((b) => ({ lawId: b.lawId, articles: b.articles.trim() })),
            })
          }
        >
          <Form.Item
            name="orgId"
            label="制定机关（制定主体清单内）"
            rules={[{ required: true, message: '请选择制定机关' }]}
          >
            <Select
              options={(bodies.data?.items ?? [])
                .filter((b) => b.active)
                .map((b) => ({ value: b.orgId, label: b.orgName }))}
            />
          </Form.Item>
          <Form.Item name="title" label="文件标题" rules={[{ required: true, message: '请填写文件标题' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="body" label="文件正文" rules={[{ required: true, message: '请填写文件正文' }]}>
            <Input.TextArea rows={8} />
          </Form.Item>
          <Form.Item name="bases" label="制定依据（从法律法规库选择）">
            <BasisPicker />
          </Form.Item>
          <Form.Item name="draftingNote" label="起草说明">
            <Input.TextArea rows={3} />
          </Form.Item>
          <Space size="large" wrap>
            <Form.Item name="businessRelated" label="与市场主体生产经营活动密切相关" valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="affectsMarket" label="涉及市场主体经济活动（公平竞争审查）" valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="commentRequired" label="公开征求意见" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </>
  );
}
