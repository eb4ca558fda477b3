import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type {
  ComputeResultDto as ComputeResult,
  DeadlineRuleDto as RuleInfo,
} from '../../../../src/platform/calendar/calendar.contract';
import { get, post } from '../../shared/api';

const DATE_LABEL: Record<RuleInfo['kind'], string> = {
  within: '起算日',
  minimum: '开始日期',
  before: '事件日期（如听证日）',
  fixed_date: '报告年度内任一日期',
};

/** Choose a statutory rule, enter a date, see the due date and how it was computed. Used by portal and workbench. */
export function CalculatorPanel() {
  const rules = useQuery({
    queryKey: ['calendar-rules'],
    queryFn: () => get<{ items: RuleInfo[] }>('/api/public/calendar/rules'),
  });
  const [ruleId, setRuleId] = useState<string>('penalty.decision');
  const rule = rules.data?.items.find((r) => r.id === ruleId);
  const m = useMutation({
    mutationFn: (v: { date: string; endDate?: string; extensionDays?: number }) =>
      post<ComputeResult>('/api/public/calendar/compute', {
        ruleId,
        date: v.date,
        ...(v.endDate ? { endDate: v.endDate } : {}),
        ...(v.extensionDays ? { extensionDays: v.extensionDays } : {}),
      }),
  });
  const r = m.data;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Form layout="vertical" onFinish={(v) => m.mutate(v)} style={{ maxWidth: 640 }}>
          <Form.Item label="期限规则" required>
            <Select
              showSearch
              optionFilterProp="label"
              value={ruleId}
              onChange={(v) => {
                setRuleId(v);
                m.reset();
              }}
              loading={rules.isLoading}
              options={(rules.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.label}（${x.legalBasis}）` }))}
              aria-label="期限规则"
            />
          </Form.Item>
          {rule && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 16 }}>
              {rule.kind === 'fixed_date'
                ? `每年${rule.fixedMonthDay}前完成`
                : `${rule.kind === 'minimum' ? '不少于' : rule.kind === 'before' ? '提前' : ''}${rule.amount}${rule.unitLabel}，自${rule.trigger}次日起算`}
              {rule.maxExtension ? `；经批准最多可延长${rule.maxExtension}${rule.unitLabel}` : ''}
              {rule.note ? `。${rule.note}` : ''}
            </Typography.Paragraph>
          )}
          <Form.Item
            name="date"
            label={rule ? DATE_LABEL[rule.kind] : '日期'}
            rules={[{ required: true, message: '请选择日期' }]}
          >
            <Input type="date" style={{ width: 220 }} />
          </Form.Item>
          {rule?.kind === 'minimum' && (
            <Form.Item name="endDate" label="拟定截止日期（可选，用于检查期间是否足够）">
              <Input type="date" style={{ width: 220 }} />
            </Form.Item>
          )}
          {rule?.maxExtension && (
            <Form.Item name="extensionDays" label={`经批准延长（${rule.unitLabel}，可选）`}>
              <InputNumber min={0} max={rule.maxExtension} style={{ width: 220 }} />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" loading={m.isPending} size="large">
            计算
          </Button>
        </Form>
      </Card>
      {m.error && <Alert type="error" showIcon message={(m.error as Error).message} />}
      {r && (
        <Card title="计算结果">
          {r.provisional && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              message="临时结果"
              description="所涉年份的节假日安排通知尚未发布，暂按周六、周日休息推算；通知发布后结果可能变化。"
            />
          )}
          <Descriptions column={1} bordered size="middle">
            {r.due && <Descriptions.Item label="届满日">{r.due}</Descriptions.Item>}
            {r.latest && <Descriptions.Item label="最迟日期">{r.latest}</Descriptions.Item>}
            {r.latestWorkingDay && r.latestWorkingDay !== r.latest && (
              <Descriptions.Item label="最迟工作日">{r.latestWorkingDay}</Descriptions.Item>
            )}
            {r.minimumEnd && <Descriptions.Item label="最早可截止">{r.minimumEnd}</Descriptions.Item>}
            {r.ok !== null && (
              <Descriptions.Item label="期间是否足够">{r.ok ? '符合要求' : '不足，请延长'}</Descriptions.Item>
            )}
          </Descriptions>
          <Typography.Title level={4} style={{ marginTop: 16 }}>
            计算过程
          </Typography.Title>
          <pre style={{ whiteSpace: 'pre-wrap', fontSize: 16, lineHeight: 1.8, fontFamily: 'inherit' }}>{r.trace}</pre>
        </Card>
      )}
    </Space>
  );
}
