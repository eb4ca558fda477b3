import { useQuery } from '@tanstack/react-query';
import { Button, Input, List, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { LawSummaryDto as LawHit } from '../../../../src/modules/laws/laws.contract';
import type { LegalBasisDto } from '../../../../src/modules/normative-docs/normative-docs.contract';
import { get } from '../../shared/api';

/** A legal basis as the picker holds it: the law, its title for display, and the articles relied on. */
export type BasisValue = Pick<LegalBasisDto, 'lawId' | 'title' | 'articles'>;

/**
 * Legal bases of a draft, chosen from the law library: search current laws by title, add them, and name the
 * articles relied on (e.g. 第六十二条). A controlled form field: value / onChange.
 */
export function BasisPicker({ value = [], onChange }: { value?: BasisValue[]; onChange?: (v: BasisValue[]) => void }) {
  const [q, setQ] = useState('');
  const laws = useQuery({
    queryKey: ['law-picker', q],
    queryFn: () =>
      get<{ items: LawHit[] }>(`/api/laws?status=current&pageSize=20${q ? `&q=${encodeURIComponent(q)}` : ''}`),
  });
  const chosen = new Set(value.map((b) => b.lawId));
  const set = (v: BasisValue[]) => onChange?.(v);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Select
        showSearch={{ filterOption: false, onSearch: setQ }}
        value={null}
        placeholder="输入法规名称检索，选择后加入制定依据"
        aria-label="检索法律法规"
        loading={laws.isFetching}
        style={{ width: '100%' }}
        notFoundContent={laws.isFetching ? '检索中…' : '法律法规库中没有找到'}
        options={(laws.data?.items ?? [])
          .filter((l) => !chosen.has(l.id))
          .map((l) => ({ value: l.id, label: `${l.title}${l.versionDate ? `（${l.versionDate}）` : ''}` }))}
        onChange={(id: string) => {
          const law = laws.data?.items.find((l) => l.id === id);
          if (law) set([...value, { lawId: law.id, title: law.title, articles: '' }]);
        }}
      />
      {value.length > 0 && (
        <List
          size="small"
          bordered
          dataSource={value}
          renderItem={(b) => (
            <List.Item
              actions={[
                <Button
                  key="remove"
                  size="small"
                  danger
                  onClick={() => set(value.filter((x) => x.lawId !== b.lawId))}
                  aria-label={`移除《${b.title}》`}
                >
                  移除
                </Button>,
              ]}
            >
              <Space wrap>
                <Typography.Text>《{b.title}》</Typography.Text>
                <Input
                  size="small"
                  style={{ width: 220 }}
                  placeholder="条款，如：第六十二条"
                  aria-label={`《${b.title}》所依据的条款`}
                  maxLength={200}
                  value={b.articles}
                  onChange={(e) =>
                    set(value.map((x) => (x.lawId === b.lawId ? { ...x, articles: e.target.value } : x)))
                  }
                />
              </Space>
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}
