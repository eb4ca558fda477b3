import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { CatalogEntries } from '../../admin/normative-docs/CatalogEntries';
import { CATALOG_SECTIONS } from '../../admin/normative-docs/types';
import type { PublicDocCatalogListDto } from '../../../../src/modules/normative-docs/normative-docs.contract';
import { get } from '../../shared/api';
import { ProofBadge } from '../decisions/ProofBadge';

/** 规范性文件目录: each issuing body's published catalog of documents made, amended, repealed and lapsed per year. */
export function CatalogsPage() {
  const [year, setYear] = useState<number | 0>(0);
  const [orgId, setOrgId] = useState<string>('');
  const params = new URLSearchParams();
  if (year) params.set('year', String(year));
  if (orgId) params.set('orgId', orgId);
  const q = useQuery({
    queryKey: ['public-normative-catalogs', params.toString()],
    queryFn: () => get<PublicDocCatalogListDto>(`/api/public/normative-catalogs?${params}`),
  });
  return (
    <>
      <Typography.Title level={2}>规范性文件目录</Typography.Title>
      <Typography.Paragraph style={{ fontSize: 16 }}>
        各制定机关每年公布上一年度制定、修改、废止和失效的行政规范性文件目录。目录公布后上链存证，可核验是否被改动。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label="按年度筛选"
          style={{ width: 140 }}
          value={year}
          onChange={setYear}
          options={[
            { value: 0, label: '全部年度' },
            ...(q.data?.years ?? []).map((y) => ({ value: y, label: `${y} 年度` })),
          ]}
        />
        <Select
          aria-label="按制定机关筛选"
          style={{ width: 240 }}
          value={orgId}
          onChange={setOrgId}
          options={[
            { value: '', label: '全部制定机关' },
            ...(q.data?.bodies ?? []).map((b) => ({ value: b.orgId, label: b.name })),
          ]}
        />
      </Space>
      {q.error && <Alert type="error" showIcon title={(q.error as Error).message} />}
      {q.data && q.data.items.length === 0 && <Empty description="暂无已公布的目录" />}
      {(q.data?.items ?? []).map((c) => (
        <Card
          key={c.id}
          title={
            <Typography.Title level={3} style={{ margin: 0, fontSize: 18 }}>
              {c.title}
            </Typography.Title>
          }
          style={{ marginBottom: 16 }}
        >
          <Space wrap style={{ marginBottom: 12 }}>
            <span>
              {c.publishedOn} 公布{c.version > 1 ? `（第 ${c.version} 版，更正理由：${c.reason ?? ''}）` : ''}
            </span>
            <span>{CATALOG_SECTIONS.map((s) => `${s.label} ${c.counts[s.key]} 件`).join('，')}</span>
            <ProofBadge hash={c.leafHash} />
            <a href={`/api/public/normative-catalogs/${c.id}/docx`} style={{ textDecoration: 'underline' }}>
              下载目录（DOCX）
            </a>
          </Space>
          <CatalogEntries c={c} admin={false} />
        </Card>
      ))}
    </>
  );
}
