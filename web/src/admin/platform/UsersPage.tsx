import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import { useState } from 'react';
import { ApiError, get, patch, post } from '../../shared/api';
import { toTree, useOrgs } from './useOrgs';
import type { CreatedUserDto, UserDto } from '../../../../src/modules/identity/identity.contract';

const ROLE_OPTIONS = [
  ['system_admin', '系统管理员'],
  ['legality_reviewer', '合法性审查人员'],
  ['liaison', '法治联络员'],
  ['principal_head', '主要负责人'],
  ['staff', '工作人员'],
  ['enforcement_officer', '执法人员'],
  ['legal_adviser', '法律顾问'],
  ['leader', '领导（只读）'],
  ['coordinator', '依法治区办（统筹协调）'],
].map(([value, label]) => ({ value, label }));
const ROLE_LABEL = Object.fromEntries(ROLE_OPTIONS.map((o) => [o.value, o.label]));

/** A user as the API returns it (the identity contract). */
type User = UserDto;

export function UsersPage() {
  const qc = useQueryClient();
  const orgs = useOrgs();
  const [q, setQ] = useState('');
  const users = useQuery({
    queryKey: ['users', q],
    queryFn: () => get<{ items: User[] }>(`/api/users${q ? `?q=${encodeURIComponent(q)}` : ''}`),
  });
  const [open, setOpen] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const [created, setCreated] = useState<{ username: string; password: string } | null>(null);
  const [form] = Form.useForm();
  const tree = toTree(orgs.data?.items ?? []);
  const [actionErr, setActionErr] = useState<string | null>(null);
  const onError = (e: unknown) => setActionErr(e instanceof ApiError ? e.message : '操作失败');
  const reset = useMutation({
    mutationFn: (u: User) =>
      post<{ initialPassword: string }>(`/api/users/${u.id}/reset-password`).then((r) => ({ u, r })),
    onSuccess: ({ u, r }) => {
      setActionErr(null);
      setCreated({ username: u.username, password: r.initialPassword });
      qc.invalidateQueries({ queryKey: ['users'] });
    },
    onError,
  });
  const toggle = useMutation({
    mutationFn: (u: User) => patch(`/api/users/${u.id}`, { active: !u.active }),
    onSuccess: () => {
      setActionErr(null);
      qc.invalidateQueries({ queryKey: ['users'] });
    },
    onError,
  });
  const create = useMutation({
    mutationFn: (v: {
      username: string;
      displayName: string;
      orgId: string;
      roles: string[];
      subtree: boolean;
      phone?: string;
    }) =>
      post<CreatedUserDto>('/api/users', {
        username: v.username,
        displayName: v.displayName,
        orgId: v.orgId,
        phone: v.phone || null,
        grants: (v.roles ?? []).map((role) => ({ role, orgId: v.orgId, includeSubtree: !!v.subtree })),
      }),
    onSuccess: (r) => {
      setErr(null);
      setOpen(false);
      form.resetFields();
      setCreated({ username: r.user.username, password: r.initialPassword });
      qc.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (e) => setErr(e instanceof ApiError ? e.message : '创建失败'),
  });
  return (
    <>
      <Typography.Title level={2}>用户管理</Typography.Title>
      {created && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setCreated(null)}
          title={`用户 ${created.username} 的初始密码已生成`}
          description={
            <>
              初始密码（只显示这一次，请当面或通过安全渠道告知本人，首次登录须修改）：
              <Typography.Text copyable code>
                {created.password}
              </Typography.Text>
            </>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      {actionErr && (
        <Alert
          type="error"
          showIcon
          title={actionErr}
          role="alert"
          closable
          onClose={() => setActionErr(null)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Space style={{ marginBottom: 16 }}>
        <Input.Search placeholder="按用户名或姓名搜索" allowClear onSearch={setQ} aria-label="搜索用户" />
        <Button type="primary" onClick={() => setOpen(true)}>
          新建用户
        </Button>
      </Space>
      <Card>
        <Table
          rowKey="id"
          loading={users.isLoading}
          dataSource={users.data?.items ?? []}
          columns={[
            { title: '用户名', dataIndex: 'username' },
            { title: '姓名', dataIndex: 'displayName' },
            { title: '所属单位', dataIndex: 'orgName' },
            {
              title: '角色',
              render: (_, u) =>
                u.grants.map((g) => (
                  <Tag
                    key={`${g.role}${g.orgName}`}
                  >{`${ROLE_LABEL[g.role] ?? g.role}@${g.orgName}${g.includeSubtree ? '（含下级）' : ''}`}</Tag>
                )),
            },
            {
              title: '状态',
              render: (_, u) => (u.active ? (u.mustChangePassword ? '待修改初始密码' : '正常') : '已停用'),
            },
            {
              title: '操作',
              render: (_, u) => (
                <Space>
                  <Popconfirm
                    title={`确定重置 ${u.displayName} 的密码？其现有登录将失效。`}
                    okText="重置"
                    cancelText="取消"
                    onConfirm={() => reset.mutate(u)}
                  >
                    <Button size="small">重置密码</Button>
                  </Popconfirm>
                  <Button size="small" danger={u.active} onClick={() => toggle.mutate(u)}>
                    {u.active ? '停用' : '启用'}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        title="新建用户"
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText="创建"
        cancelText="取消"
        confirmLoading={create.isPending}
        forceRender
      >
        {err && <Alert type="error" showIcon title={err} role="alert" style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请填写用户名' }]}>
            <Input id="user-username" autoComplete="off" />
          </Form.Item>
          <Form.Item label="姓名" name="displayName" rules={[{ required: true, message: '请填写姓名' }]}>
            <Input id="user-name" />
          </Form.Item>
          <Form.Item label="所属单位" name="orgId" rules={[{ required: true, message: '请选择所属单位' }]}>
            <TreeSelect id="user-org" treeData={tree} treeDefaultExpandAll showSearch treeNodeFilterProp="title" />
          </Form.Item>
          <Form.Item label="角色（在所属单位）" name="roles">
            <Select id="user-roles" mode="multiple" options={ROLE_OPTIONS} />
          </Form.Item>
          <Form.Item label="角色覆盖下级单位" name="subtree" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item label="电话" name="phone">
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
