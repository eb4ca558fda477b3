import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, InputNumber, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, get } from '../../shared/api';
import { hasRole, useMe } from '../../shared/auth';
import type {
  DeadlineRuleDto as Rule,
  DurationUnit as Unit,
} from '../../../../src/platform/calendar/calendar.contract';

const UNIT_LABEL: Record<Unit, string> = { calendar_days: '日', working_days: '个工作日', months: '个月', years: '年' };
const KIND_LABEL: Record<Rule['kind'], string> = {
  within: '在…内',
  minimum: '不少于',
  before: '提前',
  fixed_date: '每年截止',
};

const describe = (
  r: { amount: number; unit: Unit; fixedMonthDay: string | null; maxExtension: number | null },
  kind: Rule['kind'],
) =>
  kind === 'fixed_date'
    ? `每年 ${r.fixedMonthDay ?? '—'}`
    : `${r.amount}${UNIT_LABEL[r.unit]}${r.maxExtension ? `（可延长${r.maxExtension}${UNIT_LABEL[r.unit]}）` : ''}`;

/**
 * The rule pack as it is in force: every statutory time limit with its legal basis. Values marked [B] in the
 * rules (not verified against an official text) are configurable; the administrator changes them here, sees the
 * documented default beside the value in force, and every open deadline under the rule is recomputed (audited).
 */
export function RulesPage() {
  const me = useMe();
  const qc = useQueryClient();
  const admin = hasRole(me, 'system_admin');
  const q = useQuery({
    queryKey: ['calendar-rules'],
    queryFn: () => get<{ items: Rule[] }>('/api/public/calendar/rules'),
  });
  const [editing, setEditing] = useState<Rule | null>(null);
  const [onlyConfigurable, setOnlyConfigurable] = useState(false);
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: { amount?: number; unit?: Unit; maxExtension?: number | null; fixedMonthDay?: string }) =>
      api<{ rule: Rule; recomputed: number }>('PUT', `/api/calendar/rules/${editing?.id}`, v),
    onSuccess: () => {
      setEditing(null);
      qc.invalidateQueries({ queryKey: ['calendar-rules'] });
    },
  });
  const open = (r: Rule) => {
    save.reset();
    setEditing(r);
    form.setFieldsValue({
      amount: r.amount,
      unit: r.unit,
      maxExtension: r.maxExtension,
      fixedMonthDay: r.fixedMonthDay,
    });
  };
  const submit = (v: { amount?: number; unit?: Unit; maxExtension?: number | null; fixedMonthDay?: string }) => {
    if (!editing) return;
    save.mutate(
      editing.kind === 'fixed_date'
        ? { fixedMonthDay: v.fixedMonthDay }
        : { amount: v.amount, unit: v.unit, maxExtension: v.maxExtension ?? null },
    );
  };
  const items = (q.data?.items ?? []).filter((r) => !onlyConfigurable || r.configurable);
  return (
    <>
      <Typography.Title level={2}>期限规则</Typography.Title>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="法律、法规明确规定的期限不能修改；标注“待核实”的参数（尚未与正式文本逐条核对）由系统管理员按本地规定设置，修改后所有未办结的相关期限自动重新计算并记入审计日志。"
      />
      {save.data && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          message={`已保存，重新计算了 ${save.data.recomputed} 项期限。`}
        />
      )}
      <Space style={{ marginBottom: 12 }}>
        <Button onClick={() => setOnlyConfigurable((v) => !v)}>
          {onlyConfigurable ? '显示全部规则' : '只看可配置参数'}
        </Button>
      </Space>
      <Table<Rule>
        rowKey="id"
        loading={q.isLoading}
        dataSource={items}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          {
            title: '规则',
            render: (_, r) => (
              <span>
                {r.label}
                <br />
                <Typography.Text type="secondary">{r.id}</Typography.Text>
              </span>
            ),
          },
          { title: '领域', dataIndex: 'area' },
          { title: '类型', render: (_, r) => KIND_LABEL[r.kind] },
          {
            title: '现行值',
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <span>{describe(r, r.kind)}</span>
                {r.changed && (
                  <Typography.Text type="secondary">默认值：{describe(r.defaults, r.kind)}</Typography.Text>
                )}
              </Space>
            ),
          },
          { title: '起算', dataIndex: 'trigger' },
          {
            title: '依据',
            render: (_, r) => (
              <span>
                {r.legalBasis}
                {r.note ? (
                  <>
                    <br />
                    <Typography.Text type="secondary">{r.note}</Typography.Text>
                  </>
                ) : null}
              </span>
            ),
          },
          {
            title: '状态',
            render: (_, r) =>
              r.configurable ? (
                <Space>
                  <Tag color="orange">待核实·可配置</Tag>
                  {r.changed && <Tag color="blue">已调整</Tag>}
                </Space>
              ) : (
                <Tag>法定</Tag>
              ),
          },
          {
            title: '操作',
            render: (_, r) =>
              admin && r.configurable ? (
                <Button size="small" onClick={() => open(r)} aria-label={`修改 ${r.label}`}>
                  修改
                </Button>
              ) : null,
          },
        ]}
      />
      <Modal
        open={!!editing}
        title={editing ? `修改期限参数：${editing.label}` : ''}
        okText="保存"
        cancelText="取消"
        confirmLoading={save.isPending}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        {save.error && (
          <Alert type="error" showIcon message={(save.error as Error).message} style={{ marginBottom: 12 }} />
        )}
        {editing && (
          <Form form={form} layout="vertical" onFinish={submit}>
            <Typography.Paragraph type="secondary">
              依据：{editing.legalBasis}；默认值：{describe(editing.defaults, editing.kind)}
              {editing.floor &&
                `；不得短于${editing.floor.basis}规定的${editing.floor.amount}${UNIT_LABEL[editing.floor.unit]}`}
            </Typography.Paragraph>
            {editing.kind === 'fixed_date' ? (
              <Form.Item
                name="fixedMonthDay"
                label="截止月日（MM-DD）"
                rules={[{ required: true, pattern: /^\d{2}-\d{2}$/, message: '请按 MM-DD 填写，例如 03-01' }]}
              >
                <Input style={{ width: 160 }} />
              </Form.Item>
            ) : (
              <>
                <Form.Item name="amount" label="期限" rules={[{ required: true, message: '请填写期限' }]}>
                  <InputNumber min={1} max={3650} precision={0} />
                </Form.Item>
                <Form.Item name="unit" label="计算单位">
                  <Select
                    style={{ width: 200 }}
                    options={(Object.keys(UNIT_LABEL) as Unit[]).map((u) => ({
                      value: u,
                      label: UNIT_LABEL[u].replace(/^个/, ''),
                    }))}
                  />
                </Form.Item>
                <Form.Item name="maxExtension" label="最长延长期（留空表示不得延长）">
                  <InputNumber min={1} max={3650} precision={0} />
                </Form.Item>
              </>
            )}
          </Form>
        )}
      </Modal>
    </>
  );
}
