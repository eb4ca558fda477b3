import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, InputNumber, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { type KeyboardEvent, useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { get } from '../../shared/api';
import { Chart } from './Chart';
import { IndicatorTrends } from './IndicatorTrends';
import {
  DASHBOARD_STATUS_LABELS,
  type DashboardStatus,
  type ReportsDashboardDto as Dash,
} from '../../../../src/modules/reports/reports.contract';

const COLORS: Record<DashboardStatus, string> = {
  not_started: 'default',
  drafting: 'processing',
  submitted: 'blue',
  published: 'green',
  late: 'red',
};
const STATUS = Object.fromEntries(
  (Object.keys(COLORS) as DashboardStatus[]).map((k) => [k, { label: DASHBOARD_STATUS_LABELS[k], color: COLORS[k] }]),
) as Record<string, { label: string; color: string }>;

type StatusKey = keyof typeof STATUS;
const STATUS_KEYS = Object.keys(STATUS) as StatusKey[];

/** A counter that drills down: a card that is also a button (Enter / Space), with its state announced. */
function DrillCard({
  title,
  value,
  suffix,
  pressed,
  hint,
  onOpen,
}: {
  title: string;
  value: number;
  suffix: string;
  pressed?: boolean;
  hint: string;
  onOpen: () => void;
}) {
  const key = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onOpen();
    }
  };
  return (
    <Card
      size="small"
      hoverable
      role="button"
      tabIndex={0}
      aria-pressed={pressed}
      aria-label={`${title} ${value} ${suffix}，${hint}`}
      onClick={onOpen}
      onKeyDown={key}
      style={pressed ? { borderColor: '#1456c8', boxShadow: '0 0 0 2px #1456c8 inset' } : undefined}
    >
      <Statistic title={title} value={value} suffix={suffix} />
    </Card>
  );
}

