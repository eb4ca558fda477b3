import { useQuery } from '@tanstack/react-query';
import { Tag } from 'antd';
import { get } from '../../shared/api';
import type { LedgerEntryWithStateDto } from '../../../../src/platform/ledger/ledger.contract';

/** "已上链存证" with the entry number once sequenced, and the link to check it on the verify page. */
export function ProofBadge({ hash, label = '已上链存证' }: { hash: string | null | undefined; label?: string }) {
  const q = useQuery({
    queryKey: ['ledger-by-hash', hash],
    enabled: !!hash,
    queryFn: () => get<{ items: LedgerEntryWithStateDto[] }>(`/api/public/ledger/entries/by-hash/${hash}`),
    staleTime: 60_000,
  });
  if (!hash) return null;
  const entry = q.data?.items.find((e) => e.index !== null);
  return (
    <span>
      <Tag color={entry ? 'green' : undefined}>
        {entry ? `${label}（第 ${entry.index} 号）` : `${label}（等待写入检查点）`}
      </Tag>
      <a href={`/verify?hash=${hash}`} style={{ textDecoration: 'underline' }}>
        核验
      </a>
      {entry && (
        <>
          {' · '}
          {/* The record as hashed: saved and dropped on the verify page, the file itself is checked. */}
          <a
            href={`/api/public/ledger/entries/${entry.index}/content`}
            download
            style={{ textDecoration: 'underline' }}
          >
            下载存证原文
          </a>
        </>
      )}
    </span>
  );
}
