import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, List, Steps, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { fmtTime, get } from '../../shared/api';
import { CommentForm } from './CommentForm';
import { PeriodTrace } from './PeriodTrace';
import type { PublicDecisionDto as PublicItem } from '../../../../src/modules/decisions/decisions.contract';
import { ProofBadge } from './ProofBadge';

const para = { fontSize: 16, lineHeight: 1.8, whiteSpace: 'pre-wrap' as const };

/** The public status page of one decision: each completed stage, participation, comments, the published decision. */
export function PublicItemPage() {
  const { id } = useParams();
  const q = useQuery({
    queryKey: ['public-decision', id],
    queryFn: () => get<PublicItem>(`/api/public/decisions/items/${id}`),
  });
  const d = q.data;
  if (!d) return q.error ? <Alert type="error" showIcon title={(q.error as Error).message} /> : null;
  const statement = d.stages.filter((s) => s.stage === 'participation').at(-1);
  const open = d.participations.filter((p) => p.acceptingComments);
  return (
    <article>
      <Typography.Title level={2}>{d.title}</Typography.Title>
      <Descriptions bordered column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="决策机关">{d.bodyName}</Descriptions.Item>
        <Descriptions.Item label="承办单位">{d.leadName}</Descriptions.Item>
        <Descriptions.Item label="当前进展">
          <Tag color="blue">{d.statusLabel}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="计划完成时间">{d.plannedCompletionOn}</Descriptions.Item>
        <Descriptions.Item label="事项说明" span={2}>
          {d.summary}
        </Descriptions.Item>
      </Descriptions>
      {d.confidential && (
        <Alert type="info" showIcon title="该事项依法不予公开，程序进展不在此展示。" style={{ marginBottom: 16 }} />
      )}
      {open.map((p) => (
        <Card key={p.id} title={`正在征求意见：${p.title}`} style={{ marginBottom: 16 }}>
          <Typography.Paragraph style={para}>
            征求意见期：{p.opensOn} 至 {p.closesOn}
            {p.shortenedReason && `。因情况紧急缩短了征求意见期，理由：${p.shortenedReason}`}
          </Typography.Paragraph>
          <PeriodTrace decisionId={d.id} />
          <CommentForm participationId={p.id} />
        </Card>
      ))}
      <Typography.Title level={3}>已完成的决策程序</Typography.Title>
      {d.stages.length === 0 ? (
        <Typography.Paragraph style={para}>决策程序尚未完成任何阶段。</Typography.Paragraph>
      ) : (
        <Steps
          direction="vertical"
          current={d.stages.length}
          items={d.stages.map((s) => ({
            title: (
              <span style={{ fontSize: 16 }}>
                {s.label} <Typography.Text type="secondary">{fmtTime(s.completedAt)}</Typography.Text>
              </span>
            ),
            description: (
              <div>
                <div style={para}>{s.summary}</div>
                <ProofBadge hash={s.leafHash} />
              </div>
            ),
          }))}
        />
      )}
      {d.participations.length > 0 && (
        <>
          <Typography.Title level={3}>公众参与</Typography.Title>
          <List
            bordered
            dataSource={d.participations}
            renderItem={(p) => (
              <List.Item>
                <div style={{ width: '100%' }}>
                  <Tag color="blue">{p.formLabel}</Tag>
                  <strong>{p.title}</strong>{' '}
                  {p.form === 'comment_period' ? (
                    <Tag color={p.phase === 'open' ? 'blue' : undefined}>{p.phaseLabel}</Tag>
                  ) : p.status === 'open' ? (
                    <Tag color="blue">进行中</Tag>
                  ) : (
                    <Tag>已结束</Tag>
                  )}
                  <div>
                    {p.opensOn ? `${p.opensOn} 至 ${p.closesOn}` : p.heldOn}
                    {p.shortenedReason && `（缩短期限理由：${p.shortenedReason}）`}
                  </div>
                  {p.selectionMethod && <div>参加人遴选办法：{p.selectionMethod}</div>}
                  {p.participants.length > 0 && <div>听证参加人：{p.participants.join('、')}</div>}
                  {p.outcome && <div style={para}>结果：{p.outcome}</div>}
                  {p.commentSetHash && <ProofBadge hash={p.commentSetHash} label="意见集已存证" />}
                </div>
              </List.Item>
            )}
          />
        </>
      )}
      {d.comments.length > 0 && (
        <>
          <Typography.Title level={3} style={{ marginTop: 24 }}>
            公众意见及处理情况
          </Typography.Title>
          <List
            bordered
            dataSource={d.comments}
            renderItem={(c) => (
              <List.Item>
                <div style={{ width: '100%' }}>
                  <Typography.Text type="secondary">
                    {c.submitter} · {fmtTime(c.createdAt)} · 回执号 {c.receiptNo}
                  </Typography.Text>
                  {/* Text only: a comment is never interpreted as markup. */}
                  <div style={para}>{c.body}</div>
                  {c.disposition && (
                    <div>
                      <Tag color="green">{c.disposition}</Tag>
                      {c.dispositionReason}
                    </div>
                  )}
                </div>
              </List.Item>
            )}
          />
        </>
      )}
      {d.publishedText && (
        <Card title="决策公布文本" style={{ marginTop: 24 }} extra={<ProofBadge hash={d.publishedLeafHash} />}>
          <Typography.Paragraph style={para}>{d.publishedText}</Typography.Paragraph>
          {statement && (
            <>
              <Typography.Title level={4}>意见采纳情况说明</Typography.Title>
              <Typography.Paragraph style={para}>{statement.summary}</Typography.Paragraph>
            </>
          )}
        </Card>
      )}
    </article>
  );
}
