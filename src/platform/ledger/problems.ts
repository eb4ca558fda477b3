/** What a tamper sweep can find (sweep.ts, sources.ts); each becomes one deduplicated alarm. */
export type ProblemKind =
  | 'entry_missing'
  | 'content_altered'
  | 'audit_event_missing'
  | 'audit_event_altered'
  | 'audit_event_unanchored'
  | 'leaf_altered'
  | 'node_missing'
  | 'node_altered'
  | 'checkpoint_root_mismatch'
  | 'checkpoint_signature_invalid'
  | 'checkpoint_missing'
  | 'record_missing'
  | 'record_altered'
  | 'record_source_failed';

export const PROBLEM_LABELS: Record<ProblemKind, string> = {
  entry_missing: '上链条目被删除',
  content_altered: '已上链记录的内容被改动',
  audit_event_missing: '审计事件被删除',
  audit_event_altered: '审计事件被改动',
  audit_event_unanchored: '审计事件绕过系统写入（未上链）',
  leaf_altered: '叶子哈希被改动',
  node_missing: '默克尔树节点缺失',
  node_altered: '默克尔树节点被改动',
  checkpoint_root_mismatch: '检查点根哈希与树不符',
  checkpoint_signature_invalid: '检查点签名无效',
  checkpoint_missing: '已验证的检查点被删除（日志可能被截短）',
  record_missing: '已上链记录的业务数据被删除',
  record_altered: '已上链记录的业务数据被改动（与上链内容不符）',
  record_source_failed: '无法从业务数据重新生成已上链记录',
};

export interface Problem {
  kind: ProblemKind;
  key: string;
  entryIndex: string | null;
  recordKind: string | null;
  recordId: string | null;
  detail: Record<string, unknown>;
}
