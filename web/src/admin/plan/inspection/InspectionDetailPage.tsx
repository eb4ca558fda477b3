import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { get, post } from '../../../shared/api';
import { type Deadline, DeadlineList } from '../../calendar/DeadlineList';
import { ActionForm } from './ActionForm';
import type {
  InspectionDto as Inspection,
  InspectionOrderDto as InspectionOrder,
  InspectionTargetDto as InspectionTarget,
} from '../../../../../src/modules/plan/plan.contract';
import { INSPECTION_STATUS_ZH } from './types';

/** The statutory deadlines of one inspected unit (申请复核 30 日、复核决定 30 日), each with its computation trace. */
function TargetDeadlines({ target }: { target: InspectionTarget }) {
  const key = ['deadlines', 'inspection_target', target.id];
  const q = useQuery({
    queryKey: key,
    queryFn: () =>
      get<{ items: Deadline[] }>(
        `/api/deadlines?entityKind=inspection_target&entityId=${encodeURIComponent(target.id)}`,
      ),
    enabled: target.status !== 'pending',
  });
  if (target.status === 'pending') return null;
  return (
    <div style={{ marginBottom: 12 }}>
      <Typography.Text strong>法定期限（展开行查看计算过程）</Typography.Text>
      <DeadlineList items={q.data?.items ?? []} loading={q.isLoading} queryKey={key} />
    </div>
  );
}

function TargetCard({ i, t }: { i: Inspection; t: InspectionTarget }) {
  const manage = i.abilities.manage;
  const key = ['inspection', i.id];
  const base = `/api/plan/inspections/${i.id}`;
  const extra = { orgId: t.orgId };
  return (
    <Card
      title={
        <Space>
          {t.orgName}
          <Tag color={t.status === 'verified' ? 'default' : 'blue'}>{t.statusLabel}</Tag>
        </Space>
      }
      size="small"
      style={{ marginBottom: 16 }}
    >
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label="督查结论">
          {t.conclusion ? `${t.conclusion}（${t.conclusionServedOn} 送达）` : '尚未作出'}
        </Descriptions.Item>
        {t.reexaminationRequestedOn && (
          <Descriptions.Item label="申请复核">{`${t.reexaminationRequestedOn}：${t.reexaminationReason ?? ''}`}</Descriptions.Item>
        )}
        {t.reexaminationDecidedOn && (
          <Descriptions.Item label="复核决定">
            {`${t.reexaminationDecidedOn}，${t.reexaminationOutcome === 'changed' ? '变更结论' : '维持结论'}：${t.reexaminationDecision ?? ''}`}
          </Descriptions.Item>
        )}
        {t.rectifiedOn && (
          <Descriptions.Item label="整改情况">{`${t.rectifiedOn}：${t.rectificationReport ?? ''}`}</Descriptions.Item>
        )}
        {t.verificationNote && (
          <Descriptions.Item label="核查意见">
            {`${t.verifiedOn ? `${t.verifiedOn} 核查通过` : '退回整改'}：${t.verificationNote}`}
          </Descriptions.Item>
        )}
      </Descriptions>
      <TargetDeadlines target={t} />
      {manage && t.status === 'pending' && ['in_progress', 'concluded'].includes(i.status) && (
        <ActionForm
          id={`conclude-${t.id}`}
          title="送达督查结论（第十六条）"
          url={`${base}/conclusions`}
          extra={extra}
          fields={[
            { name: 'conclusion', label: '督查结论', kind: 'textarea' },
            { name: 'servedOn', label: '送达日期', kind: 'date' },
          ]}
          submitLabel="送达结论"
          invalidate={key}
          done="督查结论已送达，申请复核期限已登记"
        />
      )}
      {t.unitActs && t.status === 'concluded' && (
        <ActionForm
          id={`reexam-${t.id}`}
          title="申请复核（收到结论之日起30日内，第十七条）"
          url={`${base}/reexamination`}
          extra={extra}
          fields={[
            { name: 'reason', label: '申请复核的理由', kind: 'textarea' },
            { name: 'requestedOn', label: '申请日期', kind: 'date' },
          ]}
          submitLabel="申请复核"
          invalidate={key}
          done="复核申请已提交，复核决定期限已登记"
        />
      )}
      {manage && t.status === 'reexamination_requested' && (
        <ActionForm
          id={`decide-${t.id}`}
          title="作出复核决定（30日内；作出结论的人员回避）"
          url={`${base}/reexamination/decision`}
          extra={extra}
          fields={[
            {
              name: 'outcome',
              label: '复核结果',
              kind: 'choice',
              required: '请选择复核结果',
              choices: [
                { value: 'upheld', label: '维持结论' },
                { value: 'changed', label: '变更结论' },
              ],
            },
            { name: 'decision', label: '复核决定', kind: 'textarea' },
            { name: 'decidedOn', label: '决定日期', kind: 'date' },
          ]}
          submitLabel="作出复核决定"
          invalidate={key}
          done="复核决定已作出"
        />
      )}
      {t.unitActs && ['concluded', 'reexamined', 'rectifying'].includes(t.status) && (
        <ActionForm
          id={`rectify-${t.id}`}
          title="报送整改情况（第十八条）"
          url={`${base}/rectification`}
          extra={extra}
          fields={[
            { name: 'report', label: '整改情况', kind: 'textarea' },
            { name: 'on', label: '整改完成日期', kind: 'date' },
          ]}
          submitLabel="报送整改情况"
          invalidate={key}
          done="整改情况已报送"
        />
      )}
      {manage && t.status === 'rectified' && (
        <ActionForm
          id={`verify-${t.id}`}
          title="核查整改情况"
          url={`${base}/verification`}
          extra={extra}
          fields={[
            {
              name: 'accepted',
              label: '核查结果',
              kind: 'choice',
              required: '请选择核查结果',
              choices: [
                { value: true, label: '整改到位' },
                { value: false, label: '退回继续整改' },
              ],
            },
            { name: 'note', label: '核查意见', kind: 'textarea' },
            { name: 'on', label: '核查日期', kind: 'date' },
          ]}
          submitLabel="提交核查意见"
          invalidate={key}
          done="核查意见已记录"
        />
      )}
    </Card>
  );
}

