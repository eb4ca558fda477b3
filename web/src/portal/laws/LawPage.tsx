import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import type { LawDetailDto as Law } from '../../../../src/modules/laws/laws.contract';
import { get } from '../../shared/api';

/** A statute's full text with its versions. */
export function LawPage() {
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: ['public-law', id], queryFn: () => get<Law>(`/api/public/laws/${id}`) });
  if (q.error) return <Alert type="error" showIcon title={(q.error as Error).message} />;
  const l = q.data;
  if (!l) return null;
  let chapter: string | null = null;
  return (
    <>
      <Typography.Title level={2}>{l.title}</Typography.Title>
      <div style={{ marginBottom: 12 }}>
        <Tag>{l.category}</Tag>
        <Tag color={l.status === 'current' ? '#237804' : 'default'}>
          {l.status === 'current' ? '现行有效' : '已被修订'}
        </Tag>
        版本：
        {l.versions.map((v) => (
          <Link key={v.id} to={`/laws/${v.id}`} style={{ marginRight: 8 }}>
            {v.versionDate ?? '未注明'}
          </Link>
        ))}
      </div>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', color: '#555' }}>{l.history}</Typography.Paragraph>
      <Card>
        {l.articles.map((a) => {
          const head = a.chapter !== chapter ? a.chapter : null;
          chapter = a.chapter;
          return (
            <div key={a.seq} style={{ fontSize: 17, lineHeight: 1.9 }}>
              {head && <Typography.Title level={4}>{head}</Typography.Title>}
              <p style={{ whiteSpace: 'pre-wrap' }}>
                {a.number && <strong>{a.number} </strong>}
                {a.text}
              </p>
            </div>
          );
        })}
      </Card>
    </>
  );
}
