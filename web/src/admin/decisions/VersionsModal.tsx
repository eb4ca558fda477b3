import { useQuery } from '@tanstack/react-query';
import { Alert, Modal, Table } from 'antd';
import { fmtTime, get } from '../../shared/api';
import type {
  CatalogDto as Catalog,
  CatalogVersionDto as CatalogVersion,
} from '../../../../src/modules/decisions/decisions.contract';

/** A catalog's published versions with their adjustment reasons and ledger links (第三条第三款). */
export function VersionsModal({ c, onClose }: { c: Catalog; onClose: () => void }) {
  const q = useQuery({
    queryKey: ['decision-catalog-public', c.id],
    queryFn: () => get<{ versions: CatalogVersion[] }>(`/api/public/decisions/catalogs/${c.id}`),
  });
  return (
    <Modal open width={760} title="目录历次版本" footer={null} onCancel={onClose}>
      {q.error && <Alert type="error" showIcon title={(q.error as Error).message} />}
      <Table
        rowKey="version"
        size="small"
        pagination={false}
        dataSource={q.data?.versions ?? []}
        columns={[
          { title: '版本', dataIndex: 'version', width: 60 },
          { title: '公布时间', dataIndex: 'publishedAt', render: (v: string) => fmtTime(v), width: 170 },
          { title: '调整理由', dataIndex: 'reason', render: (v: string | null) => v ?? '首次公布' },
          {
            title: '存证',
            width: 110,
            render: (_: unknown, v: CatalogVersion) =>
              v.leafHash ? <a href={`/verify?hash=${v.leafHash}`}>核验</a> : '—',
          },
        ]}
      />
    </Modal>
  );
}