function Orders({ i }: { i: Inspection }) {
  const [orgId, setOrgId] = useState<string | undefined>(i.targets[0]?.orgId);
  const unitOrgs = new Set(i.targets.filter((t) => t.unitActs).map((t) => t.orgId));
  return (
    <Card title="督办单" size="small" style={{ marginBottom: 16 }}>
      <Table<InspectionOrder>
        rowKey="id"
        pagination={false}
        dataSource={i.orders}
        locale={{ emptyText: <span style={{ color: 'rgba(0, 0, 0, 0.8)' }}>尚未下发督办单</span> }}
        expandable={{
          rowExpandable: (o) =>
            ((o.status === 'issued' || o.status === 'rehandling') && unitOrgs.has(o.orgId)) ||
            (o.status === 'answered' && i.abilities.manage),
          expandedRowRender: (o) =>
            o.status === 'answered' ? (
              <ActionForm
                id={`feedback-${o.id}`}
                title="督办单答复意见"
                url={`/api/plan/inspection-orders/${o.id}/feedback`}
                fields={[
                  {
                    name: 'accept',
                    label: '意见',
                    kind: 'choice',
                    choices: [
                      { value: true, label: '确认办结' },
                      { value: false, label: '要求重新办理' },
                    ],
                  },
                  { name: 'feedback', label: '理由和要求（要求重新办理时必填）', kind: 'textarea', optional: true },
                ]}
                submitLabel="提交意见"
                invalidate={['inspection', i.id]}
                done="意见已提交"
              />
            ) : (
              <ActionForm
                id={`answer-${o.id}`}
                title="答复督办单"
                url={`/api/plan/inspection-orders/${o.id}/answer`}
                fields={[
                  { name: 'answer', label: '办理情况', kind: 'textarea' },
                  { name: 'on', label: '答复日期', kind: 'date' },
                ]}
                submitLabel="提交答复"
                invalidate={['inspection', i.id]}
                done="督办单已答复"
              />
            ),
        }}
        columns={[
          { title: '单位', dataIndex: 'orgName' },
          { title: '督办事项', dataIndex: 'content' },
          { title: '办理期限', dataIndex: 'dueDate' },
          {
            title: '答复',
            render: (_, o) => (
              <Space orientation="vertical" size={0}>
                <Tag color={o.status === 'closed' ? 'green' : o.status === 'answered' ? 'blue' : 'red'}>
                  {o.statusLabel}
                  {o.rounds > 1 ? `（第${o.rounds}次答复）` : ''}
                  {(o.status === 'issued' || o.status === 'rehandling') && unitOrgs.has(o.orgId)
                    ? '（展开本行答复）'
                    : ''}
                  {o.status === 'answered' && i.abilities.manage ? '（展开本行提出意见）' : ''}
                </Tag>
                {o.answer && `${o.answeredOn}：${o.answer}`}
                {o.feedback && <span>督查机构意见：{o.feedback}</span>}
              </Space>
            ),
          },
        ]}
      />
      {i.abilities.manage && i.status === 'in_progress' && (
        <div style={{ marginTop: 12 }}>
          <Space style={{ marginBottom: 8 }}>
            <label htmlFor="order-org">下发给</label>
            <Select
              id="order-org"
              style={{ minWidth: 240 }}
              value={orgId}
              onChange={setOrgId}
              options={i.targets.map((t) => ({ value: t.orgId, label: t.orgName }))}
            />
          </Space>
          <ActionForm
            id="issue-order"
            title="下发督办单"
            url={`/api/plan/inspections/${i.id}/orders`}
            extra={{ orgId }}
            fields={[
              { name: 'content', label: '督办事项', kind: 'textarea' },
              { name: 'dueDate', label: '办理期限', kind: 'date' },
            ]}
            submitLabel="下发"
            invalidate={['inspection', i.id]}
            done="督办单已下发"
          />
        </div>
      )}
    </Card>
  );
}

