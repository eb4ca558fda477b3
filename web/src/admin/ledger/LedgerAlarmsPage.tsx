import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
  message,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type {
  LedgerAlarmDto as Alarm,
  LedgerStatusDto as Status,
  LedgerSweepDto,
} from '../../../../src/platform/ledger/ledger.contract';
import { fmtTime, get, post } from '../../shared/api';

/** 账本告警: integrity status of the ledger and the tamper alarms raised by the sweep. */
export function LedgerAlarmsPage() {
  const qc = useQueryClient();
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const [acking, setAcking] = useState<Alarm | null>(null);
  const [form] = Form.useForm<{ note: string }>();
  const st = useQuery({ queryKey: ['ledger-status'], queryFn: () => get<Status>('/api/ledger/status') });
  const alarms = useQuery({
    queryKey: ['ledger-alarms', status],
    queryFn: () => get<{ items: Alarm[] }>(`/api/ledger/alarms?status=${status}`),
  });
  const refresh = () => qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('ledger-') });
  const sweep = useMutation({
    mutationFn: (mode: 'full' | 'incremental') => post<LedgerSweepDto>(`/api/ledger/sweeps?mode=${mode}`),
    onSuccess: (r) => {
      message.info(`巡检完成：检查 ${r.checkedEntries} 条，发现问题 ${r.problems} 项，新增告警 ${r.newAlarms} 条`);
      refresh();
    },
    onError: (e: Error) => message.error(e.message),
  });
  const ack = useMutation({
    mutationFn: (v: { id: string; note: string }) => post(`/api/ledger/alarms/${v.id}/acknowledge`, { note: v.note }),
    onSuccess: () => {
      message.success('已确认告警，处置说明已记入审计日志');
      setAcking(null);
      form.resetFields();
      refresh();
    },
    onError: (e: Error) => message.error(e.message),
  });

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>账本完整性与篡改告警</Typography.Title>
      {st.data && st.data.openAlarms > 0 && (
        <Alert
          type="error"
          showIcon
          message={`有 ${st.data.openAlarms} 条未处置的篡改告警：数据库中的记录被绕过系统改动或删除，请立即核查。`}
        />
      )}
      <Card
        title="账本状态"
        extra={
          <Space>
            <Button loading={sweep.isPending} onClick={() => sweep.mutate('incremental')}>
              增量巡检
            </Button>
            <Button type="primary" loading={sweep.isPending} onClick={() => sweep.mutate('full')}>
              完整巡检
            </Button>
          </Space>
        }
      >
        {st.error && <Alert type="error" message={(st.error as Error).message} />}
        {st.data && (
          <Descriptions column={2} size="small">
            <Descriptions.Item label="已上链条目">{st.data.treeSize}</Descriptions.Item>
            <Descriptions.Item label="排队中">{st.data.pending}</Descriptions.Item>
            <Descriptions.Item label="最新检查点">
              {st.data.latestCheckpoint
                ? `${fmtTime(st.data.latestCheckpoint.createdAt)}，根哈希 ${st.data.latestCheckpoint.rootHash.slice(0, 16)}…`
                : '—'}
            </Descriptions.Item>
            <Descriptions.Item label="上次巡检">
              {st.data.lastSweep
                ? `${fmtTime(st.data.lastSweep.finishedAt)}，${
                    st.data.lastSweep.mode === 'full'
                      ? '完整巡检'
                      : `增量巡检（第 ${st.data.lastSweep.fromSize} 号条目起）`
                  }，发现问题 ${st.data.lastSweep.problems} 项`
                : '尚未巡检'}
            </Descriptions.Item>
            <Descriptions.Item label="已验证至">
              {st.data.verified
                ? `树大小 ${st.data.verified.treeSize}；上次完整巡检 ${
                    st.data.verified.lastFullAt ? fmtTime(st.data.verified.lastFullAt) : '尚未进行'
                  }`
                : '尚未验证'}
            </Descriptions.Item>
            <Descriptions.Item label="签名公钥" span={2}>
              {st.data.keys.map((k) => (
                <div key={k.keyHash}>
                  <code style={{ wordBreak: 'break-all' }}>{k.verifierKey}</code>{' '}
                  {k.validUntil ? <Tag>已轮换</Tag> : <Tag color="green">当前</Tag>}
                </div>
              ))}
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      <Card
        title="篡改告警"
        extra={
          <Segmented
            value={status}
            onChange={(v) => setStatus(v as 'open' | 'all')}
            options={[
              { label: '未处置', value: 'open' },
              { label: '全部', value: 'all' },
            ]}
          />
        }
      >
        <Table<Alarm>
          rowKey="id"
          loading={alarms.isLoading}
          dataSource={alarms.data?.items ?? []}
          locale={{ emptyText: '没有告警：账本与数据库记录一致' }}
          columns={[
            { title: '发现时间', dataIndex: 'detectedAt', render: fmtTime, width: 170 },
            { title: '问题', dataIndex: 'kindLabel', render: (v: string) => <Tag color="red">{v}</Tag> },
            {
              title: '位置',
              render: (_: unknown, a) =>
                [
                  a.entryIndex !== null ? `第 ${a.entryIndex} 号条目` : null,
                  a.recordKind && a.recordId ? `${a.recordKind} ${a.recordId}` : null,
                ]
                  .filter(Boolean)
                  .join('，') || '账本结构',
            },
            { title: '最近一次发现', dataIndex: 'lastSeenAt', render: fmtTime, width: 170 },
            {
              title: '处置',
              width: 140,
              render: (_: unknown, a) =>
                a.acknowledgedAt ? (
                  <span>已确认（{fmtTime(a.acknowledgedAt)}）</span>
                ) : (
                  <Button onClick={() => setAcking(a)}>确认并填写说明</Button>
                ),
            },
          ]}
        />
      </Card>
      <Modal
        open={!!acking}
        title={`确认告警：${acking?.kindLabel ?? ''}`}
        okText="确认"
        cancelText="取消"
        confirmLoading={ack.isPending}
        onCancel={() => setAcking(null)}
        onOk={() => form.validateFields().then((v) => acking && ack.mutate({ id: acking.id, note: v.note }))}
      >
        <Typography.Paragraph>
          确认后告警仍永久保留，巡检如再次发现同一问题只会更新“最近一次发现”时间。
        </Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item
            name="note"
            label="处置说明"
            rules={[{ required: true, min: 2, message: '请填写至少 2 个字的处置说明' }]}
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
