import { useQuery } from '@tanstack/react-query';
import { Alert, Card, List, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { fmtTime, get } from '../../shared/api';
import type {
  CatalogDto as Catalog,
  PublicCatalogDetailDto as Detail,
} from '../../../../src/modules/decisions/decisions.contract';
import { ProofBadge } from './ProofBadge';

/** 重大行政决策 column: published catalogs by year and decision body. */
export function PublicCatalogsPage() {
  const [year, setYear] = useState<number | 0>(0);
  const [body, setBody] = useState<string>('');
  const q = useQuery({
    queryKey: ['public-decision-catalogs'],
    queryFn: () => get<{ items: Catalog[] }>('/api/public/decisions/catalogs'),
  });
  const all = q.data?.items ?? [];
  const years = [...new Set(all.map((c) => c.year))].sort((a, b) => b - a);
  const bodies = [...new Map(all.map((c) => [c.bodyOrgId, c.bodyName])).entries()];
  const shown = all.filter((c) => (!year || c.year === year) && (!body || c.bodyOrgId === body));
  return (
    <>
      <Typography.Title level={2}>重大行政决策</Typography.Title>
      <Typography.Paragraph style={{ fontSize: 16 }}>
        决策机关每年公布重大行政决策事项目录。点击事项可查看决策进展、参与正在征求意见的事项，并查看意见采纳情况。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label="按年度筛选"
          style={{ width: 140 }}
          value={year}
          onChange={setYear}
          options={[{ value: 0, label: '全部年度' }, ...years.map((y) => ({ value: y, label: `${y} 年` }))]}
        />
        <Select
          aria-label="按决策机关筛选"
          style={{ width: 220 }}
          value={body}
          onChange={setBody}
          options={[{ value: '', label: '全部决策机关' }, ...bodies.map(([value, label]) => ({ value, label }))]}
        />
      </Space>
      {q.error && <Alert type="error" showIcon title={(q.error as Error).message} />}
      <List
        bordered
        dataSource={shown}
        locale={{ emptyText: '暂无已公布的决策事项目录' }}
        renderItem={(c) => (
          <List.Item>
            <Link to={`/decisions/catalogs/${c.id}`} style={{ fontSize: 18 }}>
              {c.title}
            </Link>
            <span>
              {c.bodyName} · {c.items} 项 · 第 {c.version} 版 · {fmtTime(c.publishedAt)}
            </span>
          </List.Item>
        )}
      />
    </>
  );
}

export function PublicCatalogPage() {
  const { id } = useParams();
  const q = useQuery({
    queryKey: ['public-decision-catalog', id],
    queryFn: () => get<Detail>(`/api/public/decisions/catalogs/${id}`),
  });
  const c = q.data;
  if (!c) return q.error ? <Alert type="error" showIcon title={(q.error as Error).message} /> : null;
  const s = c.stats;
  const latest = c.versions[0];
  return (
    <>
      <Typography.Title level={2}>{c.title}</Typography.Title>
      <Typography.Paragraph style={{ fontSize: 16 }}>
        {c.bodyName} · 第 {c.version} 版 · 公布于 {fmtTime(c.publishedAt)} <ProofBadge hash={latest?.leafHash} />{' '}
        <a href={`/api/public/decisions/catalogs/${c.id}/docx`} style={{ textDecoration: 'underline' }}>
          下载目录（DOCX）
        </a>
      </Typography.Paragraph>
      <Card style={{ marginBottom: 16 }}>
        <Space size="large" wrap>
          <Statistic title="事项数" value={s.items} />
          <Statistic title="同比上年" value={s.yoyPct === null ? '—' : `${s.yoyPct > 0 ? '+' : ''}${s.yoyPct}%`} />
          <Statistic title="按期完成率" value={s.onSchedulePct === null ? '—' : `${s.onSchedulePct}%`} />
        </Space>
      </Card>
      <Table
        rowKey="id"
        pagination={false}
        dataSource={c.items}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 70 },
          {
            title: '事项名称',
            render: (_: unknown, i: Detail['items'][number]) => <Link to={`/decisions/items/${i.id}`}>{i.title}</Link>,
          },
          { title: '承办单位', dataIndex: 'leadUnit', width: 180 },
          { title: '计划完成时间', dataIndex: 'plannedCompletionOn', width: 130 },
          { title: '进展', dataIndex: 'statusLabel', width: 180, render: (l: string) => <Tag color="blue">{l}</Tag> },
        ]}
      />
      <Typography.Title level={3} style={{ marginTop: 24 }}>
        目录版本
      </Typography.Title>
      <List
        bordered
        dataSource={c.versions}
        renderItem={(v) => (
          <List.Item>
            <span>
              第 {v.version} 版（{fmtTime(v.publishedAt)}）：{v.reason ? `调整理由：${v.reason}` : '首次公布'}
            </span>
            <ProofBadge hash={v.leafHash} />
          </List.Item>
        )}
      />
    </>
  );
}
