import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { get } from '../../shared/api';
import type {
  FilingDto as Filing,
  FilingRatesDto,
} from '../../../../src/modules/normative-docs/normative-docs.contract';

type UnitRates = FilingRatesDto['units'][number];

const thisYear = new Date().getFullYear();
const pct = (v: number | null) => (v === null ? '—' : `${v}%`);

/** 示范指标体系第27项 per unit: filing rate, on-time filing rate, conformity rate (the server's figures). */
function RatesCard() {
  const [year, setYear] = useState(thisYear);
  const q = useQuery({
    queryKey: ['normative-filing-rates', year],
    queryFn: () => get<FilingRatesDto>(`/api/normative-filings/rates?year=${year}`),
  });
  const rows: UnitRates[] = q.data ? [...q.data.units, { ...q.data.total, orgId: 'total', orgName: '合计' }] : [];
  return (
    <Card
      title="各单位报备率、及时报备率、规范率"
      size="small"
      style={{ marginBottom: 24 }}
      extra={
        <Space>
          <span>年度</span>
          <Select
            aria-label="统计年度"
            style={{ width: 120 }}
            value={year}
            onChange={setYear}
            options={Array.from({ length: 6 }, (_, i) => ({ value: thisYear - i, label: `${thisYear - i} 年` }))}
          />
        </Space>
      }
    >
      {q.error && <Alert type="error" showIcon title={(q.error as Error).message} />}
      <Typography.Paragraph>
        按当年公布的文件统计：报备率 = 已报送 / 公布数；及时报备率 = 公布后{q.data?.period ?? '30日'}内报送 / 公布数；
        规范率 = 准予备案 / 已完成审查数。
      </Typography.Paragraph>
      <Table<UnitRates>
        rowKey="orgId"
        size="small"
        loading={q.isLoading}
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '单位', dataIndex: 'orgName' },
          { title: '公布', dataIndex: 'published', width: 70 },
          { title: '已报送', dataIndex: 'filed', width: 80 },
          { title: '报备率', dataIndex: 'filingRatePct', width: 90, render: pct },
          { title: '及时报送', dataIndex: 'onTime', width: 90 },
          { title: '及时报备率', dataIndex: 'onTimePct', width: 100, render: pct },
          { title: '完成审查', dataIndex: 'reviewed', width: 90 },
          { title: '规范率', dataIndex: 'conformityPct', width: 90, render: pct },
        ]}
      />
    </Card>
  );
}

/** Filing ledger (备案审查台账): due dates, late and overdue filings, review outcomes. */
export function FilingsPage() {
  const q = useQuery({
    queryKey: ['normative-filings'],
    queryFn: () => get<{ items: Filing[] }>('/api/normative-filings'),
  });
  return (
    <>
      <Typography.Title level={2}>备案审查</Typography.Title>
      <RatesCard />
      {q.error && <Alert type="error" showIcon title={(q.error as Error).message} />}
      <Table<Filing>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        columns={[
          {
            title: '文件',
            dataIndex: 'docTitle',
            render: (t, r) => <Link to={`/admin/normative-docs/${r.docId}`}>{t}</Link>,
          },
          { title: '文号', dataIndex: 'registrationNo', width: 170 },
          { title: '制定机关', dataIndex: 'orgName', width: 150 },
          { title: '报送期限', dataIndex: 'dueOn', width: 120 },
          {
            title: '状态',
            dataIndex: 'statusLabel',
            width: 220,
            render: (v, r) => (
              <>
                <Tag color={r.status === 'accepted' ? 'green' : r.overdue ? 'red' : 'blue'}>{v}</Tag>
                {r.overdue && <Tag color="red">逾期未报</Tag>}
                {r.late && <Tag color="orange">逾期报送</Tag>}
                {r.status === 'returned' && r.supplementDueOn && <Tag color="orange">补正期限 {r.supplementDueOn}</Tag>}
              </>
            ),
          },
        ]}
      />
    </>
  );
}
