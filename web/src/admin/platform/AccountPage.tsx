import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, del, fmtTime, get, post } from '../../shared/api';
import { useMe, useRefreshMe } from '../../shared/auth';
import type { ApiTokenDto as Token, CreatedTokenDto } from '../../../../src/platform/auth/auth.contract';

export function AccountPage() {
  const me = useMe()!;
  const { message } = App.useApp();
  const refresh = useRefreshMe();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [err, setErr] = useState<string | null>(null);
  const [newToken, setNewToken] = useState<string | null>(null);
  const tokens = useQuery({
    queryKey: ['tokens'],
    queryFn: () => get<{ items: Token[] }>('/api/account/tokens'),
    enabled: !me.mustChangePassword,
  });
  const change = useMutation({
    mutationFn: (v: { currentPassword: string; newPassword: string }) => post('/api/account/password', v),
    onSuccess: async () => {
      setErr(null);
      form.resetFields();
      message.success('密码已修改');
      await refresh();
    },
    onError: (e) => setErr(e instanceof ApiError ? e.message : '修改失败'),
  });
  const create = useMutation({
    mutationFn: (v: { name: string }) => post<CreatedTokenDto>('/api/account/tokens', v),
    onSuccess: (r) => {
      setNewToken(r.token);
      qc.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => del(`/api/account/tokens/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['tokens'] }),
  });
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>我的账号</Typography.Title>
      {me.mustChangePassword && <Alert type="warning" showIcon title="您正在使用系统生成的初始密码，请先修改密码。" />}
      <Card title="修改密码" style={{ maxWidth: 560 }}>
        {err && <Alert type="error" showIcon title={err} role="alert" style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={(v) => change.mutate(v)}>
          <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请填写当前密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            label="新密码"
            name="newPassword"
            extra="至少 10 位，包含大写字母、小写字母、数字、符号中的至少三类，且不包含用户名"
            rules={[{ required: true, message: '请填写新密码' }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="确认新密码"
            name="confirm"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次填写新密码' },
              ({ getFieldValue }) => ({
                validator: (_, v) =>
                  v === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error('两次填写的新密码不一致')),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={change.isPending}>
            修改密码
          </Button>
        </Form>
      </Card>
      {!me.mustChangePassword && (
        <Card title="接口令牌（供系统对接使用）">
          {newToken && (
            <Alert
              type="success"
              showIcon
              title="令牌已创建，请立即复制保存，离开本页后无法再次查看："
              description={
                <Typography.Text copyable code>
                  {newToken}
                </Typography.Text>
              }
              style={{ marginBottom: 16 }}
            />
          )}
          <Form layout="inline" onFinish={(v) => create.mutate(v)} style={{ marginBottom: 16 }}>
            <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写令牌名称' }]}>
              <Input />
            </Form.Item>
            <Button htmlType="submit">创建令牌</Button>
          </Form>
          <Table
            rowKey="id"
            size="small"
            dataSource={tokens.data?.items ?? []}
            pagination={false}
            columns={[
              { title: '名称', dataIndex: 'name' },
              { title: '前缀', dataIndex: 'prefix' },
              { title: '创建时间', dataIndex: 'createdAt', render: fmtTime },
              { title: '最近使用', dataIndex: 'lastUsedAt', render: fmtTime },
              { title: '状态', render: (_, t) => (t.revoked ? '已吊销' : '有效') },
              {
                title: '操作',
                render: (_, t) =>
                  !t.revoked && (
                    <Button size="small" danger onClick={() => revoke.mutate(t.id)}>
                      吊销
                    </Button>
                  ),
              },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
