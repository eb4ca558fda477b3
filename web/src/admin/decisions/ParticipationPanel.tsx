import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  message,
} from 'antd';
import { useState } from 'react';
import { fmtTime, post } from '../../shared/api';
import { todayLocal, useRulePeriod, useStatutoryDate } from './formParts';
import type {
  DecisionCommentDto as Comment,
  DecisionDetailDto as Detail,
  ParticipationDetails,
  ParticipationDto as Participation,
} from '../../../../src/modules/decisions/decisions.contract';
import { DISPOSITION_LABELS, FORM_LABELS, MODERATION, SUBMITTER, lines } from './types';

type Form_ = keyof typeof FORM_LABELS;
/** The form's own facts, as the server stored them (the contract's ParticipationDetails). */
const details = (p: Participation) => p.details as ParticipationDetails | null;

/** Public participation (Arts 14–18): the forms held, their outcomes, and the comments with moderation and disposition. */
export function ParticipationPanel({ d }: { d: Detail }) {
  const [opening, setOpening] = useState(false);
  const [closing, setClosing] = useState<Participation | null>(null);
  const parts = d.participations.filter((p) => p.round === d.round);
  if (parts.length === 0 && !d.abilities.manageParticipation) return null;
  return (
    <Card title={`公众参与（已采用 ${new Set(parts.map((p) => p.form)).size} 种形式）`} style={{ marginBottom: 16 }}>
      {d.abilities.manageParticipation && d.status === 'participation' && (
        <Button type="primary" onClick={() => setOpening(true)} style={{ marginBottom: 12 }}>
          组织公众参与
        </Button>
      )}
      {parts.map((p) => (
        <Card
          key={p.id}
          type="inner"
          size="small"
          style={{ marginBottom: 12 }}
          title={
            <Space wrap>
              <Tag color="blue">{FORM_LABELS[p.form as Form_] ?? p.form}</Tag>
              {p.title}
              <Tag color={p.status === 'open' ? 'processing' : 'default'}>
                {p.status === 'open' ? '进行中' : '已结束'}
              </Tag>
            </Space>
          }
          extra={
            d.abilities.manageParticipation &&
            p.status === 'open' && (
              <Button size="small" onClick={() => setClosing(p)}>
                结束并记录结果
              </Button>
            )
          }
        >
          <Descriptions size="small" column={2}>
            {p.opensOn && <Descriptions.Item label="征求意见期">{`${p.opensOn} 至 ${p.closesOn}`}</Descriptions.Item>}
            {p.shortenedReason && (
              <Descriptions.Item label="缩短期限理由（已向社会说明）">{p.shortenedReason}</Descriptions.Item>
            )}
            {p.heldOn && <Descriptions.Item label="举行日期">{p.heldOn}</Descriptions.Item>}
            {details(p)?.place && <Descriptions.Item label="地点">{details(p)?.place}</Descriptions.Item>}
            {details(p)?.materialsSentOn && (
              <Descriptions.Item label="材料送达">{details(p)?.materialsSentOn}</Descriptions.Item>
            )}
            {details(p)?.selectionMethod && (
              <Descriptions.Item label="遴选办法">{details(p)?.selectionMethod}</Descriptions.Item>
            )}
            {!!details(p)?.participants?.length && (
              <Descriptions.Item label="参加人">{details(p)?.participants?.join('、')}</Descriptions.Item>
            )}
            {p.outcome && <Descriptions.Item label="结果">{p.outcome}</Descriptions.Item>}
            {p.commentSetHash && (
              <Descriptions.Item label="意见集存证">
                共 {p.commentCount} 条，<a href={`/verify?hash=${p.commentSetHash}`}>核验</a>
              </Descriptions.Item>
            )}
          </Descriptions>
          {p.form === 'comment_period' && <Comments d={d} p={p} />}
        </Card>
      ))}
      {opening && <OpenModal d={d} onClose={() => setOpening(false)} />}
      {closing && <CloseModal d={d} p={closing} onClose={() => setClosing(null)} />}
    </Card>
  );
}

