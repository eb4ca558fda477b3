import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Result, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, get, post } from '../shared/api';

interface Created {
  username: string;
  displayName: string;
  orgName: string;
  initialPassword: string;
}

/**
 * The first-run page of a new installation: the government (the root of the organisation tree) and its first
 * system administrator, with the token the server printed at start. The one-time password is shown once.
 */
export function SetupPage() {
  const status = useQuery({ queryKey: ['setup'], queryFn: () => get<{ needsSetup: boolean }>('/api/setup') });
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const onFinish = async (v: Record<string, string>) => {
    setLoading(true);
    setError(null);
    try {
      setCreated(await post<Created>('/api/setup', v));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '初始化失败，请稍后重试。');
    } finally {
      setLoading(false);
    }
  };
  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f1ea' }}>
      <Card style={{ width: 520 }}>
        <Typography.Title level={1} style={{ fontSize: 24, textAlign: 'center' }}>
          数字法治政府平台 · 首次安装
        </Typography.Title>
        {created ? (
          <Result
            status="success"
            title={`已建立「${created.orgName}」和系统管理员`}
            subTitle={
              <>
                用户名：<strong>{created.username}</strong>（{created.displayName}）
                <br />
                一次性密码：<strong data-testid="initial-password">{created.initialPassword}</strong>
                <br />
                此密码只显示这一次，请立即记下；首次登录后须修改密码。
              </>
            }
            extra={
              <Button type="primary" href="/login">
                前往登录
              </Button>
            }
          />
        ) : status.data && !status.data.needsSetup ? (
          <Alert
            type="info"
            showIcon
            title="系统已经初始化。"
            description={
              <>
                请使用管理员账号<a href="/login">登录</a>，在工作台管理单位和用户。
              </>
            }
          />
        ) : (
          <>
            <Typography.Paragraph>
              本系统尚未建立任何单位。请填写本级政府和首个系统管理员的信息。首次安装令牌显示在服务启动时的控制台中。
            </Typography.Paragraph>
            {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
            <Form layout="vertical" onFinish={onFinish} requiredMark={false}>
              <Form.Item label="首次安装令牌" name="token" rules={[{ required: true, message: '请填写首次安装令牌' }]}>
                <Input id="token" autoComplete="off" />
              </Form.Item>
              <Form.Item label="本级政府名称" name="governmentName" rules={[{ required: true, message: '请填写政府名称' }]}>
                <Input id="governmentName" placeholder="例如：示例区人民政府" />
              </Form.Item>
              <Form.Item label="单位代码" name="governmentCode" rules={[{ required: true, message: '请填写单位代码' }]}>
                <Input id="governmentCode" placeholder="字母、数字、下划线或连字符，例如 SLQ" />
              </Form.Item>
              <Form.Item label="管理员用户名" name="adminUsername" rules={[{ required: true, message: '请填写用户名' }]}>
                <Input id="adminUsername" autoComplete="off" />
              </Form.Item>
              <Form.Item label="管理员姓名" name="adminName" rules={[{ required: true, message: '请填写姓名' }]}>
                <Input id="adminName" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={loading}>
                建立政府和管理员
              </Button>
            </Form>
          </>
        )}
      </Card>
    </main>
  );
}