/** One inspection: the approved plan, follow-up orders, and per unit the conclusion, re-examination and rectification. */
export function InspectionDetailPage() {
  const { id } = useParams();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['inspection', id], queryFn: () => get<Inspection>(`/api/plan/inspections/${id}`) });
  const start = useMutation({
    mutationFn: () => post(`/api/plan/inspections/${id}/start`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['inspection', id] }),
  });
  const i = q.data;
  if (!i) return q.error ? <Alert type="error" showIcon title={(q.error as Error).message} /> : null;
  return (
    <>
      <Typography.Title level={2}>{i.title}</Typography.Title>
      <Descriptions bordered size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="状态">{INSPECTION_STATUS_ZH[i.status]}</Descriptions.Item>
        <Descriptions.Item label="督查依据">{i.basis}</Descriptions.Item>
        <Descriptions.Item label="内容和范围">{i.scope}</Descriptions.Item>
        <Descriptions.Item label="督查方式">{i.methods}</Descriptions.Item>
        <Descriptions.Item label="期间">{`${i.startsOn} 至 ${i.endsOn}`}</Descriptions.Item>
        {i.approval && (
          <Descriptions.Item label="方案批准">
            {`${i.approval.approvedBy ?? ''} 于 ${new Date(i.approval.approvedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })} 批准：${i.approval.opinion}`}
          </Descriptions.Item>
        )}
      </Descriptions>
      {i.status === 'planned' && !i.abilities.approve && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="督查方案须报本级人民政府行政首长批准后方可开始督查（《政府督查工作条例》第十一条）。"
        />
      )}
      {i.abilities.approve && (
        <ActionForm
          id="approve-inspection"
          title="批准督查方案（《政府督查工作条例》第十一条、第十五条）"
          url={`/api/plan/inspections/${i.id}/approve`}
          fields={[{ name: 'opinion', label: '批准意见（批示）', kind: 'textarea' }]}
          submitLabel="批准督查方案"
          invalidate={['inspection', i.id]}
          done="督查方案已批准"
        />
      )}
      {i.abilities.start && (
        <Card title="开始督查" size="small" style={{ marginBottom: 16 }}>
          <Typography.Paragraph>督查方案已经批准，开始督查后可以下发督办单、送达督查结论。</Typography.Paragraph>
          {start.error && (
            <Alert type="error" showIcon title={(start.error as Error).message} style={{ marginBottom: 12 }} />
          )}
          <Button type="primary" loading={start.isPending} onClick={() => start.mutate()}>
            开始督查
          </Button>
        </Card>
      )}
      <Orders i={i} />
      {i.targets.map((t) => (
        <TargetCard key={t.id} i={i} t={t} />
      ))}
    </>
  );
}
