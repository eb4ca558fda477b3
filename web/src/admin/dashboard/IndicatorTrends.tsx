import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Row, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { get } from '../../shared/api';
import type {
  IndicatorTrendsDto as Trends,
  TrendPointDto as Point,
  TrendSeriesDto as Series,
} from '../../../../src/modules/indicators/indicators.contract';
import { Chart } from './Chart';

/** Colours with AA contrast on white, one per way a figure was obtained. */
const COLOR = { computed: '#1456c8', manual: '#6a2cb8' } as const;
const KIND_ZH = { computed: '系统计算', manual: '人工填报' } as const;
const YEARS = 4;
const MAX = 8;

const fmt = (p: Point, unit: string | null) =>
  p.value === null ? p.provenanceLabel || '无数据' : `${p.value}${unit ?? ''}`;

/** One indicator's values by year; a click on a year opens the indicator tree for that year, at this indicator. */
function TrendCard({ s, onOpen }: { s: Series; onOpen: (year: number) => void }) {
  const option = useMemo(
    () => ({
      tooltip: {
        trigger: 'axis',
        formatter: (ps: { dataIndex: number }[]) => {
          const p = s.points[ps[0]?.dataIndex ?? 0];
          return p ? `${p.year}年：${fmt(p, s.unit)}（${p.provenanceLabel}）` : '';
        },
      },
      grid: { left: 48, right: 16, top: 24, bottom: 28 },
      xAxis: { type: 'category', data: s.points.map((p) => `${p.year}年`) },
      yAxis: { type: 'value', ...(s.unit === '%' ? { max: 100 } : { minInterval: 1 }) },
      series: [
        {
          type: 'bar',
          barMaxWidth: 36,
          data: s.points.map((p) => ({
            value: p.value,
            itemStyle: { color: p.provenance === 'manual' ? COLOR.manual : COLOR.computed },
          })),
          label: { show: true, position: 'top', formatter: s.unit === '%' ? '{c}%' : '{c}' },
        },
        {
          type: 'line',
          data: s.points.map((p) => p.value),
          connectNulls: true,
          lineStyle: { color: '#595959', type: 'dashed' },
          itemStyle: { color: '#595959' },
          symbolSize: 4,
          silent: true,
        },
      ],
    }),
    [s],
  );
  const summary = s.points.map((p) => `${p.year}年${fmt(p, s.unit)}（${p.provenanceLabel}）`).join('；');
  return (
    <Card
      size="small"
      title={
        <Space size={4} wrap>
          <span>{`${s.no} ${s.title.length > 22 ? `${s.title.slice(0, 22)}…` : s.title}`}</span>
          <Tag color={s.kind === 'computed' ? 'blue' : 'purple'}>{KIND_ZH[s.kind]}</Tag>
        </Space>
      }
      extra={s.target === null ? null : `目标 ${s.targetOp} ${s.target}${s.unit ?? ''}`}
    >
      <Chart
        height={200}
        label={`${s.no}“${s.title}”逐年数值：${summary}。点击某一年查看该年度指标及所依据的记录`}
        option={option}
        onClick={(i) => s.points[i] && onOpen(s.points[i].year)}
      />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {s.points.map((p, i) => (
          <span key={p.year}>
            {i > 0 && '；'}
            <a
              style={{ textDecoration: 'underline' }}
              href={`/admin/indicators?year=${p.year}&focus=${s.id}`}
              onClick={(e) => {
                e.preventDefault();
                onOpen(p.year);
              }}
            >{`${p.year}年 ${fmt(p, s.unit)}`}</a>
            {`（${p.provenanceLabel}${p.recordCount ? `，${p.recordCount}条记录` : ''}）`}
          </span>
        ))}
      </Typography.Paragraph>
    </Card>
  );
}

/** Key indicators by year for the dashboard, computed figures and manual entries told apart. */
export function IndicatorTrends({ year }: { year: number }) {
  const nav = useNavigate();
  const [ids, setIds] = useState<string[] | null>(null);
  const from = year - YEARS + 1;
  const q = useQuery({
    queryKey: ['indicator-trends', from, year, ids?.join(',') ?? ''],
    queryFn: () =>
      get<Trends>(`/api/indicators/trends?from=${from}&to=${year}${ids?.length ? `&ids=${ids.join(',')}` : ''}`),
  });
  const d = q.data;
  const selected = ids ?? d?.series.map((s) => s.id) ?? [];
  return (
    <Card
      title={`重点指标趋势（${from}—${year}年${d ? `，${d.orgName}` : ''}）`}
      size="small"
      style={{ marginTop: 16 }}
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <label htmlFor="trend-ids">显示的指标（最多 {MAX} 项）</label>
        <Select
          id="trend-ids"
          mode="multiple"
          style={{ minWidth: 420 }}
          maxCount={MAX}
          value={selected}
          onChange={(v: string[]) => setIds(v.length ? v : null)}
          showSearch={{ optionFilterProp: 'label' }}
          options={(d?.available ?? []).map((a) => ({
            value: a.id,
            label: `${a.no} ${a.title}（${KIND_ZH[a.kind]}）`,
          }))}
        />
        <span>
          <Tag color="blue">系统计算</Tag>由业务记录计算
          <Tag color="purple" style={{ marginLeft: 8 }}>
            人工填报
          </Tag>
          须附佐证说明
        </span>
      </Space>
      {q.error && <Alert type="error" showIcon title={(q.error as Error).message} />}
      {d && d.series.length === 0 && <Empty description="尚未建立指标体系：请在“指标体系”中载入默认指标体系" />}
      <Row gutter={[16, 16]}>
        {(d?.series ?? []).map((s) => (
          <Col key={s.id} xs={24} lg={12} xl={8}>
            <TrendCard s={s} onOpen={(y) => nav(`/admin/indicators?year=${y}&focus=${s.id}`)} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}
