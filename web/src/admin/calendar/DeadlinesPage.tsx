import { useQuery } from '@tanstack/react-query';
import { Alert, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { get } from '../../shared/api';
import { type Deadline, DeadlineList } from './DeadlineList';

/** The deadlines of one entity (the link target of deadline notifications). */
export function DeadlinesPage() {
  const [sp] = useSearchParams();
  const entityKind = sp.get('entityKind') ?? '';
  const entityId = sp.get('entityId') ?? '';
  const key = ['deadlines', entityKind, entityId];
  const q = useQuery({
    queryKey: key,
    enabled: !!entityKind && !!entityId,
    queryFn: () => get<{ items: Deadline[] }>(`/api/deadlines?${new URLSearchParams({ entityKind, entityId })}`),
  });
  return (
    <>
      <Typography.Title level={2}>事项法定期限</Typography.Title>
      {!entityKind || !entityId ? (
        <Alert type="info" showIcon message="请从通知或业务页面进入，以查看某一事项的期限。" />
      ) : (
        <>
          {q.error && <Alert type="error" showIcon message={(q.error as Error).message} />}
          <DeadlineList items={q.data?.items ?? []} loading={q.isLoading} queryKey={key} />
        </>
      )}
    </>
  );
}
