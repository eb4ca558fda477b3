import { useQuery } from '@tanstack/react-query';
import { Alert, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { get } from '../../shared/api';
import type { Filing } from './types';

/** Filing ledger (备案审查台账): due dates, late and overdue filings, review outcomes. */
export function FilingsPage() {
  const q = useQuery({
    queryKey: ['normative-filings'],
    queryFn: () => get<{ items: Filing[] }>('/api/normative-filings'),
  });
  return (
    <>
      <Typography.Title level={2}>备案审查</Typography.Title>
      {q.error && <Alert type="error" showIcon title={(q.error as Error).message} />}
      <Table<Filing>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        columns={[
          {
            title: '文件',
            dataIndex: 'docTitle',
            render: (t, r) => <Link to={`/admin/normative-docs/${r.docId}`}>{t}</Link>,
          },
          { title: '文号', dataIndex: 'registrationNo', width: 170 },
          { title: '制定机关', dataIndex: 'orgName', width: 150 },
          { title: '报送期限', dataIndex: 'dueOn', width: 120 },
          {
            title: '状态',
            dataIndex: 'statusLabel',
            width: 220,
            render: (v, r) => (
              <>
                <Tag color={r.status === 'accepted' ? 'green' : r.overdue ? 'red' : 'blue'}>{v}</Tag>
                {r.overdue && <Tag color="red">逾期未报</Tag>}
                {r.late && <Tag color="orange">逾期报送</Tag>}
              </>
            ),
          },
        ]}
      />
    </>
  );
}
