import type { LawStatus } from './laws.contract.js';
import type { Generated } from 'kysely';
import { registerAuditLabels } from '../../platform/audit/catalog.js';

export interface LawTable {
  id: Generated<string>;
  work_key: string;
  title: string;
  category: string;
  version_date: string | null;
  history: Generated<string>;
  status: Generated<LawStatus>;
  source_name: string;
  content_hash: string;
  article_count: Generated<number>;
  imported_by: string | null;
  imported_at: Generated<Date>;
}

export interface LawArticleTable {
  law_id: string;
  seq: number;
  chapter: string | null;
  number: string | null;
  text: string;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    laws: LawTable;
    law_articles: LawArticleTable;
  }
}

declare module '../../platform/audit/catalog.js' {
  interface AuditCatalog {
    'law.imported': {
      source: string;
      imported: number;
      unchanged: number;
      newVersions: number;
      titles: string[];
    };
  }
}

registerAuditLabels({ 'law.imported': '导入法律法规' });
