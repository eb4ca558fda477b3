import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Table, Tag, Typography } from 'antd';
import { DISPOSITION_LABELS, DISPOSITIONS } from '../../../../src/procedures/public-comment/public-comment.contract';
import type { DocCommentDto as Comment } from '../../../../src/modules/normative-docs/normative-docs.contract';
import { get } from '../../shared/api';
import { ActionButton } from './ActionButton';

const KIND = { anonymous: '匿名', individual: '个人', organization: '单位' } as const;
const COLOR = { adopted: 'green', partly_adopted: 'blue', not_adopted: 'default' } as const;

/**
 * The public's comments on a draft, for the drafting unit: each one is disposed of here (adopted, partly adopted,
 * not adopted, with a reason), and the adoption statement is compiled from these when the period is closed.
 */
export function CommentsPanel(props: { docId: string; canDispose: boolean; statement: string | null }) {
  const key = ['normative-comments', props.docId];
  const q = useQuery({
    queryKey: key,
    queryFn: () => get<{ items: Comment[] }>(`/api/normative-docs/${props.docId}/comments`),
  });
  const items = q.data?.items ?? [];
  const open = items.filter((c) => c.disposition === null).length;
  return (
    <Card title={`公众意见（${items.length}条）`} size="small" style={{ marginTop: 16 }}>
      {props.canDispose && open > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={`还有${open}条意见未作出采纳处理：结束征求意见前，每条意见都要写明采纳、部分采纳或不予采纳及理由。`}
        />
      )}
      <Table<Comment>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={items}
        pagination={items.length > 10 ? { pageSize: 10 } : false}
        locale={{ emptyText: '尚未收到公众意见' }}
        columns={[
          { title: '回执号', dataIndex: 'receiptNo', width: 200 },
          {
            title: '提交人',
            width: 140,
            render: (_, c) => `${KIND[c.submitterKind]}${c.submitterName ? `：${c.submitterName}` : ''}`,
          },
          {
            title: '意见内容',
            dataIndex: 'body',
            render: (b: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{b}</span>,
          },
          {
            title: '处理结果',
            width: 260,
            render: (_, c) =>
              c.disposition ? (
                <>
                  <Tag color={COLOR[c.disposition]}>{c.dispositionLabel}</Tag>
                  <span>{c.dispositionReason}</span>
                </>
              ) : (
                <Tag color="orange">未处理</Tag>
              ),
          },
          ...(props.canDispose
            ? [
                {
                  title: '操作',
                  width: 120,
                  render: (_: unknown, c: Comment) => (
                    <ActionButton
                      label={c.disposition ? '修改处理' : '处理'}
                      url={`/api/normative-docs/${props.docId}/comments/${c.id}/disposition`}
                      queryKey={key}
                      initial={c.disposition ? { disposition: c.disposition, reason: c.dispositionReason } : undefined}
                      fields={[
                        {
                          name: 'disposition',
                          label: '处理结果',
                          kind: 'select',
                          options: DISPOSITIONS.map((v) => ({ value: v, label: DISPOSITION_LABELS[v] })),
                        },
                        { name: 'reason', label: '理由（至少 4 个字）', kind: 'textarea' },
                      ]}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
      {props.statement && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            意见采纳情况说明
          </Typography.Title>
          <div style={{ whiteSpace: 'pre-wrap', fontSize: 16, lineHeight: 1.8 }}>{props.statement}</div>
        </>
      )}
    </Card>
  );
}
