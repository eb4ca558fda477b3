import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Progress,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import type { CleanupCampaignDto } from '../../../../src/modules/normative-docs/normative-docs.contract';
import { get, post } from '../../shared/api';

type Outcome = keyof CleanupCampaignDto['progress']['counts'];
type Campaign = CleanupCampaignDto;
type Unit = Campaign['progress']['units'][number];
const OUTCOMES: { value: Outcome; label: string; color: string }[] = [
  { value: 'keep', label: '继续有效', color: '#237804' },
  { value: 'amend', label: '修改', color: 'orange' },
  { value: 'repeal', label: '废止', color: 'red' },
  { value: 'lapse', label: '宣布失效', color: 'default' },
];
const label = (o: string | null) => OUTCOMES.find((x) => x.value === o);

/** “66 件现行有效：继续有效 51 件、修改 4 件、废止 1 件、宣布失效 10 件” — the figures a clean-up report gives. */
export function summaryLine(p: Campaign['progress']): string {
  const parts = OUTCOMES.map((o) => `${o.label} ${p.counts[o.value]} 件`).join('、');
  const pending = p.total - p.decided;
  return `清理范围 ${p.total} 件现行有效文件：${parts}${pending ? `；尚未确定 ${pending} 件` : ''}`;
}

function DecideButton({ campaignId, item }: { campaignId: string; item: Campaign['items'][number] }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const m = useMutation({
    mutationFn: (v: { outcome: Outcome; reason: string }) =>
      post(`/api/normative-cleanups/${campaignId}/decisions`, { docId: item.docId, ...v }),
    onSuccess: () => {
      setOpen(false);
      qc.invalidateQueries({ queryKey: ['normative-cleanups'] });
    },
  });
  if (item.outcome === 'repeal' || item.outcome === 'lapse') return null;
  return (
    <>
      <Button
        size="small"
        onClick={() => setOpen(true)}
        aria-label={`${item.outcome ? '更改结果' : '确定结果'}：${item.title}`}
      >
        {item.outcome ? '更改结果' : '确定结果'}
      </Button>
      <Modal
        title={`清理结果：${item.title}`}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText="提交"
        confirmLoading={m.isPending}
      >
        {m.error && <Alert type="error" showIcon title={(m.error as Error).message} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)} initialValues={{ outcome: item.outcome }}>
          <Form.Item name="outcome" label="清理结果" rules={[{ required: true, message: '请选择清理结果' }]}>
            <Select options={OUTCOMES.map(({ value, label }) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="reason" label="理由" rules={[{ required: true, message: '请填写理由' }]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function CampaignCard({ c, canRun }: { c: Campaign; canRun: boolean }) {
  const qc = useQueryClient();
  const close = useMutation({
    mutationFn: () => post(`/api/normative-cleanups/${c.id}/close`, {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['normative-cleanups'] }),
  });
  const p = c.progress;
  const open = c.status === 'open';
  return (
    <Card
      title={`${c.title}（${c.startedOn} 启动，${open ? `${c.dueOn} 前完成` : '已完成'}）`}
      style={{ marginBottom: 16 }}
      extra={
        open && canRun ? (
          <Button type="primary" onClick={() => close.mutate()} loading={close.isPending}>
            完成清理
          </Button>
        ) : null
      }
    >
      {close.error && (
        <Alert type="error" showIcon title={(close.error as Error).message} style={{ marginBottom: 12 }} />
      )}
      <Typography.Paragraph style={{ fontSize: 16 }} data-testid="cleanup-summary">
        {summaryLine(p)}
      </Typography.Paragraph>
      <Progress percent={p.total ? Math.round((p.decided / p.total) * 100) : 0} aria-label="清理进度" />
      <Typography.Title level={4}>各单位进度</Typography.Title>
      <Table<Unit>
        rowKey="orgId"
        size="small"
        pagination={false}
        dataSource={p.units}
        columns={[
          { title: '单位', dataIndex: 'orgName' },
          { title: '应清理', dataIndex: 'total', width: 80 },
          { title: '已确定', dataIndex: 'decided', width: 80, render: (v, u) => `${v}/${u.total}` },
          ...OUTCOMES.map((o) => ({ title: o.label, dataIndex: o.value, width: 90 })),
        ]}
      />
      <Typography.Title level={4} style={{ marginTop: 16 }}>
        逐件结果
      </Typography.Title>
      <Table
        rowKey="docId"
        size="small"
        dataSource={c.items}
        pagination={{ pageSize: 20 }}
        columns={[
          {
            title: '文件',
            dataIndex: 'title',
            render: (t: string, r) => <Link to={`/admin/normative-docs/${r.docId}`}>{t}</Link>,
          },
          { title: '文号', dataIndex: 'registrationNo', width: 170, render: (v) => v ?? '—' },
          { title: '制定机关', dataIndex: 'orgName', width: 150 },
          {
            title: '清理结果',
            dataIndex: 'outcome',
            width: 220,
            render: (o: Outcome | null, r) =>
              o ? (
                <span>
                  <Tag color={label(o)?.color}>{label(o)?.label}</Tag>
                  {r.reason}
                </span>
              ) : (
                <Tag>待确定</Tag>
              ),
          },
          {
            title: '操作',
            width: 110,
            render: (_: unknown, r) => (open ? <DecideButton campaignId={c.id} item={r} /> : null),
          },
        ]}
      />
    </Card>
  );
}

/** Clean-up campaigns (规范性文件清理): start, per-document outcomes, progress per unit, summary figures. */
export function CleanupPage() {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['normative-cleanups'],
    queryFn: () => get<{ items: Campaign[]; abilities: Record<string, boolean> }>('/api/normative-cleanups'),
  });
  const start = useMutation({
    mutationFn: (v: { title: string; dueOn: Dayjs }) =>
      post('/api/normative-cleanups', { title: v.title, dueOn: v.dueOn.format('YYYY-MM-DD') }),
    onSuccess: () => {
      setOpen(false);
      qc.invalidateQueries({ queryKey: ['normative-cleanups'] });
    },
  });
  const canRun = q.data?.abilities.run ?? false;
  return (
    <>
      <Typography.Title level={2}>规范性文件清理</Typography.Title>
      {canRun && (
        <Space style={{ marginBottom: 16 }}>
          <Button type="primary" onClick={() => setOpen(true)}>
            启动清理
          </Button>
        </Space>
      )}
      {q.error && <Alert type="error" showIcon title={(q.error as Error).message} />}
      {q.data && q.data.items.length === 0 && <Alert type="info" showIcon title="尚未开展清理。" />}
      {(q.data?.items ?? []).map((c) => (
        <CampaignCard key={c.id} c={c} canRun={canRun} />
      ))}
      <Modal
        title="启动规范性文件清理（覆盖全部现行有效文件）"
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText="启动"
        confirmLoading={start.isPending}
      >
        {start.error && (
          <Alert type="error" showIcon title={(start.error as Error).message} style={{ marginBottom: 12 }} />
        )}
        <Form form={form} layout="vertical" onFinish={(v) => start.mutate(v)}>
          <Form.Item name="title" label="清理名称" rules={[{ required: true, message: '请填写清理名称' }]}>
            <Input maxLength={100} placeholder="如：2026年度行政规范性文件全面清理" />
          </Form.Item>
          <Form.Item name="dueOn" label="完成期限" rules={[{ required: true, message: '请选择完成期限' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
