import { BellOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Layout, Menu, Result, Space, Spin, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { get, post, setCsrfToken } from '../shared/api';
import { MeContext, useMeQuery } from '../shared/auth';
import { ADMIN_ROUTES } from './routes';

export function AdminLayout() {
  const { data: me, isLoading, error } = useMeQuery();
  const loc = useLocation();
  const nav = useNavigate();
  const qc = useQueryClient();
  const unread = useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: () => get<{ unread: number }>('/api/notifications?unreadOnly=true'),
    enabled: !!me && !me.mustChangePassword,
    refetchInterval: 60_000,
  });
  if (isLoading) return <Spin fullscreen tip="加载中" />;
  if (error) return <Result status="error" title="无法连接服务器" subTitle={(error as Error).message} />;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(loc.pathname)}`} replace />;
  if (me.mustChangePassword && loc.pathname !== '/admin/account') return <Navigate to="/admin/account" replace />;

  const roles = new Set(me.grants.map((g) => g.role));
  const groups = new Map<string, { key: string; label: string; icon?: React.ReactNode; order: number }[]>();
  for (const r of ADMIN_ROUTES) {
    if (!r.menu || (r.roles && !r.roles.some((x) => roles.has(x)))) continue;
    const list = groups.get(r.menu.group) ?? [];
    list.push({ key: `/admin/${r.path}`, label: r.menu.label, icon: r.menu.icon, order: r.menu.order ?? 100 });
    groups.set(r.menu.group, list);
  }
  const items: MenuProps['items'] = [...groups.entries()].map(([group, list]) => ({
    type: 'group',
    key: group,
    label: group,
    children: list.sort((a, b) => a.order - b.order).map(({ key, label, icon }) => ({ key, label, icon })),
  }));
  const selected = [...groups.values()].flat().map((i) => i.key).filter((k) => loc.pathname.startsWith(k)).sort((a, b) => b.length - a.length)[0];

  const logout = async () => {
    await post('/api/auth/logout');
    setCsrfToken(null);
    qc.clear();
    nav('/login');
  };

  return (
    <MeContext.Provider value={me}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, background: '#8c1c22' }}>
          <Typography.Text style={{ color: '#fff', fontSize: 20, fontWeight: 600 }}>示例区数字法治政府平台 · 工作台</Typography.Text>
          <span style={{ flex: 1 }} />
          <Space size="middle">
            <Badge count={unread.data?.unread ?? 0} size="small">
              <Button type="text" aria-label={`通知，${unread.data?.unread ?? 0} 条未读`} icon={<BellOutlined style={{ color: '#fff', fontSize: 18 }} />} onClick={() => nav('/admin/notifications')} />
            </Badge>
            <Button type="text" style={{ color: '#fff' }} icon={<UserOutlined />} onClick={() => nav('/admin/account')}>
              {me.displayName}（{me.orgName}）
            </Button>
            <Button type="text" style={{ color: '#fff' }} icon={<LogoutOutlined />} onClick={logout}>
              退出
            </Button>
          </Space>
        </Layout.Header>
        <Layout>
          <Layout.Sider width={232} theme="light" breakpoint="lg" collapsedWidth={0}>
            <nav aria-label="工作台导航">
              <Menu mode="inline" items={items} selectedKeys={selected ? [selected] : []} onClick={(e) => nav(e.key)} style={{ borderInlineEnd: 0 }} />
            </nav>
          </Layout.Sider>
          <Layout.Content style={{ padding: 24 }}>
            <main>
              <Outlet />
            </main>
          </Layout.Content>
        </Layout>
      </Layout>
    </MeContext.Provider>
  );
}
