import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  message,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { fmtTime, get, post } from '../../shared/api';
import { hasRole, useMe } from '../../shared/auth';
import { useOrgs } from '../platform/useOrgs';
import { VersionsModal } from './VersionsModal';
import type {
  CatalogDto as Catalog,
  CatalogPublishResultDto,
  CatalogStatsDto as CatalogStats,
  DecisionSummaryDto as Summary,
} from '../../../../src/modules/decisions/decisions.contract';
import { CATALOG_STATUS, MAJOR_KINDS, STATUS_COLORS } from './types';

const THIS_YEAR = new Date().getFullYear();
const YEARS = Array.from({ length: 5 }, (_, i) => THIS_YEAR + 1 - i);

/** 决策事项目录: each decision body's annual catalog with its statistics, workflow actions and items. */
export function CatalogsPage() {
  const me = useMe();
  const [year, setYear] = useState(THIS_YEAR);
  const [creating, setCreating] = useState(false);
  const q = useQuery({
    queryKey: ['decision-catalogs', year],
    queryFn: () => get<{ items: Catalog[] }>(`/api/decisions/catalogs?year=${year}`),
  });
  const manager = ['system_admin', 'coordinator', 'principal_head', 'liaison'].some((r) => hasRole(me, r));
  return (
    <>
      <Typography.Title level={2}>重大行政决策事项目录</Typography.Title>
      <Typography.Paragraph type="secondary">
        决策机关每年编制决策事项目录，经同级党委同意后向社会公布；目录确需调整的，写明理由并公布新版本（《重大行政决策程序暂行条例》第三条第三款）。
      </Typography.Paragraph>
      <Space style={{ marginBottom: 16 }} wrap>
        <label htmlFor="catalog-year">目录年度</label>
        <Select
          id="catalog-year"
          aria-label="目录年度"
          value={year}
          style={{ width: 120 }}
          options={YEARS.map((y) => ({ value: y, label: `${y} 年` }))}
          onChange={setYear}
        />
        {manager && (
          <Button type="primary" onClick={() => setCreating(true)}>
            新建年度目录
          </Button>
        )}
        <Link to="/admin/decisions/monthly-supervision">月月督</Link>
      </Space>
      {q.error && <Alert type="error" showIcon title={(q.error as Error).message} />}
      {q.data?.items.length === 0 && <Alert type="info" showIcon title={`${year} 年还没有可见的决策事项目录。`} />}
      {(q.data?.items ?? []).map((c) => (
        <CatalogCard key={c.id} c={c} manager={manager} />
      ))}
      {creating && <CreateCatalogModal year={year} onClose={() => setCreating(false)} />}
    </>
  );
}

