import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  Progress,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
  message,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { STATUS_LABELS } from '../../../../src/modules/decisions/decisions.contract';
import { fmtTime, get, post } from '../../shared/api';
import { OutcomeView } from './OutcomeView';
import { ParticipationPanel } from './ParticipationPanel';
import { PlanDateModal } from './PlanDateModal';
import { STEPS } from './StepForms';
import { type StepDef, showServerFieldErrors } from './formParts';
import type {
  AssessmentResultDto,
  DecisionAssessment,
  DecisionDetailDto as Detail,
} from '../../../../src/modules/decisions/decisions.contract';
import { EXCLUSIONS, MAJOR_KINDS, REVIEW_CONCLUSION, REVIEW_LEVEL, STATUS_COLORS } from './types';

const STAGE_LABEL_EXTRA: Record<string, string> = {
  assessment: '重大性认定',
  proposed: '决策启动',
  withdrawn: '撤回',
  suspended: '暂停执行',
  resumed: '恢复执行',
  adjusted: '调整决策',
  post_evaluation: '决策后评估',
  completed: '执行完毕',
  archived: '归档',
};

/** One decision: the "is it major?" assessment, the procedure as a stage timeline with each stage's record, the next step. */
export function ItemPage() {
  const { id } = useParams();
  const q = useQuery({ queryKey: ['decision', id], queryFn: () => get<Detail>(`/api/decisions/items/${id}`) });
  const [planOpen, setPlanOpen] = useState(false);
  const d = q.data;
  if (!d) return q.error ? <Alert type="error" showIcon title={(q.error as Error).message} /> : null;
  const labels = new Map(d.requiredStages.map((s) => [s.stage, s.label]));
  const timeline = [
    { stage: 'proposed', label: '重大性认定与启动' },
    ...d.requiredStages,
    { stage: 'completed', label: '执行完毕' },
    { stage: 'archived', label: '归档' },
  ];
  const pos = ['suspended', 'post_evaluation'].includes(d.status) ? 'executing' : d.status;
  const current = Math.max(
    0,
    timeline.findIndex((s) => s.stage === pos),
  );
  const steps = STEPS.filter((s) => d.abilities[s.ability]);
  return (
    <>
      <Typography.Title level={2}>{d.title}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Tag color={STATUS_COLORS[d.status] ?? 'blue'}>{d.statusLabel}</Tag>
        {d.round > 0 && <Tag color="orange">第 {d.round + 1} 轮程序（调整后重新履行）</Tag>}
        {d.overdue && <Tag color="red">已超过计划完成时间</Tag>}
        <Link to="/admin/decisions">返回目录</Link>
        {d.abilities.exportArchive && <a href={`/api/decisions/items/${d.id}/archive.zip`}>下载决策档案（ZIP）</a>}
        {d.abilities.adjustPlan && <Button onClick={() => setPlanOpen(true)}>调整计划完成时间</Button>}
      </Space>
      {planOpen && <PlanDateModal d={d} onClose={() => setPlanOpen(false)} />}
      <Descriptions bordered size="small" column={2} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="决策机关">{d.bodyName}</Descriptions.Item>
        <Descriptions.Item label="承办单位">{d.leadName}</Descriptions.Item>
        <Descriptions.Item label="事项类别">{d.categoryLabel}</Descriptions.Item>
        <Descriptions.Item label="计划完成">{d.plannedCompletionOn}</Descriptions.Item>
        <Descriptions.Item label="执行单位">{d.executionName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="程序要求">
          {[
            d.isTechnical && '专家论证',
            d.affectsStability && '风险评估',
            d.confidential ? '依法不公开（不适用公众参与）' : '公众参与',
          ]
            .filter(Boolean)
            .join('、')}
        </Descriptions.Item>
        <Descriptions.Item label="简要说明" span={2}>
          {d.summary}
        </Descriptions.Item>
      </Descriptions>
      <Card title="决策程序" style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          current={current}
          status={d.status === 'withdrawn' ? 'error' : undefined}
          items={timeline.map((s) => ({ title: labels.get(s.stage) ?? s.label }))}
          style={{ marginBottom: 16, overflowX: 'auto' }}
        />
        {d.status === 'withdrawn' && <Alert type="warning" showIcon title="该决策事项已撤回。" />}
      </Card>
      <AssessmentCard d={d} />
      {steps.length > 0 && <NextStep d={d} steps={steps} />}
      <ParticipationPanel d={d} />
      {d.reviews.length > 0 && (
        <Card title="合法性审查（两级）" style={{ marginBottom: 16 }}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={d.reviews}
            columns={[
              { title: '轮次', dataIndex: 'round', width: 60, render: (r: number) => r + 1 },
              { title: '层级', dataIndex: 'level', render: (l: string) => REVIEW_LEVEL[l] },
              { title: '送审', dataIndex: 'submittedOn', width: 110 },
              { title: '要求反馈', dataIndex: 'replyBy', width: 110 },
              {
                title: '结论',
                width: 110,
                render: (_: unknown, r: Detail['reviews'][number]) =>
                  r.conclusion ? (
                    <>
                      <Tag color={r.conclusion === 'unlawful' ? 'red' : 'green'}>{REVIEW_CONCLUSION[r.conclusion]}</Tag>
                      {r.superseded && <Tag title="草案此后经修改，本意见不再作为提交讨论的依据">已失效</Tag>}
                    </>
                  ) : (
                    <Tag color="orange">审查中</Tag>
                  ),
              },
              { title: '审查意见', dataIndex: 'opinion' },
              { title: '审查人', dataIndex: 'reviewerName', width: 100 },
            ]}
          />
        </Card>
      )}
      {d.tasks.length > 0 && <Execution d={d} />}
      <Card title="各阶段记录" style={{ marginBottom: 16 }}>
        {d.stages.length === 0 && <Typography.Text type="secondary">尚无已完成的阶段。</Typography.Text>}
        {d.stages.map((s) => (
          <Card
            key={s.id}
            type="inner"
            size="small"
            style={{ marginBottom: 8 }}
            title={
              <Space wrap>
                <strong>
                  {labels.get(s.stage) ??
                    STAGE_LABEL_EXTRA[s.stage] ??
                    STATUS_LABELS[s.stage as keyof typeof STATUS_LABELS] ??
                    s.stage}
                </strong>
                {s.round > 0 && <Tag>第 {s.round + 1} 轮</Tag>}
                <span>{fmtTime(s.completedAt)}</span>
                {s.completedByName && <span>{s.completedByName}</span>}
              </Space>
            }
            extra={s.leafHash && <a href={`/verify?hash=${s.leafHash}`}>已上链存证 · 核验</a>}
          >
            {s.publicSummary && (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{s.publicSummary}</Typography.Paragraph>
            )}
            <OutcomeView value={s.outcome} />
          </Card>
        ))}
      </Card>
    </>
  );
}

function AssessmentCard({ d }: { d: Detail }) {
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const m = useMutation({
    mutationFn: (v: { kinds?: string[]; exclusions?: string[]; reasons: string }) =>
      post<AssessmentResultDto>(`/api/decisions/items/${d.id}/assessment`, {
        kinds: v.kinds ?? [],
        exclusions: v.exclusions ?? [],
        reasons: v.reasons,
      }),
    onSuccess: (r) => {
      message.success(r.explanation);
      setEditing(false);
      qc.invalidateQueries({ queryKey: ['decision', d.id] });
    },
  });
  const a = d.assessment as DecisionAssessment | null;
  const explanation = d.stages.filter((s) => s.stage === 'assessment').at(-1)?.outcome as
    | { explanation?: string }
    | undefined;
  return (
    <Card
      title="是否属于重大行政决策（第三条）"
      style={{ marginBottom: 16 }}
      extra={
        d.abilities.assess &&
        !editing && <Button onClick={() => setEditing(true)}>{a ? '重新认定' : '进行重大性认定'}</Button>
      }
    >
      {!a && !editing && (
        <Alert type="warning" showIcon title="尚未进行重大性认定：启动决策程序前须对照第三条逐项认定并写明理由。" />
      )}
      {a && !editing && (
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label="认定结论">
            <Tag color={a.isMajor ? 'green' : 'red'}>{a.isMajor ? '属于重大行政决策' : '不属于或不适用'}</Tag>
            {explanation?.explanation}
          </Descriptions.Item>
          <Descriptions.Item label="符合的类型（第一款）">
            {(a.kinds ?? []).map((k) => MAJOR_KINDS[k as keyof typeof MAJOR_KINDS] ?? k).join('；') || '无'}
          </Descriptions.Item>
          <Descriptions.Item label="排除情形（第二款）">
            {(a.exclusions ?? []).map((k) => EXCLUSIONS[k as keyof typeof EXCLUSIONS] ?? k).join('；') || '无'}
          </Descriptions.Item>
          <Descriptions.Item label="认定理由">
            <span style={{ whiteSpace: 'pre-wrap' }}>{a.reasons}</span>
          </Descriptions.Item>
          <Descriptions.Item label="认定人">
            {a.assessedBy} {fmtTime(a.assessedAt)}
          </Descriptions.Item>
        </Descriptions>
      )}
      {editing && (
        <Form name="assess" layout="vertical" initialValues={a ?? {}} onFinish={(v) => m.mutate(v)}>
          {m.error && <Alert type="error" showIcon title={(m.error as Error).message} style={{ marginBottom: 12 }} />}
          <Form.Item name="kinds" label="对照第三条第一款，本事项属于（可多选）">
            <Checkbox.Group
              style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
              options={Object.entries(MAJOR_KINDS).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          <Form.Item name="exclusions" label="是否属于第三条第二款不适用的情形（可多选）">
            <Checkbox.Group
              style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
              options={Object.entries(EXCLUSIONS).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          <Form.Item
            name="reasons"
            label="认定理由（合法性审查时可见）"
            rules={[{ required: true, message: '请填写认定理由' }]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={m.isPending}>
              保存认定
            </Button>
            <Button onClick={() => setEditing(false)}>取消</Button>
          </Space>
        </Form>
      )}
    </Card>
  );
}

function NextStep({ d, steps }: { d: Detail; steps: StepDef[] }) {
  const [open, setOpen] = useState<string | null>(steps.length === 1 ? steps[0].ability : null);
  const step = steps.find((s) => s.ability === open);
  return (
    <Card title="办理" style={{ marginBottom: 16 }}>
      <Space wrap style={{ marginBottom: step ? 16 : 0 }}>
        {steps.map((s) => (
          <Button
            key={s.ability}
            type={open === s.ability ? 'primary' : 'default'}
            danger={s.danger}
            onClick={() => setOpen(s.ability)}
          >
            {s.label}
          </Button>
        ))}
      </Space>
      {step && <StepPanel key={`${step.ability}-${d.status}`} d={d} step={step} onDone={() => setOpen(null)} />}
    </Card>
  );
}

function StepPanel({ d, step, onDone }: { d: Detail; step: StepDef; onDone: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm();
  // The server's refusal is shown above the button and, when it names a field of this form, on that field.
  const [fieldErrors, setFieldErrors] = useState<string[]>([]);
  const m = useMutation({
    mutationFn: (body: unknown) => post<Detail>(`/api/decisions/items/${d.id}/${step.path(d)}`, body),
    onMutate: () => setFieldErrors([]),
    onSuccess: (next) => {
      message.success(`${step.label}：已完成`);
      qc.setQueryData(['decision', d.id], next);
      onDone();
    },
    onError: (e) => setFieldErrors(showServerFieldErrors(form, e)),
  });
  return (
    <Form
      form={form}
      name={step.ability}
      layout="vertical"
      onFinish={(v) => m.mutate(step.toBody ? step.toBody(v, d) : v)}
    >
      {step.fields(d, form)}
      {m.error && (
        <Alert
          type="error"
          showIcon
          title={fieldErrors.length ? fieldErrors.join('；') : (m.error as Error).message}
          style={{ marginBottom: 12 }}
        />
      )}
      <Button type="primary" danger={step.danger} htmlType="submit" loading={m.isPending}>
        提交：{step.label}
      </Button>
    </Form>
  );
}

function Execution({ d }: { d: Detail }) {
  const overall = d.reports.at(-1)?.overallPct ?? 0;
  return (
    <Card title="决策执行" style={{ marginBottom: 16 }}>
      <Typography.Paragraph>
        执行单位：{d.executionName} 加权总进度：
        <Progress percent={overall} style={{ width: 300, display: 'inline-flex' }} />
      </Typography.Paragraph>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={d.tasks}
        columns={[
          { title: '执行任务', dataIndex: 'name' },
          { title: '权重', dataIndex: 'weight', width: 80 },
          {
            title: '进度',
            dataIndex: 'progress',
            width: 220,
            render: (p: number) => <Progress percent={p} size="small" />,
          },
        ]}
      />
      {d.reports.length > 0 && (
        <Table
          style={{ marginTop: 12 }}
          rowKey="period"
          size="small"
          pagination={false}
          dataSource={d.reports}
          columns={[
            { title: '报告期', dataIndex: 'period', width: 90 },
            { title: '加权进度', dataIndex: 'overallPct', width: 90, render: (p: number) => `${p}%` },
            { title: '执行情况', dataIndex: 'note' },
            { title: '问题', dataIndex: 'problems' },
            { title: '报告人', dataIndex: 'reportedByName', width: 100 },
          ]}
        />
      )}
    </Card>
  );
}
