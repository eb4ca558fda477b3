import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { api, get } from '../../shared/api';
import { hasRole, useMe } from '../../shared/auth';
import type { HolidayYearDto as YearRow } from '../../../../src/platform/calendar/calendar.contract';

/**
 * One line per festival: "春节 2027-02-05~2027-02-11 上班 2027-02-14、2027-02-20".
 * Returns festivals or a Chinese message naming the bad line.
 */
export function parseFestivalLines(text: string): { festivals: YearRow['festivals'] } | { error: string } {
  const festivals: YearRow['festivals'] = [];
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  for (const [i, line] of lines.entries()) {
    const m = /^(\S+)\s+(.+?)(?:\s+上班\s+(.+))?$/.exec(line);
    if (!m) return { error: `第${i + 1}行格式不正确：应为“节日名 开始日期~结束日期 [上班 日期、日期]”` };
    const off = m[2]
      .split(/[,，、\s]+/)
      .filter(Boolean)
      .map((r) => {
        const [a, b] = r.split(/[~～至]/);
        return [a, b ?? a] as [string, string];
      });
    const work = (m[3] ?? '').split(/[,，、\s]+/).filter(Boolean);
    festivals.push({ name: m[1], off, work });
  }
  if (festivals.length === 0) return { error: '请至少填写一个节日安排' };
  return { festivals };
}

export function HolidaysPage() {
  const me = useMe();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['calendar-years'], queryFn: () => get<{ items: YearRow[] }>('/api/calendar/years') });
  const [form] = Form.useForm();
  const publish = useMutation({
    mutationFn: (v: {
      year: number;
      number: string;
      title: string;
      issuedOn: string;
      url?: string;
      lines: string;
      note?: string;
    }) => {
      const parsed = parseFestivalLines(v.lines);
      if ('error' in parsed) throw new Error(parsed.error);
      return api<{ recomputed: number }>('PUT', `/api/calendar/years/${v.year}`, {
        notices: [{ number: v.number, title: v.title, issuedOn: v.issuedOn, url: v.url || null }],
        festivals: parsed.festivals,
        note: v.note || null,
      });
    },
    onSuccess: () => {
      form.resetFields();
      qc.invalidateQueries({ queryKey: ['calendar-years'] });
    },
  });
  const items = [...(q.data?.items ?? [])].sort((a, b) => b.year - a.year || b.version - a.version);
  const lastYear = Math.max(0, ...items.map((y) => y.year));
  return (
    <>
      <Typography.Title level={2}>节假日安排</Typography.Title>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message={`已录入至 ${lastYear || '—'} 年。${lastYear ? `${lastYear + 1} 年及以后的日期暂按周六、周日休息推算（临时结果），通知发布后请在此录入，系统将自动重新计算受影响的期限。` : ''}`}
      />
      <Table<YearRow>
        rowKey="id"
        loading={q.isLoading}
        dataSource={items}
        pagination={false}
        expandable={{
          expandedRowRender: (y) => (
            <ul style={{ fontSize: 15, lineHeight: 1.8 }}>
              {y.festivals.map((f) => (
                <li key={f.name}>
                  {f.name}：{f.off.map(([a, b]) => (a === b ? a : `${a} 至 ${b}`)).join('、')} 放假
                  {f.work.length ? `；${f.work.join('、')} 上班` : ''}
                </li>
              ))}
            </ul>
          ),
        }}
        columns={[
          { title: '年份', dataIndex: 'year' },
          {
            title: '版本',
            render: (_, y) => (
              <Space>
                第{y.version}版{y.current ? <Tag color="green">现行</Tag> : <Tag>已被更新</Tag>}
              </Space>
            ),
          },
          { title: '通知', render: (_, y) => y.notices.map((n) => `${n.number}（${n.issuedOn}）`).join('；') },
          { title: '来源', render: (_, y) => (y.source === 'builtin' ? '系统内置' : '管理员录入') },
          { title: '说明', dataIndex: 'note' },
        ]}
      />
      {hasRole(me, 'system_admin') && (
        <Card title="录入或更正某年的节假日安排" style={{ marginTop: 24 }}>
          {publish.error && (
            <Alert type="error" showIcon message={(publish.error as Error).message} style={{ marginBottom: 12 }} />
          )}
          {publish.data && (
            <Alert
              type="success"
              showIcon
              message={`已发布，重新计算了 ${publish.data.recomputed} 项期限。`}
              style={{ marginBottom: 12 }}
            />
          )}
          <Form form={form} layout="vertical" onFinish={(v) => publish.mutate(v)} style={{ maxWidth: 720 }}>
            <Form.Item name="year" label="年份" rules={[{ required: true, message: '请填写年份' }]}>
              <InputNumber min={1990} max={2199} />
            </Form.Item>
            <Form.Item name="number" label="发文字号" rules={[{ required: true, message: '请填写发文字号' }]}>
              <Input placeholder="国办发明电〔2026〕X号" />
            </Form.Item>
            <Form.Item name="title" label="通知标题" rules={[{ required: true, message: '请填写通知标题' }]}>
              <Input placeholder="国务院办公厅关于2027年部分节假日安排的通知" />
            </Form.Item>
            <Form.Item name="issuedOn" label="成文日期" rules={[{ required: true, message: '请选择成文日期' }]}>
              <Input type="date" style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="url" label="原文链接（可选）">
              <Input />
            </Form.Item>
            <Form.Item
              name="lines"
              label="放假与调休安排（每行一个节日）"
              extra="格式：节日名 开始日期~结束日期 上班 调休日期、调休日期。例如：春节 2027-02-05~2027-02-11 上班 2027-02-14"
              rules={[{ required: true, message: '请填写放假安排' }]}
            >
              <Input.TextArea rows={8} />
            </Form.Item>
            <Form.Item name="note" label="说明（可选，如更正原因）">
              <Input maxLength={500} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={publish.isPending}>
              发布新版本
            </Button>
          </Form>
        </Card>
      )}
    </>
  );
}
