import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  Row,
  Select,
  Space,
  Switch,
  Tag,
  Tree,
  TreeSelect,
  Typography,
} from 'antd';
import { useState } from 'react';
import { ApiError, patch, post } from '../../shared/api';
import { OrgsExcelCard } from './OrgsExcelCard';
import { ORG_KIND_LABELS, toTree, useOrgs } from './useOrgs';

export function OrgsPage() {
  const orgs = useOrgs();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [err, setErr] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (v: Record<string, unknown>) => post('/api/orgs', { ...v, code: v.code || null }),
    onSuccess: () => {
      setErr(null);
      form.resetFields();
      message.success('单位已创建');
      qc.invalidateQueries({ queryKey: ['orgs'] });
    },
    onError: (e) => setErr(e instanceof ApiError ? e.message : '创建失败'),
  });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editForm] = Form.useForm();
  const [editErr, setEditErr] = useState<string | null>(null);
  const update = useMutation({
    mutationFn: (v: { name: string; shortName?: string; active: boolean }) =>
      patch(`/api/orgs/${selectedId}`, { name: v.name, shortName: v.shortName || null, active: v.active }),
    onSuccess: () => {
      setEditErr(null);
      message.success('单位已保存');
      qc.invalidateQueries({ queryKey: ['orgs'] });
    },
    onError: (e) => setEditErr(e instanceof ApiError ? e.message : '保存失败'),
  });
  const canManage = orgs.data?.abilities.manageOrgs ?? false;
  const items = orgs.data?.items ?? [];
  const tree = toTree(items);
  const byId = new Map(items.map((o) => [o.id, o]));
  return (
    <>
      <Typography.Title level={2}>单位管理</Typography.Title>
      <Row gutter={24}>
        <Col xs={24} lg={14}>
          <Card title={`单位树（共 ${items.length} 个）`}>
            {tree.length > 0 && (
              <Tree
                defaultExpandAll
                onSelect={(keys) => {
                  const o = byId.get(String(keys[0] ?? ''));
                  setSelectedId(o?.id ?? null);
                  setEditErr(null);
                  if (o) editForm.setFieldsValue({ name: o.name, shortName: o.shortName ?? '', active: o.active });
                }}
                treeData={tree}
                titleRender={(n) => {
                  const o = byId.get(String(n.key));
                  return (
                    <span>
                      {String(n.title)} <Tag>{ORG_KIND_LABELS[o?.kind ?? 'other']}</Tag>
                      {o && !o.active && <Tag color="default">已停用</Tag>}
                    </span>
                  );
                }}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          {canManage && selectedId && (
            <Card title={`修改单位：${byId.get(selectedId)?.name ?? ''}`} style={{ marginBottom: 16 }}>
              {editErr && <Alert type="error" showIcon title={editErr} role="alert" style={{ marginBottom: 16 }} />}
              <Form form={editForm} layout="vertical" onFinish={(v) => update.mutate(v)}>
                <Form.Item label="单位名称" name="name" rules={[{ required: true, message: '请填写单位名称' }]}>
                  <Input />
                </Form.Item>
                <Form.Item label="简称" name="shortName">
                  <Input />
                </Form.Item>
                <Form.Item label="启用" name="active" valuePropName="checked">
                  <Switch />
                </Form.Item>
                <Space>
                  <Button type="primary" htmlType="submit" loading={update.isPending}>
                    保存
                  </Button>
                  <Button onClick={() => setSelectedId(null)}>取消</Button>
                </Space>
              </Form>
            </Card>
          )}
          {canManage && (
            <Card title="新建单位">
              {err && <Alert type="error" showIcon title={err} role="alert" style={{ marginBottom: 16 }} />}
              <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
                <Form.Item label="上级单位" name="parentId" rules={[{ required: true, message: '请选择上级单位' }]}>
                  <TreeSelect
                    treeData={tree}
                    treeDefaultExpandAll
                    showSearch
                    treeNodeFilterProp="title"
                    placeholder="选择上级单位"
                    id="org-parent"
                  />
                </Form.Item>
                <Form.Item label="单位名称" name="name" rules={[{ required: true, message: '请填写单位名称' }]}>
                  <Input id="org-name" />
                </Form.Item>
                <Form.Item label="简称" name="shortName">
                  <Input />
                </Form.Item>
                <Form.Item label="类型" name="kind" initialValue="department" rules={[{ required: true }]}>
                  <Select
                    id="org-kind"
                    options={Object.entries(ORG_KIND_LABELS)
                      .filter(([k]) => k !== 'government')
                      .map(([value, label]) => ({ value, label }))}
                  />
                </Form.Item>
                <Form.Item label="单位代码" name="code" extra="字母、数字、下划线或连字符，可不填">
                  <Input />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={create.isPending}>
                  创建单位
                </Button>
              </Form>
            </Card>
          )}
          {canManage && <OrgsExcelCard />}
        </Col>
      </Row>
    </>
  );
}