function CreateCatalogModal({ year, onClose }: { year: number; onClose: () => void }) {
  const qc = useQueryClient();
  const orgs = useOrgs();
  const [form] = Form.useForm();
  const m = useMutation({
    mutationFn: (v: { bodyOrgId: string; year: number; title?: string }) =>
      post<{ id: string }>('/api/decisions/catalogs', { ...v, title: v.title || undefined }),
    onSuccess: () => {
      message.success('目录已创建');
      qc.invalidateQueries({ queryKey: ['decision-catalogs'] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title="新建年度决策事项目录"
      okText="创建"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={m.isPending}
    >
      {m.error && <Alert type="error" showIcon title={(m.error as Error).message} style={{ marginBottom: 12 }} />}
      <Form form={form} name="createCatalog" layout="vertical" initialValues={{ year }} onFinish={(v) => m.mutate(v)}>
        <Form.Item name="bodyOrgId" label="决策机关" rules={[{ required: true, message: '请选择决策机关' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={(orgs.data?.items ?? [])
              .filter((o) => o.active && o.kind !== 'section')
              .map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
        <Form.Item name="year" label="年度" rules={[{ required: true, message: '请选择年度' }]}>
          <Select options={YEARS.map((y) => ({ value: y, label: `${y} 年` }))} />
        </Form.Item>
        <Form.Item name="title" label="目录名称（可不填，默认按机关和年度生成）">
          <Input maxLength={80} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CatalogCard({ c, manager }: { c: Catalog; manager: boolean }) {
  const qc = useQueryClient();
  const [dialog, setDialog] = useState<'approve' | 'adjust' | 'propose' | 'versions' | null>(null);
  const stats = useQuery({
    queryKey: ['decision-catalog-stats', c.id, c.items],
    queryFn: () => get<CatalogStats>(`/api/decisions/catalogs/${c.id}/stats`),
  });
  const items = useQuery({
    queryKey: ['decision-items', c.id, c.items],
    queryFn: () => get<{ items: Summary[] }>(`/api/decisions/items?catalogId=${c.id}`),
  });
  const publish = useMutation({
    mutationFn: () => post<CatalogPublishResultDto>(`/api/decisions/catalogs/${c.id}/publish`, {}),
    onSuccess: (r) => {
      message.success(`目录已公布（第 ${r.version} 版）并已上链存证`);
      qc.invalidateQueries({ queryKey: ['decision-catalogs'] });
    },
  });
  const st = CATALOG_STATUS[c.status];
  const s = stats.data;
  return (
    <Card
      style={{ marginBottom: 16 }}
      title={
        <Space wrap>
          <span>{c.title}</span>
          <Tag color={st.color}>{st.label}</Tag>
          {c.version > 0 && <Tag>第 {c.version} 版</Tag>}
        </Space>
      }
      extra={<a href={`/api/decisions/catalogs/${c.id}/docx`}>下载目录公文（DOCX）</a>}
    >
      <Space size="large" wrap style={{ marginBottom: 12 }}>
        <Statistic title="事项数" value={s?.items ?? c.items} />
        <Statistic
          title="同比上年"
          value={s?.yoyPct ?? '—'}
          suffix={s?.yoyPct !== null && s?.yoyPct !== undefined ? '%' : undefined}
          prefix={s?.yoyPct && s.yoyPct > 0 ? '+' : undefined}
        />
        <Statistic title="上年事项数" value={s?.previousItems ?? '—'} />
        <Statistic
          title={`按期完成率（已到期 ${s?.due ?? 0} 项）`}
          value={s?.onSchedulePct ?? '—'}
          suffix={s?.onSchedulePct !== null && s?.onSchedulePct !== undefined ? '%' : undefined}
        />
      </Space>
      <Typography.Paragraph>
        决策机关：{c.bodyName}
        {c.partyConsentRef && `；党委同意：${c.partyConsentRef}（${c.partyConsentOn}）`}
        {c.publishedAt && `；公布时间：${fmtTime(c.publishedAt)}`}
      </Typography.Paragraph>
      {publish.error && (
        <Alert type="error" showIcon title={(publish.error as Error).message} style={{ marginBottom: 12 }} />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Button onClick={() => setDialog('propose')}>
          {c.status === 'published' ? '调整目录：增加事项' : '提出决策事项'}
        </Button>
        {manager && c.status === 'draft' && (
          <Button type="primary" onClick={() => setDialog('approve')}>
            记录党委同意
          </Button>
        )}
        {manager && c.status === 'approved' && (
          <Button type="primary" loading={publish.isPending} onClick={() => publish.mutate()}>
            公布目录
          </Button>
        )}
        {manager && c.status === 'published' && <Button onClick={() => setDialog('adjust')}>发布调整版本</Button>}
        {c.status === 'published' && <Button onClick={() => setDialog('versions')}>历次版本</Button>}
      </Space>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        loading={items.isLoading}
        dataSource={items.data?.items ?? []}
        locale={{ emptyText: '目录中还没有事项' }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 60 },
          {
            title: '事项名称',
            render: (_: unknown, i: Summary) => <Link to={`/admin/decisions/items/${i.id}`}>{i.title}</Link>,
          },
          { title: '承办单位', dataIndex: 'leadName', width: 160 },
          {
            title: '计划完成',
            width: 130,
            render: (_: unknown, i: Summary) => (
              <span>
                {i.plannedCompletionOn} {i.overdue && <Tag color="red">逾期</Tag>}
              </span>
            ),
          },
          {
            title: '所处阶段',
            width: 170,
            render: (_: unknown, i: Summary) => <Tag color={STATUS_COLORS[i.status] ?? 'blue'}>{i.statusLabel}</Tag>,
          },
        ]}
      />
      {dialog === 'approve' && <ApproveModal c={c} onClose={() => setDialog(null)} />}
      {dialog === 'adjust' && <AdjustModal c={c} onClose={() => setDialog(null)} />}
      {dialog === 'propose' && <ProposeModal c={c} onClose={() => setDialog(null)} />}
      {dialog === 'versions' && <VersionsModal c={c} onClose={() => setDialog(null)} />}
    </Card>
  );
}

function useCatalogAction<T>(url: string, done: string, onClose: () => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: T) => post(url, v),
    onSuccess: () => {
      message.success(done);
      qc.invalidateQueries({ queryKey: ['decision-catalogs'] });
      qc.invalidateQueries({ queryKey: ['decision-items'] });
      onClose();
    },
  });
}

function ApproveModal({ c, onClose }: { c: Catalog; onClose: () => void }) {
  const [form] = Form.useForm();
  const m = useCatalogAction(`/api/decisions/catalogs/${c.id}/approve`, '已记录党委同意', onClose);
  return (
    <Modal
      open
      title="记录同级党委同意"
      okText="保存"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={m.isPending}
    >
      {m.error && <Alert type="error" showIcon title={(m.error as Error).message} style={{ marginBottom: 12 }} />}
      <Form form={form} name="approveCatalog" layout="vertical" onFinish={(v) => m.mutate(v)}>
        <Form.Item
          name="partyConsentRef"
          label="党委同意文件或会议"
          rules={[{ required: true, message: '请填写党委同意文件或会议名称' }]}
        >
          <Input placeholder="例如：区委常委会2025年第41次会议" />
        </Form.Item>
        <Form.Item name="partyConsentOn" label="同意日期" rules={[{ required: true, message: '请填写同意日期' }]}>
          <Input type="date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AdjustModal({ c, onClose }: { c: Catalog; onClose: () => void }) {
  const [form] = Form.useForm();
  const m = useCatalogAction(`/api/decisions/catalogs/${c.id}/publish`, '目录调整版本已公布并上链存证', onClose);
  return (
    <Modal
      open
      title="发布目录调整版本"
      okText="公布"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={m.isPending}
    >
      <Typography.Paragraph type="secondary">
        撤回事项或修改计划后，以新版本向社会公布，调整理由随版本一并公开，历次版本均予保留。
      </Typography.Paragraph>
      {m.error && <Alert type="error" showIcon title={(m.error as Error).message} style={{ marginBottom: 12 }} />}
      <Form form={form} name="adjustCatalog" layout="vertical" onFinish={(v) => m.mutate(v)}>
        <Form.Item name="reason" label="调整理由" rules={[{ required: true, message: '请填写调整理由' }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ProposeModal({ c, onClose }: { c: Catalog; onClose: () => void }) {
  const [form] = Form.useForm();
  const orgs = useOrgs();
  const confidential = Form.useWatch('confidential', form);
  const m = useCatalogAction(`/api/decisions/catalogs/${c.id}/items`, '决策事项已提出', onClose);
  return (
    <Modal
      open
      width={720}
      title={c.status === 'published' ? '调整目录：增加决策事项' : '提出决策事项'}
      okText="提交"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={m.isPending}
    >
      {m.error && <Alert type="error" showIcon title={(m.error as Error).message} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        name="proposeItem"
        layout="vertical"
        onFinish={(v) =>
          m.mutate({
            ...v,
            isTechnical: !!v.isTechnical,
            affectsStability: !!v.affectsStability,
            confidential: !!v.confidential,
            confidentialReason: v.confidentialReason || undefined,
            adjustmentReason: v.adjustmentReason || undefined,
          })
        }
      >
        <Form.Item name="title" label="事项名称" rules={[{ required: true, message: '请填写事项名称' }]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="summary" label="事项简要说明" rules={[{ required: true, message: '请填写事项简要说明' }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item
          name="category"
          label="事项类别（第三条第一款）"
          rules={[{ required: true, message: '请选择事项类别' }]}
        >
          <Select options={Object.entries(MAJOR_KINDS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="leadOrgId" label="承办单位" rules={[{ required: true, message: '请选择承办单位' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={(orgs.data?.items ?? [])
              .filter((o) => o.active && o.kind !== 'section')
              .map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
        <Form.Item
          name="plannedCompletionOn"
          label="计划完成时间"
          rules={[{ required: true, message: '请填写计划完成时间' }]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item name="isTechnical" valuePropName="checked">
          <Checkbox>专业性、技术性较强，需要专家论证（第十九条）</Checkbox>
        </Form.Item>
        <Form.Item name="affectsStability" valuePropName="checked">
          <Checkbox>可能对社会稳定、公共安全等方面造成不利影响，需要风险评估（第二十二条）</Checkbox>
        </Form.Item>
        <Form.Item name="confidential" valuePropName="checked">
          <Checkbox>依法不予公开，不适用公众参与（第十四条）</Checkbox>
        </Form.Item>
        {confidential && (
          <Form.Item
            name="confidentialReason"
            label="不公开的理由"
            rules={[{ required: true, message: '请填写不公开的理由' }]}
          >
            <Input.TextArea rows={2} />
          </Form.Item>
        )}
        {c.status === 'published' && (
          <Form.Item
            name="adjustmentReason"
            label="目录调整理由（随新版本公开）"
            rules={[{ required: true, message: '请填写目录调整理由' }]}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
