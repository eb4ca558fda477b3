import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Input, List, Modal, Space, Table, Tag, Typography, message } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { fmtTime, get, patch, post } from '../../shared/api';
import type { ReportFigureDto as Figure, ReportDto as Report } from '../../../../src/modules/reports/reports.contract';
import { ReportCompare } from './ReportCompare';

/** Drafting a report: the narrative sections, the figures with their provenance, and the workflow steps. */
export function ReportEditPage() {
  const { id } = useParams();
  const qc = useQueryClient();
  const key = ['report', id];
  const q = useQuery({ queryKey: key, queryFn: () => get<Report>(`/api/reports/${id}`) });
  const [sections, setSections] = useState<Record<string, string>>({});
  const [docNo, setDocNo] = useState('');
  const [cc, setCc] = useState('');
  const [recipient, setRecipient] = useState('');
  const [returning, setReturning] = useState(false);
  const [returnReason, setReturnReason] = useState('');
  useEffect(() => {
    if (q.data) {
      setSections(q.data.rawSections);
      setDocNo(q.data.docNo ?? '');
      setCc(q.data.cc);
    }
  }, [q.data]);
  const done = (r: Report, text: string) => {
    qc.setQueryData(key, r);
    qc.invalidateQueries({ queryKey: ['reports'] });
    message.success(text);
  };
  const save = useMutation({
    mutationFn: () =>
      patch<Report>(`/api/reports/${id}`, { version: q.data!.version, sections, docNo: docNo || null, cc }),
    onSuccess: (r) => done(r, '报告已保存'),
  });
  const step = useMutation({
    mutationFn: (s: { path: string; body?: unknown; ok: string }) =>
      post<Report>(`/api/reports/${id}/${s.path}`, s.body).then((r) => ({ r, ok: s.ok })),
    onSuccess: ({ r, ok }) => {
      setReturning(false);
      setReturnReason('');
      done(r, ok);
    },
  });
  if (!q.data) return q.error ? <Alert type="error" showIcon title={(q.error as Error).message} /> : null;
  const r = q.data;
  const a = r.abilities;
  const err = (save.error ?? step.error) as Error | null;
  return (
    <>
      <Typography.Title level={2}>{r.title}</Typography.Title>
      <Descriptions size="small" column={3} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label="状态">
          <Tag color={r.status === 'published' ? 'green' : 'blue'}>{r.statusLabel}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="报送期限">{r.submitBy ?? '—（政府报告不适用）'}</Descriptions.Item>
        <Descriptions.Item label="公开期限">{r.publishBy}</Descriptions.Item>
        <Descriptions.Item label="数据截取时间">{fmtTime(r.snapshotAt)}</Descriptions.Item>
        <Descriptions.Item label="账本检查点" span={2}>
          {r.ledgerTreeSize && r.ledgerCheckpoint ? (
            <a href={r.ledgerCheckpoint} target="_blank" rel="noreferrer">
              {`树大小 ${r.ledgerTreeSize}，根哈希 ${r.ledgerRoot?.slice(0, 16)}…`}
            </a>
          ) : (
            '尚无检查点'
          )}
        </Descriptions.Item>
      </Descriptions>
      {r.returnReason && (
        <Alert type="warning" showIcon title={`退回理由：${r.returnReason}`} style={{ marginBottom: 16 }} />
      )}
      {err && <Alert type="error" showIcon title={err.message} style={{ marginBottom: 16 }} />}
      <Space wrap style={{ marginBottom: 16 }}>
        {a.edit && (
          <Button type="primary" loading={save.isPending} onClick={() => save.mutate()}>
            保存
          </Button>
        )}
        {a.edit && <Button onClick={() => step.mutate({ path: 'refresh', ok: '数据已更新' })}>更新数据</Button>}
        {a.requestApproval && (
          <Button onClick={() => step.mutate({ path: 'request-approval', ok: '已报请主要负责人审定' })}>
            报请主要负责人审定
          </Button>
        )}
        {a.approve && (
          <Button type="primary" onClick={() => step.mutate({ path: 'approve', ok: '报告已审定' })}>
            审定通过
          </Button>
        )}
        {a.submit && (
          <Button type="primary" onClick={() => step.mutate({ path: 'submit', ok: '报告已报送依法治区办' })}>
            报送依法治区办
          </Button>
        )}
        {a.publish && (
          <Button type="primary" onClick={() => step.mutate({ path: 'publish', ok: '报告已向社会公开' })}>
            向社会公开
          </Button>
        )}
        {a.return && (
          <Button danger onClick={() => setReturning(true)}>
            退回修改
          </Button>
        )}
        <Button
          href={`/api/reports/${id}/docx${recipient.trim() ? `?recipient=${encodeURIComponent(recipient.trim())}` : ''}`}
        >
          下载公文格式（DOCX）
        </Button>
      </Space>
      <Modal
        open={returning}
        title="退回修改"
        okText="退回"
        cancelText="取消"
        okButtonProps={{ danger: true, disabled: returnReason.trim().length < 4 }}
        confirmLoading={step.isPending}
        onCancel={() => setReturning(false)}
        onOk={() => step.mutate({ path: 'return', body: { reason: returnReason.trim() }, ok: '报告已退回' })}
      >
        <label htmlFor="return-reason">退回理由（至少 4 个字，写明需要修改的内容）</label>
        <Input.TextArea
          id="return-reason"
          rows={4}
          maxLength={1000}
          value={returnReason}
          onChange={(e) => setReturnReason(e.target.value)}
        />
        {step.error && returning && (
          <Alert type="error" showIcon title={(step.error as Error).message} style={{ marginTop: 12 }} />
        )}
      </Modal>
      <Card title="文号与抄送" size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          <label htmlFor="doc-no">发文字号</label>
          <Input
            id="doc-no"
            style={{ width: 240 }}
            value={docNo}
            disabled={!a.edit}
            onChange={(e) => setDocNo(e.target.value)}
            placeholder="例如：示市监〔2026〕3号"
          />
          <label htmlFor="doc-cc">抄送</label>
          <Input
            id="doc-cc"
            style={{ width: 320 }}
            value={cc}
            disabled={!a.edit}
            onChange={(e) => setCc(e.target.value)}
            placeholder="多个单位用顿号分隔"
          />
          <label htmlFor="doc-recipient">主送机关（导出时使用）</label>
          <Input
            id="doc-recipient"
            style={{ width: 240 }}
            value={recipient}
            maxLength={60}
            onChange={(e) => setRecipient(e.target.value)}
            placeholder={`默认：${r.defaultRecipient}`}
          />
        </Space>
      </Card>
      {r.sectionDefs.map((s) => (
        <Card
          key={s.key}
          size="small"
          title={
            <label htmlFor={`section-${s.key}`}>{`${s.numeral}、${s.heading}${s.required ? '（必填）' : ''}`}</label>
          }
          style={{ marginBottom: 12 }}
        >
          <Input.TextArea
            id={`section-${s.key}`}
            autoSize={{ minRows: 3, maxRows: 16 }}
            style={{ fontSize: 16 }}
            value={sections[s.key] ?? ''}
            disabled={!a.edit}
            onChange={(e) => setSections({ ...sections, [s.key]: e.target.value })}
          />
        </Card>
      ))}
      <Typography.Title level={3}>报告数据及来源</Typography.Title>
      <Table
        rowKey={(f: Figure) => `${f.code}@${f.year ?? r.year}`}
        pagination={false}
        dataSource={r.figures}
        expandable={{
          expandedRowRender: (f: Figure) => (
            <List
              size="small"
              header={`依据的记录（共 ${f.recordCount} 条）`}
              dataSource={f.records}
              renderItem={(x) => (
                <List.Item>{x.link ? <Link to={`${x.link}?via=report:${r.id}`}>{x.label}</Link> : x.label}</List.Item>
              )}
            />
          ),
          rowExpandable: (f: Figure) => f.records.length > 0,
        }}
        columns={[
          { title: '指标', dataIndex: 'label' },
          { title: '数值', render: (_: unknown, f: Figure) => (f.value === null ? '—' : `${f.value}${f.unit}`) },
          {
            title: '来源',
            render: (_: unknown, f: Figure) => (
              <Tag color={f.status === 'computed' ? 'blue' : 'default'}>
                {f.status === 'computed' ? '系统计算' : '数据来源模块未启用'}
              </Tag>
            ),
          },
          { title: '计算依据', dataIndex: 'basis' },
          {
            title: '查询',
            render: (_: unknown, f: Figure) =>
              f.query ? (
                <a
                  href={f.query}
                  target="_blank"
                  rel="noreferrer"
                  style={{ textDecoration: 'underline' }}
                  aria-label={`重新查询：${f.label}`}
                >
                  重新查询
                </a>
              ) : null,
          },
        ]}
      />
      <ReportCompare id={r.id} year={r.year} />
    </>
  );
}