/** The coordinator's and leaders' overview, every figure clickable down to its records. */
export function DashboardPage() {
  const [year, setYear] = useState(new Date().getFullYear() - 1);
  const [status, setStatus] = useState<StatusKey | null>(null);
  const unitsRef = useRef<HTMLHeadingElement>(null);
  const nav = useNavigate();
  /** Drill down from a report-status figure to the units (and their reports) with that status. */
  const drill = (k: StatusKey) => {
    setStatus((cur) => (cur === k ? null : k));
    requestAnimationFrame(() => unitsRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }));
  };
  const q = useQuery({
    queryKey: ['dashboard', year],
    queryFn: () => get<Dash>(`/api/reports/dashboard?year=${year}`),
  });
  const d = q.data;
  const statusOption = useMemo(
    () => ({
      tooltip: {},
      xAxis: { type: 'category', data: STATUS_KEYS.map((k) => STATUS[k].label) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          data: STATUS_KEYS.map((k) => d?.counts[k] ?? 0),
          label: { show: true, position: 'top' },
        },
      ],
    }),
    [d],
  );
  const chapterOption = useMemo(
    () => ({
      tooltip: {},
      grid: { left: 260 },
      xAxis: { type: 'value', max: 100 },
      yAxis: { type: 'category', data: (d?.plan?.chapters ?? []).map((c) => c.title.slice(0, 18)), inverse: true },
      series: [
        {
          type: 'bar',
          data: (d?.plan?.chapters ?? []).map((c) => c.progress ?? 0),
          label: { show: true, position: 'right', formatter: '{c}%' },
        },
      ],
    }),
    [d],
  );
  return (
    <>
      <Typography.Title level={2}>统筹看板</Typography.Title>
      <Space style={{ marginBottom: 16 }}>
        <label htmlFor="dash-year">报告年度</label>
        <InputNumber id="dash-year" min={2000} max={2100} value={year} onChange={(v) => setYear(Number(v))} />
        {d && (
          <span>
            部门报送期限 {d.submitBy}，向社会公开期限 {d.publishBy}
          </span>
        )}
      </Space>
      {q.error && <Alert type="error" showIcon title={(q.error as Error).message} />}
      {d && (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            {STATUS_KEYS.map((k) => (
              <Col key={k} xs={12} md={8} xl={3}>
                <DrillCard
                  title={`年度报告${STATUS[k].label}`}
                  value={d.counts[k] ?? 0}
                  suffix="个单位"
                  pressed={status === k}
                  hint={status === k ? '再次点击显示全部单位' : '点击查看这些单位及其报告'}
                  onOpen={() => drill(k)}
                />
              </Col>
            ))}
            <Col xs={12} md={8} xl={4}>
              <DrillCard
                title="实施方案总体进度"
                value={d.plan?.progress ?? 0}
                suffix="%"
                hint="点击查看方案各章节、条目进度"
                onOpen={() => nav(d.plan ? `/admin/plan/${d.plan.id}` : '/admin/plan')}
              />
            </Col>
            <Col xs={12} md={8} xl={5}>
              <DrillCard
                title="超期未完成任务"
                value={d.overdueTasks.length}
                suffix="项"
                hint="点击查看超期任务清单"
                onOpen={() => nav('/admin/plan/tasks?overdue=1')}
              />
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={10}>
              <Card title="各单位年度报告状态" size="small">
                <Chart
                  label={`各单位年度报告状态柱状图：${STATUS_KEYS.map((k) => `${STATUS[k].label}${d.counts[k] ?? 0}个`).join('，')}。点击柱形查看相应单位`}
                  option={statusOption}
                  onClick={(i) => STATUS_KEYS[i] && drill(STATUS_KEYS[i])}
                />
              </Card>
            </Col>
            <Col span={14}>
              <Card title={`实施方案进度（按章节）${d.plan ? `：${d.plan.title}` : ''}`} size="small">
                <Chart
                  label="实施方案各章节进度柱状图，点击查看方案详情"
                  option={chapterOption}
                  onClick={() => d.plan && nav(`/admin/plan/${d.plan.id}`)}
                />
              </Card>
            </Col>
          </Row>
          <IndicatorTrends year={year} />
          <Space align="center" style={{ marginTop: 16 }} wrap>
            <Typography.Title level={3} ref={unitsRef} style={{ margin: 0 }}>
              {status
                ? `各单位情况：年度报告${STATUS[status].label}（${d.units.filter((u) => u.status === status).length} 个单位）`
                : '各单位情况'}
            </Typography.Title>
            {status && <Button onClick={() => setStatus(null)}>显示全部单位</Button>}
          </Space>
          <Table
            rowKey="orgId"
            size="small"
            pagination={false}
            dataSource={status ? d.units.filter((u) => u.status === status) : d.units}
            columns={[
              { title: '单位', dataIndex: 'orgName' },
              {
                title: '年度报告',
                dataIndex: 'status',
                render: (s: string, u: Dash['units'][number]) =>
                  u.reportId ? (
                    <Link to={`/admin/reports/${u.reportId}`}>
                      <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag>
                    </Link>
                  ) : (
                    <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag>
                  ),
              },
              {
                title: '方案任务',
                render: (_: unknown, u: Dash['units'][number]) =>
                  d.plan?.units.find((x) => x.orgId === u.orgId)?.tasks ?? 0,
              },
              {
                title: '任务进度',
                render: (_: unknown, u: Dash['units'][number]) => {
                  const p = d.plan?.units.find((x) => x.orgId === u.orgId);
                  return p ? <Link to={`/admin/plan/tasks?orgId=${u.orgId}`}>{p.progress ?? 0}%</Link> : '—';
                },
              },
              {
                title: '超期任务',
                render: (_: unknown, u: Dash['units'][number]) => {
                  const n = d.plan?.units.find((x) => x.orgId === u.orgId)?.overdue ?? 0;
                  return n > 0 ? (
                    <Link to={`/admin/plan/tasks?orgId=${u.orgId}&overdue=1`} aria-label={`${u.orgName}超期任务${n}项`}>
                      {n}
                    </Link>
                  ) : (
                    0
                  );
                },
              },
            ]}
          />
          <Typography.Title level={3} style={{ marginTop: 16 }}>
            超期未完成任务（{d.overdueTasks.length}）
          </Typography.Title>
          <Table
            rowKey="id"
            size="small"
            dataSource={d.overdueTasks}
            columns={[
              {
                title: '任务',
                dataIndex: 'title',
                render: (t: string, x: Dash['overdueTasks'][number]) => (
                  <Link to={`/admin/plan/tasks/${x.id}`}>{t}</Link>
                ),
              },
              { title: '责任单位', dataIndex: 'orgName' },
              { title: '进度', dataIndex: 'progress', render: (p: number) => `${p}%` },
              { title: '完成期限', dataIndex: 'dueDate' },
              {
                title: '督办',
                dataIndex: 'escalated',
                render: (e: boolean) => (e ? <Tag color="red">已报依法治区办</Tag> : '—'),
              },
            ]}
          />
        </>
      )}
    </>
  );
}
