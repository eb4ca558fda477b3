import './contrast.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { AdminLayout } from './admin/AdminLayout';
import { LoginPage } from './admin/LoginPage';
import { SetupPage } from './admin/SetupPage';
import { ADMIN_ROUTES } from './admin/routes';
import { PortalLayout } from './portal/PortalLayout';
import { PORTAL_ROUTES } from './portal/routes';

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

// Readable sizes for older users (适老化): base font 16px, generous controls.
// Colours meet WCAG AA contrast (4.5:1) on white and on the portal's paper background.
const theme = {
  token: {
    fontSize: 16,
    colorPrimary: '#b4232a',
    colorLink: '#8c1c22',
    colorTextSecondary: 'rgba(0,0,0,0.68)',
    colorTextDescription: 'rgba(0,0,0,0.68)',
    colorTextTertiary: 'rgba(0,0,0,0.66)',
    colorTextPlaceholder: 'rgba(0,0,0,0.55)',
    // Empty-list texts ("暂无数据") use the disabled colour: readable text, so it must meet AA too.
    colorTextDisabled: 'rgba(0,0,0,0.58)',
    borderRadius: 4,
    controlHeight: 36,
  },
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route path="/setup" element={<SetupPage />} />
              <Route path="/admin" element={<AdminLayout />}>
                <Route index element={<Navigate to="/admin/workbench" replace />} />
                {ADMIN_ROUTES.map((r) => (
                  <Route key={r.path} path={r.path} element={r.element} />
                ))}
              </Route>
              <Route path="/" element={<PortalLayout />}>
                {PORTAL_ROUTES.map((r) => (r.path === '' ? <Route key="index" index element={r.element} /> : <Route key={r.path} path={r.path} element={r.element} />))}
              </Route>
              <Route path="*" element={<Navigate to="/" replace />} />
            </Routes>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
