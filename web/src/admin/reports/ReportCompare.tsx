import { useQuery } from '@tanstack/react-query';
import { Col, Collapse, Row, Table, Tag, Typography } from 'antd';
import type { ReportCompareDto as Compare } from '../../../../src/modules/reports/reports.contract';
import { get } from '../../shared/api';

const text = (s: string | null) => (s?.trim() ? s : '（未填写）');

/** This year's report beside last year's: every figure with its change, and each section's two texts side by side. */
export function ReportCompare({ id, year }: { id: string; year: number }) {
  const cmp = useQuery({ queryKey: ['report-compare', id], queryFn: () => get<Compare>(`/api/reports/${id}/compare`) });
  const prevYear = cmp.data?.previous?.year;
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 24 }}>
        与上年度对比{prevYear ? `（${prevYear}年度）` : '（无上年度报告）'}
      </Typography.Title>
      <Table
        rowKey="code"
        pagination={false}
        dataSource={cmp.data?.rows ?? []}
        columns={[
          { title: '指标', dataIndex: 'label' },
          { title: '本年度', dataIndex: 'current', render: (v: number | null) => v ?? '—' },
          { title: '上年度', dataIndex: 'previous', render: (v: number | null) => v ?? '—' },
          {
            title: '变化',
            dataIndex: 'change',
            render: (v: number | null) => (v === null ? '—' : v > 0 ? `+${v}` : v),
          },
        ]}
      />
      {prevYear && (
        <>
          <Typography.Title level={4} style={{ marginTop: 16 }}>
            正文对照
          </Typography.Title>
          <Collapse
            items={(cmp.data?.sections ?? []).map((s) => ({
              key: s.key,
              label: (
                <span>
                  {s.heading} {s.changed ? <Tag color="#8a3c00">与上年不同</Tag> : <Tag>与上年相同</Tag>}
                </span>
              ),
              children: (
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <Typography.Title level={5}>{`${prevYear}年度`}</Typography.Title>
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 16 }}>
                      {text(s.previous)}
                    </Typography.Paragraph>
                  </Col>
                  <Col xs={24} md={12}>
                    <Typography.Title level={5}>{`${year}年度（本报告）`}</Typography.Title>
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 16 }}>
                      {text(s.current)}
                    </Typography.Paragraph>
                  </Col>
                </Row>
              ),
            }))}
          />
        </>
      )}
    </>
  );
}
