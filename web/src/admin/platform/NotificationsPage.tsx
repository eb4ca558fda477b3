import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { NotificationDto as N } from '../../../../src/platform/notifications.contract';
import { fmtTime, get, post } from '../../shared/api';

export function NotificationsPage() {
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['notifications', 'all'],
    queryFn: () => get<{ items: N[]; unread: number }>('/api/notifications'),
  });
  const mark = useMutation({
    mutationFn: (ids?: string[]) => post('/api/notifications/read', ids ? { ids } : {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
  return (
    <>
      <Typography.Title level={2}>通知中心</Typography.Title>
      <Button onClick={() => mark.mutate(undefined)} disabled={!q.data?.unread} style={{ marginBottom: 16 }}>
        全部标为已读（{q.data?.unread ?? 0}）
      </Button>
      <List
        bordered
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: '暂无通知' }}
        renderItem={(n) => (
          <List.Item
            actions={[
              !n.read && (
                <Button key="r" size="small" onClick={() => mark.mutate([n.id])}>
                  标为已读
                </Button>
              ),
            ]}
          >
            <List.Item.Meta
              title={
                <>
                  {!n.read && <Tag color="red">未读</Tag>}
                  {n.link ? <Link to={n.link}>{n.title}</Link> : n.title}
                </>
              }
              description={`${n.body} · ${fmtTime(n.createdAt)}`}
            />
          </List.Item>
        )}
      />
    </>
  );
}
