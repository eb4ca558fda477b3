import { useQuery } from '@tanstack/react-query';
import { Alert, Input, List, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { get } from '../../shared/api';
import { Snippet } from '../normative-docs/Snippet';
import { LAW_STATUS_LABELS, type SearchResultDto } from '../../../../src/modules/laws/laws.contract';

const STATUS: Record<string, string> = {
  ...LAW_STATUS_LABELS,
  in_force: '现行有效',
  expired: '已失效',
  repealed: '已废止',
};

/** Full-text search over the law library and published normative documents (Chinese word segmentation). */
export function SearchPage() {
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<string>('');
  const r = useQuery({
    queryKey: ['public-search', q, kind],
    queryFn: () =>
      get<SearchResultDto>(`/api/public/search?q=${encodeURIComponent(q)}&pageSize=30${kind ? `&kind=${kind}` : ''}`),
    enabled: q.trim().length > 0,
  });
  return (
    <>
      <Typography.Title level={2}>法律法规与规范性文件检索</Typography.Title>
      <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }}>
        <Input.Search
          size="large"
          placeholder="输入检索词，如：行政复议"
          enterButton="检索"
          onSearch={setQ}
          allowClear
          aria-label="检索词"
        />
        <Radio.Group value={kind} onChange={(e) => setKind(e.target.value)} aria-label="检索范围">
          <Radio.Button value="">全部</Radio.Button>
          <Radio.Button value="law">法律法规</Radio.Button>
          <Radio.Button value="normative_doc">规范性文件</Radio.Button>
        </Radio.Group>
      </Space>
      {r.error && <Alert type="error" showIcon title={(r.error as Error).message} />}
      {r.data && (
        <Typography.Paragraph>
          共找到 {r.data.total} 条{r.data.totalCapped ? '以上' : ''}结果（用时 {r.data.tookMs} 毫秒）
        </Typography.Paragraph>
      )}
      <List
        loading={r.isFetching}
        dataSource={r.data?.items ?? []}
        renderItem={(h) => (
          <List.Item>
            <div>
              <Link to={h.kind === 'law' ? `/laws/${h.id}` : `/normative-docs/${h.id}`} style={{ fontSize: 18 }}>
                {h.title}
              </Link>{' '}
              <Tag>{h.kind === 'law' ? '法律法规' : '规范性文件'}</Tag>
              <Tag color={h.status === 'current' || h.status === 'in_force' ? '#237804' : 'default'}>
                {STATUS[h.status] ?? h.status}
              </Tag>
              <div style={{ color: '#555' }}>{h.subtitle}</div>
              <Snippet parts={h.snippet} />
            </div>
          </List.Item>
        )}
      />
    </>
  );
}