function useDecisionPost(d: Detail, done: string, onDone?: () => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ url, body }: { url: string; body: unknown }) => post(url, body),
    onSuccess: () => {
      message.success(done);
      qc.invalidateQueries({ queryKey: ['decision', d.id] });
      onDone?.();
    },
  });
}

function OpenModal({ d, onClose }: { d: Detail; onClose: () => void }) {
  const [form] = Form.useForm();
  const kind = (Form.useWatch('form', form) as Form_ | undefined) ?? 'comment_period';
  const opensOn = (Form.useWatch('opensOn', form) as string | undefined) ?? todayLocal();
  const minEnd = useStatutoryDate('decision.comment_period', opensOn, 'minimumEnd');
  const commentDays = useRulePeriod('decision.comment_period', '30日');
  const materialsDays = useRulePeriod('decision.hearing_materials', '7日');
  const m = useDecisionPost(d, '公众参与已组织', onClose);
  return (
    <Modal
      open
      width={680}
      title="组织公众参与"
      okText="保存"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={m.isPending}
    >
      {m.error && <Alert type="error" showIcon title={(m.error as Error).message} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        name="participation"
        layout="vertical"
        initialValues={{ form: 'comment_period', opensOn: todayLocal() }}
        onFinish={(v) =>
          m.mutate({
            url: `/api/decisions/items/${d.id}/participations`,
            body: Object.fromEntries(
              Object.entries({ ...v, participants: lines(v.participants) }).filter(
                ([, x]) => x !== undefined && x !== '',
              ),
            ),
          })
        }
      >
        <Form.Item name="form" label="参与形式">
          <Select options={Object.entries(FORM_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="title" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
          <Input />
        </Form.Item>
        {kind === 'comment_period' ? (
          <>
            <Form.Item name="opensOn" label="开始日期" rules={[{ required: true, message: '请填写开始日期' }]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item
              name="closesOn"
              label="截止日期"
              rules={[{ required: true, message: '请填写截止日期' }]}
              extra={
                minEnd.data
                  ? `第十五条：征求意见期一般不少于${commentDays}，截止日期不早于 ${minEnd.data}。`
                  : undefined
              }
            >
              <Input type="date" />
            </Form.Item>
            <Form.Item name="shortenedReason" label={`缩短期限的理由（不足${commentDays}时必填，向社会公开）`}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item name="heldOn" label="举行日期" rules={[{ required: true, message: '请填写举行日期' }]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="place" label="地点">
              <Input />
            </Form.Item>
            {kind === 'hearing' && (
              <>
                <Form.Item
                  name="materialsSentOn"
                  label={`听证材料送达参加人日期（应于听证${materialsDays}前，第十六条）`}
                >
                  <Input type="date" />
                </Form.Item>
                <Form.Item name="selectionMethod" label="参加人遴选办法（向社会公布）">
                  <Input.TextArea rows={2} />
                </Form.Item>
              </>
            )}
            <Form.Item name="participants" label="参加人（每行一个）">
              <Input.TextArea rows={3} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

function CloseModal({ d, p, onClose }: { d: Detail; p: Participation; onClose: () => void }) {
  const [form] = Form.useForm();
  const m = useDecisionPost(d, '公众参与已结束', onClose);
  return (
    <Modal
      open
      title={`结束：${p.title}`}
      okText="结束"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={m.isPending}
    >
      {m.error && <Alert type="error" showIcon title={(m.error as Error).message} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        name="closeParticipation"
        layout="vertical"
        onFinish={(v) =>
          m.mutate({
            url: `/api/decisions/participations/${p.id}/close`,
            body: { ...v, recordSigned: p.form === 'hearing' ? !!v.recordSigned : undefined },
          })
        }
      >
        <Form.Item name="outcome" label="参与情况与结果" rules={[{ required: true, message: '请填写参与情况与结果' }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
        {p.form === 'hearing' && (
          <Form.Item name="recordSigned" valuePropName="checked">
            <Checkbox>听证笔录已经参加人确认并签字（第十七条）</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function Comments({ d, p }: { d: Detail; p: Participation }) {
  const [acting, setActing] = useState<{ c: Comment; kind: 'moderate' | 'dispose' } | null>(null);
  const list = d.comments.filter((c) => c.participationId === p.id);
  const can = d.abilities.moderateComments && p.status === 'open';
  return (
    <>
      <Typography.Text strong>收到意见 {list.length} 条</Typography.Text>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={list}
        locale={{ emptyText: '尚未收到意见' }}
        columns={[
          { title: '回执号', dataIndex: 'receiptNo', width: 190 },
          {
            title: '提交人',
            width: 130,
            render: (_: unknown, c: Comment) =>
              `${SUBMITTER[c.submitterKind] ?? ''}${c.submitterName ? `：${c.submitterName}` : ''}`,
          },
          {
            title: '意见内容',
            render: (_: unknown, c: Comment) => (
              <>
                {/* Rendered as text: whatever a citizen typed, markup included, is shown, never interpreted. */}
                <div style={{ whiteSpace: 'pre-wrap' }}>{c.body}</div>
                {c.attachments.map((a) => (
                  <div key={a.fileId}>
                    附件：{a.name}（{Math.ceil(a.size / 1024)} KB，SHA-256 {a.sha256.slice(0, 12)}…）
                  </div>
                ))}
                <Typography.Text type="secondary">{fmtTime(c.createdAt)}</Typography.Text>
              </>
            ),
          },
          {
            title: '审核',
            width: 150,
            render: (_: unknown, c: Comment) => (
              <>
                <Tag color={c.moderation === 'published' ? 'green' : c.moderation === 'rejected' ? 'red' : 'orange'}>
                  {MODERATION[c.moderation]}
                </Tag>
                {c.moderationReason && <div>{c.moderationReason}</div>}
                {can && (
                  <Button size="small" type="link" onClick={() => setActing({ c, kind: 'moderate' })}>
                    审核
                  </Button>
                )}
              </>
            ),
          },
          {
            title: '采纳处理',
            width: 200,
            render: (_: unknown, c: Comment) => (
              <>
                {c.disposition && (
                  <Tag color="blue">{DISPOSITION_LABELS[c.disposition as keyof typeof DISPOSITION_LABELS]}</Tag>
                )}
                {c.dispositionReason && <div>{c.dispositionReason}</div>}
                {can && c.moderation !== 'rejected' && (
                  <Button size="small" type="link" onClick={() => setActing({ c, kind: 'dispose' })}>
                    {c.disposition ? '修改处理' : '采纳处理'}
                  </Button>
                )}
              </>
            ),
          },
        ]}
      />
      {acting && <CommentModal d={d} c={acting.c} kind={acting.kind} onClose={() => setActing(null)} />}
    </>
  );
}

function CommentModal({
  d,
  c,
  kind,
  onClose,
}: {
  d: Detail;
  c: Comment;
  kind: 'moderate' | 'dispose';
  onClose: () => void;
}) {
  const [form] = Form.useForm();
  const m = useDecisionPost(d, kind === 'moderate' ? '已审核' : '已记录采纳处理', onClose);
  return (
    <Modal
      open
      title={`${kind === 'moderate' ? '审核意见' : '采纳处理'}：${c.receiptNo}`}
      okText="保存"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={m.isPending}
    >
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.body}</Typography.Paragraph>
      {m.error && <Alert type="error" showIcon title={(m.error as Error).message} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        name={kind}
        layout="vertical"
        onFinish={(v) =>
          m.mutate({ url: `/api/decisions/comments/${c.id}/${kind}`, body: { ...v, reason: v.reason || undefined } })
        }
      >
        {kind === 'moderate' ? (
          <Form.Item name="moderation" label="审核结果" rules={[{ required: true, message: '请选择审核结果' }]}>
            <Radio.Group
              options={[
                { value: 'published', label: '公开' },
                { value: 'rejected', label: '不予公开' },
              ]}
            />
          </Form.Item>
        ) : (
          <Form.Item name="disposition" label="处理结果" rules={[{ required: true, message: '请选择处理结果' }]}>
            <Radio.Group options={Object.entries(DISPOSITION_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        )}
        <Form.Item name="reason" label={kind === 'moderate' ? '不予公开的理由（不予公开时必填）' : '处理理由'}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
