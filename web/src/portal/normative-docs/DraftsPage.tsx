import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, List, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import type { PublicDraftDto as Draft } from '../../../../src/modules/normative-docs/normative-docs.contract';
import { get } from '../../shared/api';
import { DraftCommentForm } from './DraftCommentForm';

/** Drafts of normative documents open for public comment. */
export function DraftsPage() {
  const q = useQuery({
    queryKey: ['public-normative-drafts'],
    queryFn: () => get<{ items: Draft[] }>('/api/public/normative-drafts'),
  });
  return (
    <>
      <Typography.Title level={2}>规范性文件草案征求意见</Typography.Title>
      {q.error && <Alert type="error" showIcon title={(q.error as Error).message} />}
      <List
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: <Empty description="目前没有正在征求意见的草案" /> }}
        renderItem={(d) => (
          <List.Item>
            <div>
              <Link to={`/normative-drafts/${d.id}`} style={{ fontSize: 18 }}>
                {d.title}
              </Link>{' '}
              <Tag color={d.phase === 'open' ? '#237804' : 'default'}>{d.phaseLabel}</Tag>
              <div style={{ color: '#555' }}>
                {d.orgName}，征求意见期 {d.commentStart} 至 {d.commentEnd}
              </div>
            </div>
          </List.Item>
        )}
      />
    </>
  );
}

/** One draft: its text and drafting note, and the comment form while the period is open. */
export function DraftPage() {
  const { id = '' } = useParams();
  const q = useQuery({
    queryKey: ['public-normative-draft', id],
    queryFn: () => get<Draft>(`/api/public/normative-drafts/${id}`),
  });
  if (q.error) return <Alert type="error" showIcon title={(q.error as Error).message} />;
  const d = q.data;
  if (!d) return null;
  return (
    <>
      <Typography.Title level={2}>{d.title}</Typography.Title>
      <Typography.Paragraph style={{ fontSize: 16 }}>
        起草单位：{d.orgName}。征求意见期：{d.commentStart} 至 {d.commentEnd}。
      </Typography.Paragraph>
      <Card title="草案全文" size="small">
        <div style={{ whiteSpace: 'pre-wrap', fontSize: 16, lineHeight: 1.9 }}>{d.body}</div>
      </Card>
      {d.draftingNote && (
        <Card title="起草说明" size="small" style={{ marginTop: 16 }}>
          <div style={{ whiteSpace: 'pre-wrap', fontSize: 16 }}>{d.draftingNote}</div>
        </Card>
      )}
      <Card title="提出意见" size="small" style={{ marginTop: 16 }}>
        {d.phase === 'open' ? (
          <DraftCommentForm docId={d.id} />
        ) : d.phase === 'upcoming' ? (
          <Alert type="info" showIcon title={`本草案自 ${d.commentStart} 起接收意见。`} />
        ) : (
          <Alert type="info" showIcon title={`征求意见已于 ${d.commentEnd} 截止，感谢您的关注。`} />
        )}
      </Card>
    </>
  );
}
