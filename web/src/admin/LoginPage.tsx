import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, get, post, setCsrfToken } from '../shared/api';
import { useRefreshMe, type Me } from '../shared/auth';

export function LoginPage() {
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const nav = useNavigate();
  const [params] = useSearchParams();
  const refresh = useRefreshMe();
  const setup = useQuery({ queryKey: ['setup'], queryFn: () => get<{ needsSetup: boolean }>('/api/setup') });
  const onFinish = async (v: { username: string; password: string }) => {
    setLoading(true);
    setError(null);
    try {
      const me = await post<Me>('/api/auth/login', v);
      setCsrfToken(me.csrfToken);
      await refresh();
      nav(me.mustChangePassword ? '/admin/account' : (params.get('next') ?? '/admin/workbench'));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '登录失败，请稍后重试。');
    } finally {
      setLoading(false);
    }
  };
  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f1ea' }}>
      <Card style={{ width: 420 }}>
        <Typography.Title level={1} style={{ fontSize: 24, textAlign: 'center' }}>
          数字法治政府平台 · 工作台登录
        </Typography.Title>
        {setup.data?.needsSetup && (
          <Alert
            type="warning"
            showIcon
            title="本系统尚未初始化，还没有任何账号。"
            description={<a href="/setup">前往首次安装，建立本级政府和系统管理员</a>}
            style={{ marginBottom: 16 }}
          />
        )}
        {params.get('expired') && <Alert type="warning" showIcon title="登录已过期，请重新登录。" style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
        <Form layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请填写用户名' }]}>
            <Input autoComplete="username" id="username" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请填写密码' }]}>
            <Input.Password autoComplete="current-password" id="password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={loading}>
            登录
          </Button>
        </Form>
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
          <a href="/">返回政务公开首页</a>
        </Typography.Paragraph>
      </Card>
    </main>
  );
}
