import { useQuery } from '@tanstack/react-query';
import { Alert, Input, InputNumber, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { PublicDocListDto } from '../../../../src/modules/normative-docs/normative-docs.contract';
import { get } from '../../shared/api';
import { Snippet } from './Snippet';

/** 行政规范性文件库: documents in force, expired and repealed, by issuing body, year and status, with search. */
export function LibraryPage() {
  const [status, setStatus] = useState<string | undefined>('in_force');
  const [orgId, setOrgId] = useState<string | undefined>();
  const [year, setYear] = useState<number | null>(null);
  const [q, setQ] = useState('');
  const params = new URLSearchParams({ pageSize: '50' });
  if (status) params.set('status', status);
  if (orgId) params.set('orgId', orgId);
  if (year) params.set('year', String(year));
  if (q) params.set('q', q);
  const r = useQuery({
    queryKey: ['public-normative', params.toString()],
    queryFn: () => get<PublicDocListDto>(`/api/public/normative-docs?${params}`),
  });
  return (
    <>
      <Typography.Title level={2}>行政规范性文件库</Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder="全文检索，如：食品经营许可"
          allowClear
          enterButton="检索"
          style={{ width: 320 }}
          onSearch={setQ}
          aria-label="全文检索"
        />
        <Select
          style={{ width: 140 }}
          allowClear
          placeholder="状态"
          value={status}
          onChange={setStatus}
          aria-label="状态"
          options={[
            { value: 'in_force', label: '现行有效' },
            { value: 'expired', label: '已失效' },
            { value: 'repealed', label: '已废止' },
          ]}
        />
        <Select
          style={{ width: 220 }}
          allowClear
          placeholder="制定机关"
          value={orgId}
          onChange={setOrgId}
          aria-label="制定机关"
          options={(r.data?.bodies ?? []).map((b) => ({ value: b.orgId, label: b.name }))}
        />
        <InputNumber
          placeholder="年份"
          min={1990}
          max={2100}
          value={year}
          onChange={(v) => setYear(v)}
          aria-label="年份"
        />
      </Space>
      {r.error && <Alert type="error" showIcon title={(r.error as Error).message} />}
      <Typography.Paragraph>
        共 {r.data?.total ?? 0} 件{r.data?.totalCapped ? '以上' : ''}
      </Typography.Paragraph>
      <List
        loading={r.isLoading}
        dataSource={r.data?.items ?? []}
        renderItem={(d) => (
          <List.Item>
            <div>
              <Link to={`/normative-docs/${d.id}`} style={{ fontSize: 18 }}>
                {d.title}
              </Link>
              <div style={{ marginTop: 4 }}>
                <Tag color={d.status === 'in_force' ? '#237804' : d.status === 'repealed' ? '#a8071a' : 'default'}>
                  {d.statusLabel}
                </Tag>
                {d.orgName} · {d.registrationNo ?? ''} · 公布：{d.publishedOn ?? '—'} · 有效期至：{d.validUntil ?? '—'}
              </div>
              <Snippet parts={d.snippet} />
            </div>
          </List.Item>
        )}
      />
    </>
  );
}
