import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, InputNumber, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { DeadlineDto } from '../../../../src/platform/calendar/calendar.contract';
import { post } from '../../shared/api';

/** A deadline as the workbench lists it (the calendar contract's DeadlineDto). */
export type Deadline = DeadlineDto;

/** Status in words and colour (never colour alone). */
export function StatusTag({ d }: { d: Deadline }) {
  if (d.status === 'closed')
    return <Tag color={d.met === false ? 'red' : 'green'}>{d.met === false ? '已办结（超期）' : '已办结'}</Tag>;
  if (d.status === 'paused') return <Tag color="default">暂停计算中</Tag>;
  if (d.alert === 'overdue') return <Tag color="red">已超期</Tag>;
  if (d.alert === 'due_soon') return <Tag color="orange">即将到期</Tag>;
  return <Tag color="blue">计时中</Tag>;
}

type Action = 'pause' | 'resume' | 'extend' | 'close';
const ACTION_LABEL: Record<Action, string> = {
  pause: '暂停计算',
  resume: '恢复计算',
  extend: '批准延长',
  close: '办结',
};

/** Deadlines with their traces; the buttons shown are the ones the server says this user may use. */
export function DeadlineList({
  items,
  loading,
  queryKey,
}: {
  items: Deadline[];
  loading?: boolean;
  queryKey: unknown[];
}) {
  const qc = useQueryClient();
  const [open, setOpen] = useState<{ d: Deadline; action: Action } | null>(null);
  const [form] = Form.useForm();
  const m = useMutation({
    mutationFn: (v: Record<string, unknown>) => post<Deadline>(`/api/deadlines/${open!.d.id}/${open!.action}`, v),
    onSuccess: () => {
      setOpen(null);
      form.resetFields();
      qc.invalidateQueries({ queryKey });
    },
  });
  return (
    <>
      <Table<Deadline>
        rowKey="id"
        loading={loading}
        dataSource={items}
        pagination={false}
        expandable={{
          expandedRowRender: (d) => (
            <pre style={{ whiteSpace: 'pre-wrap', fontSize: 15, lineHeight: 1.8, fontFamily: 'inherit', margin: 0 }}>
              {d.trace}
            </pre>
          ),
        }}
        columns={[
          { title: '事项', render: (_, d) => d.label ?? `${d.entityKind} ${d.entityId}` },
          { title: '期限', render: (_, d) => <Typography.Text title={d.legalBasis}>{d.ruleLabel}</Typography.Text> },
          { title: '起算日', dataIndex: 'triggerDate' },
          {
            title: '届满日',
            render: (_, d) => (
              <Space>
                {d.dueDate ?? '—'}
                {d.provisional && <Tag color="gold">临时</Tag>}
              </Space>
            ),
          },
          { title: '状态', render: (_, d) => <StatusTag d={d} /> },
          {
            title: '操作',
            render: (_, d) => (
              <Space wrap>
                {(Object.keys(ACTION_LABEL) as Action[])
                  .filter((a) => d.abilities[a])
                  .map((a) => (
                    <Button key={a} size="small" onClick={() => setOpen({ d, action: a })}>
                      {ACTION_LABEL[a]}
                    </Button>
                  ))}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!open}
        title={open ? `${ACTION_LABEL[open.action]}：${open.d.ruleLabel}` : ''}
        onCancel={() => setOpen(null)}
        onOk={() => form.submit()}
        confirmLoading={m.isPending}
        okText="确定"
        cancelText="取消"
      >
        {m.error && <Alert type="error" showIcon message={(m.error as Error).message} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)}>
          {open?.action === 'pause' && (
            <>
              <Form.Item
                name="from"
                label="暂停开始日期（当日不计入）"
                rules={[{ required: true, message: '请选择日期' }]}
              >
                <Input type="date" />
              </Form.Item>
              <Form.Item
                name="reason"
                label="事由"
                rules={[{ required: true, message: '请填写事由，例如 补正材料、中止审理' }]}
              >
                <Input maxLength={200} />
              </Form.Item>
            </>
          )}
          {open?.action === 'resume' && (
            <Form.Item
              name="on"
              label="恢复日期（当日不计入，次日起继续计算）"
              rules={[{ required: true, message: '请选择日期' }]}
            >
              <Input type="date" />
            </Form.Item>
          )}
          {open?.action === 'extend' && (
            <>
              <Form.Item name="days" label="延长天数" rules={[{ required: true, message: '请填写延长天数' }]}>
                <InputNumber min={1} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="approverName" label="批准人" rules={[{ required: true, message: '请填写批准人' }]}>
                <Input maxLength={64} />
              </Form.Item>
              <Form.Item name="reason" label="延长理由" rules={[{ required: true, message: '请填写延长理由' }]}>
                <Input.TextArea maxLength={500} rows={3} />
              </Form.Item>
            </>
          )}
          {open?.action === 'close' && (
            <Form.Item name="on" label="办结日期（不填为今天）">
              <Input type="date" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
