import { List, Typography } from 'antd';
import { Link } from 'react-router';
import type {
  CatalogEntryDto as CatalogEntry,
  CatalogSection,
} from '../../../../src/modules/normative-docs/normative-docs.contract';
import { CATALOG_SECTIONS } from './types';

/** The entries of one catalog, section by section, each line linking to the document. */
export function CatalogEntries({
  c,
  admin,
}: {
  c: { entries: Record<CatalogSection, CatalogEntry[]> };
  admin: boolean;
}) {
  return (
    <>
      {CATALOG_SECTIONS.map((s) => (
        <div key={s.key} style={{ marginBottom: 12 }}>
          <Typography.Text strong>
            {s.label}的规范性文件（{c.entries[s.key].length} 件）
          </Typography.Text>
          <List
            size="small"
            dataSource={c.entries[s.key]}
            locale={{ emptyText: '无' }}
            renderItem={(e, i) => (
              <List.Item>
                <span>
                  {i + 1}.{' '}
                  <Link
                    to={admin ? `/admin/normative-docs/${e.docId}` : `/normative-docs/${e.docId}`}
                    style={{ textDecoration: 'underline' }}
                  >
                    《{e.title}》
                  </Link>
                  {e.registrationNo ? `（${e.registrationNo}）` : ''}，{e.on}
                  {s.verb}
                  {e.note ? `；${e.note}` : ''}
                </span>
              </List.Item>
            )}
          />
        </div>
      ))}
    </>
  );
}
