import { Layout, Menu, Typography } from 'antd';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { PORTAL_ROUTES } from './routes';

export function PortalLayout() {
  const nav = useNavigate();
  const loc = useLocation();
  const items = PORTAL_ROUTES.filter((r) => r.nav)
    .sort((a, b) => (a.nav!.order ?? 100) - (b.nav!.order ?? 100))
    .map((r) => ({ key: `/${r.path}`, label: r.nav!.label }));
  const selected = items
    .map((i) => i.key)
    .filter((k) => (k === '/' ? loc.pathname === '/' : loc.pathname.startsWith(k)));
  return (
    <Layout style={{ minHeight: '100vh', background: '#fbf8f3' }}>
      <header style={{ background: '#8c1c22', padding: '16px 32px' }}>
        <Typography.Title level={1} style={{ color: '#fff', margin: 0, fontSize: 26 }}>
          示例区人民政府 · 政务公开
        </Typography.Title>
        <Typography.Text style={{ color: '#f6dede' }}>法治政府建设 · 公开透明 · 可验证</Typography.Text>
      </header>
      <nav aria-label="政务公开栏目">
        <Menu
          mode="horizontal"
          items={items}
          selectedKeys={selected}
          onClick={(e) => nav(e.key)}
          style={{ paddingInline: 24, fontSize: 17 }}
        />
      </nav>
      <Layout.Content style={{ padding: '24px 32px', maxWidth: 1200, width: '100%', margin: '0 auto' }}>
        <main>
          <Outlet />
        </main>
      </Layout.Content>
      <footer style={{ textAlign: 'center', padding: 24, color: '#333' }}>
        示例区人民政府主办 · 公开内容均已上链存证，可在「存证核验」栏目独立核验 ·{' '}
        <Link to="/login" style={{ textDecoration: 'underline' }}>
          工作人员登录
        </Link>
      </footer>
    </Layout>
  );
}
