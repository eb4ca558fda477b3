import { useQuery } from '@tanstack/react-query';
import { Tag } from 'antd';
import { get } from '../../shared/api';
import type { LedgerEntryWithStateDto, RecordStateDto } from '../../../../src/platform/ledger/ledger.contract';

/**
 * What to say instead of "已上链" when the record's current rows no longer match what was anchored (the server
 * re-derives the record for every proof it gives); null when they match.
 */
export function discrepancyText(state: RecordStateDto | undefined): string | null {
  if (state === 'altered') return '内容与上链存证不一致：本页内容在存证后被改动，请以存证原文为准';
  if (state === 'missing') return '上链存证对应的记录已不存在';
  return null;
}

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
  const wrong = discrepancyText(q.data?.items[0]?.recordState);
  return (
    <span>
      {wrong ? (
        <Tag color="red">{wrong}</Tag>
      ) : (
        <Tag color={entry ? 'green' : undefined}>
          {entry ? `${label}（第 ${entry.index} 号）` : `${label}（等待写入检查点）`}
        </Tag>
      )}
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
