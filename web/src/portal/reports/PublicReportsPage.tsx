import { useQuery } from '@tanstack/react-query';
import { Alert, List, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import type {
  PublicReportListItemDto as Item,
  PublicReportWithProofDto as Report,
} from '../../../../src/modules/reports/reports.contract';
import { get } from '../../shared/api';
import { discrepancyText } from '../decisions/ProofBadge';

/** Published annual reports (督察规定 Art 24: made public by 1 April). */
export function PublicReportsPage() {
  const q = useQuery({ queryKey: ['public-reports'], queryFn: () => get<{ items: Item[] }>('/api/public/reports') });
  return (
    <>
      <Typography.Title level={2}>法治政府建设年度报告</Typography.Title>
      <List
        bordered
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: '暂无已公开的年度报告' }}
        renderItem={(r) => (
          <List.Item>
            <Link to={`/reports/${r.id}`} style={{ fontSize: 18 }}>
              {r.title}
            </Link>
            <span>{r.publishedAt.slice(0, 10)}</span>
          </List.Item>
        )}
      />
    </>
  );
}

export function PublicReportPage() {
  const { id } = useParams();
  const q = useQuery({ queryKey: ['public-report', id], queryFn: () => get<Report>(`/api/public/reports/${id}`) });
  const r = q.data;
  if (!r) return q.error ? <Alert type="error" showIcon title={(q.error as Error).message} /> : null;
  return (
    <article>
      <Typography.Title level={2} style={{ textAlign: 'center' }}>
        {r.title}
      </Typography.Title>
      <Typography.Paragraph style={{ textAlign: 'center' }}>
        {r.orgName} 公开日期：{r.publishedAt?.slice(0, 10)}{' '}
        {r.proof && discrepancyText(r.proof.recordState) && (
          <Tag color="red">{discrepancyText(r.proof.recordState)}</Tag>
        )}
        {r.proof && !discrepancyText(r.proof.recordState) && (
          <span style={{ background: '#135200', color: '#fff', padding: '2px 8px', borderRadius: 4 }}>
            {r.proof.status === 'included' ? `已上链存证（第 ${r.proof.entry?.index} 号）` : '已提交上链，等待检查点'}
          </span>
        )}{' '}
        <a href={`/api/public/reports/${r.id}/docx`} style={{ textDecoration: 'underline' }}>
          下载 DOCX
        </a>
      </Typography.Paragraph>
      {r.sections.map((s) => (
        <section key={s.key}>
          <Typography.Title level={3}>{s.heading}</Typography.Title>
          {s.text.split(/\n+/).map((p) => (
            <Typography.Paragraph
              key={`${s.key}-${p.slice(0, 24)}`}
              style={{ fontSize: 18, textIndent: '2em', lineHeight: 1.9 }}
            >
              {p}
            </Typography.Paragraph>
          ))}
        </section>
      ))}
    </article>
  );
}
