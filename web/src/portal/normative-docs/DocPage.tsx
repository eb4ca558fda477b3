import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import type { PublicDocDto as PublicDoc } from '../../../../src/modules/normative-docs/normative-docs.contract';
import { get } from '../../shared/api';
import { discrepancyText } from '../decisions/ProofBadge';

/** One published document: text, interpretation, validity, history and its ledger proof. */
export function DocPage() {
  const { id = '' } = useParams();
  const q = useQuery({
    queryKey: ['public-normative-doc', id],
    queryFn: () => get<PublicDoc>(`/api/public/normative-docs/${id}`),
  });
  if (q.error) return <Alert type="error" showIcon title={(q.error as Error).message} />;
  const d = q.data;
  if (!d) return null;
  return (
    <>
      <Typography.Title level={2}>{d.title}</Typography.Title>
      <Descriptions bordered column={2} size="small">
        <Descriptions.Item label="制定机关">{d.orgName}</Descriptions.Item>
        <Descriptions.Item label="文号">{d.registrationNo}</Descriptions.Item>
        <Descriptions.Item label="状态">
          <Tag color={d.status === 'in_force' ? '#237804' : 'default'}>{d.statusLabel}</Tag>
          {d.endReason ?? ''}
        </Descriptions.Item>
        <Descriptions.Item label="有效期">
          {d.effectiveOn} 至 {d.validUntil}
        </Descriptions.Item>
        {d.enteredAfterwards && (
          <Descriptions.Item label="补录" span={2}>
            <Tag>补录</Tag>本文件于 {d.enteredAfterwards.on} 补录入库（原文号、原日期），非经本平台程序制定
            {d.enteredAfterwards.reason ? `；说明：${d.enteredAfterwards.reason}` : ''}
          </Descriptions.Item>
        )}
        {d.commentWaiverReason && (
          <Descriptions.Item label="未公开征求意见的理由" span={2}>
            {d.commentWaiverReason}
          </Descriptions.Item>
        )}
        {d.earlyEffectReason && (
          <Descriptions.Item label="提前施行的理由" span={2}>
            {d.earlyEffectReason}
          </Descriptions.Item>
        )}
        <Descriptions.Item label="制定依据" span={2}>
          {d.bases.length
            ? d.bases.map((b) => (
                <span key={b.lawId}>
                  <Link to={`/laws/${b.lawId}`}>《{b.title}》</Link>
                  {b.articles}；
                </span>
              ))
            : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="存证" span={2}>
          {d.proof && discrepancyText(d.proof.recordState) ? (
            <Tag color="red">{discrepancyText(d.proof.recordState)}</Tag>
          ) : d.proof ? (
            `已上链存证（${d.proof.status === 'included' ? `第 ${d.proof.index} 号记录` : '待写入'}），文本哈希 ${d.contentHash}`
          ) : (
            '—'
          )}
          {d.proof && (
            <>
              {' '}
              <Link to={`/verify?hash=${d.proof.leafHash}`}>验证</Link>
              {d.proof.index !== null && (
                <>
                  {' · '}
                  <a href={`/api/public/ledger/entries/${d.proof.index}/content`} download>
                    下载存证原文
                  </a>
                </>
              )}
            </>
          )}
        </Descriptions.Item>
      </Descriptions>
      <Card title="正文" style={{ marginTop: 16 }}>
        <div style={{ whiteSpace: 'pre-wrap', fontSize: 17, lineHeight: 1.9 }}>{d.body}</div>
      </Card>
      {d.interpretation && (
        <Card title="政策解读" style={{ marginTop: 16 }}>
          <div style={{ whiteSpace: 'pre-wrap', fontSize: 17, lineHeight: 1.9 }}>{d.interpretation}</div>
        </Card>
      )}
      <Card title="沿革" style={{ marginTop: 16 }}>
        <Timeline items={d.history.map((h) => ({ content: `${h.date} ${h.event}` }))} />
      </Card>
    </>
  );
}
