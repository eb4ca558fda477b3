import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Table, Tag, TreeSelect, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { get, post } from '../../../shared/api';
import { toTree, useOrgs } from '../../platform/useOrgs';
import type { InspectionDto as Inspection } from '../../../../../src/modules/plan/plan.contract';
import { INSPECTION_STATUS_ZH } from './types';

/** Government inspections (政府督查工作条例): the list, and the inspection plan that must exist before inspecting (Art 15) and is approved by the government's head (Art 11). */
export function InspectionsPage() {
  const qc = useQueryClient();
  const nav = useNavigate();
  const q = useQuery({
    queryKey: ['inspections'],
    queryFn: () => get<{ items: Inspection[]; abilities: { manage: boolean } }>('/api/plan/inspections'),
  });
  const orgs = useOrgs();
  const [form] = Form.useForm();
  const create = useMutation({
    mutationFn: (v: Record<string, unknown>) => post<{ id: string }>('/api/plan/inspections', v),
    onSuccess: (r) => {
      qc.invalidateQueries({ queryKey: ['inspections'] });
      nav(`/admin/inspections/${r.id}`);
    },
  });
  return (
    <>
      <Typography.Title level={2}>政府督查</Typography.Title>
      <Typography.Paragraph type="secondary">
        督查前必须制定督查方案，写明督查内容、对象和范围；同一单位同一期间不得重复督查（《政府督查工作条例》第十五条）。
        督查方案报本级人民政府行政首长批准后方可开始督查（第十一条）。
      </Typography.Paragraph>
      {q.error && <Alert type="error" showIcon title={(q.error as Error).message} />}
      <Table<Inspection>
        rowKey="id"
        loading={q.isLoading}
        pagination={false}
        dataSource={q.data?.items ?? []}
        style={{ marginBottom: 16 }}
        columns={[
          { title: '督查事项', render: (_, i) => <Link to={`/admin/inspections/${i.id}`}>{i.title}</Link> },
          { title: '期间', render: (_, i) => `${i.startsOn} 至 ${i.endsOn}` },
          { title: '督查对象', render: (_, i) => i.targets.map((t) => t.orgName).join('、') },
          { title: '状态', render: (_, i) => <Tag>{INSPECTION_STATUS_ZH[i.status]}</Tag> },
          {
            title: '督办单',
            render: (_, i) => `${i.orders.filter((o) => o.status === 'answered').length}/${i.orders.length} 已答复`,
          },
        ]}
      />
      {q.data?.abilities.manage && (
        <Card title="制定督查方案" size="small">
          <Form form={form} name="inspection-plan" layout="vertical" onFinish={(v) => create.mutate(v)}>
            <Form.Item name="title" label="督查事项" rules={[{ required: true, message: '请填写督查事项' }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item
              name="basis"
              label="督查依据（政府决定或负责人批示，第十一条）"
              rules={[{ required: true, message: '请填写督查依据' }]}
            >
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item
              name="scope"
              label="督查内容和范围"
              rules={[{ required: true, message: '请填写督查内容和范围' }]}
            >
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item
              name="methods"
              label="督查方式（第十二条：听取汇报、检查、暗访、座谈等）"
              rules={[{ required: true, message: '请填写督查方式' }]}
            >
              <Input maxLength={500} />
            </Form.Item>
            <Form.Item name="startsOn" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="endsOn" label="结束日期" rules={[{ required: true, message: '请选择结束日期' }]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item
              name="targetOrgIds"
              label="督查对象"
              rules={[{ required: true, message: '请至少选择一个督查对象' }]}
            >
              <TreeSelect
                multiple
                treeDefaultExpandAll
                showSearch={{ treeNodeFilterProp: 'title' }}
                treeData={toTree((orgs.data?.items ?? []).filter((o) => o.active))}
                placeholder="选择被督查单位"
              />
            </Form.Item>
            {create.error && (
              <Alert type="error" showIcon title={(create.error as Error).message} style={{ marginBottom: 12 }} />
            )}
            <Button type="primary" htmlType="submit" loading={create.isPending}>
              保存督查方案
            </Button>
          </Form>
        </Card>
      )}
    </>
  );
}
