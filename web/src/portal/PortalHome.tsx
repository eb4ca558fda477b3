import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Typography } from 'antd';
import { Link } from 'react-router';
import { get } from '../shared/api';
import { PORTAL_ROUTES } from './routes';

/** The portal home: one card per published column, from the route registry. */
export function PortalHome() {
  const health = useQuery({ queryKey: ['health'], queryFn: () => get<{ version: string }>('/api/health') });
  const columns = PORTAL_ROUTES.filter((r) => r.nav && r.path !== '');
  return (
    <>
      <Typography.Title level={2}>欢迎访问示例区法治政府建设信息公开平台</Typography.Title>
      <Typography.Paragraph style={{ fontSize: 17 }}>
        本平台依法公开重大行政决策、行政规范性文件、法治政府建设年度报告等信息。所有公开内容均记入防篡改的默克尔日志（上链），
        您可以在本机浏览器中独立验证所见内容未被修改，无需信任本网站。
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {columns.map((c) => (
          <Col xs={24} md={8} key={c.path}>
            <Link to={`/${c.path}`}>
              <Card hoverable>
                <Typography.Title level={3} style={{ fontSize: 20, margin: 0 }}>
                  {c.nav!.label}
                </Typography.Title>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 24 }}>
        系统版本 {health.data?.version ?? '…'}
      </Typography.Paragraph>
    </>
  );
}
