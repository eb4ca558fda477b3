/**
 * The typed audit event catalogue: action name → shape of its `data`. Modules extend it by declaration
 * merging in their own files:
 *
 *   declare module '../../platform/audit/catalog.js' {
 *     interface AuditCatalog { 'decision.created': { title: string } }
 *   }
 *
 * Action names are `<entity>.<past-tense>`.
 */
export interface AuditCatalog {
  'org.created': { name: string; kind: string; parentId: string | null };
  'org.updated': { changes: Record<string, unknown> };
  'user.created': { username: string; orgId: string; roles: string[] };
  'user.updated': { changes: Record<string, unknown> };
  'user.password_reset': { byAdmin: boolean };
  'user.password_changed': Record<string, never>;
  'user.role_granted': { role: string; orgId: string; includeSubtree: boolean };
  'user.role_revoked': { role: string; orgId: string };
  'user.certificate_added': { certificateNo: string; validUntil: string };
  'session.logged_in': { via: 'password' };
  'session.logged_out': Record<string, never>;
  'session.login_failed': { username: string; reason: string };
  'api_token.created': { name: string; prefix: string };
  'api_token.revoked': { name: string };
  'system.seeded': { demo: boolean };
  'system.initialized': { government: string; admin: string; via: 'cli' | 'web' };
  'system.restored': { from: string };
  'notification.read': { count: number };
}

export type AuditAction = keyof AuditCatalog;

/** Chinese labels for the audit page; modules may add labels through registerAuditLabels. */
export const AUDIT_LABELS: Record<string, string> = {
  'org.created': '新建单位',
  'org.updated': '修改单位',
  'user.created': '新建用户',
  'user.updated': '修改用户',
  'user.password_reset': '重置密码',
  'user.password_changed': '修改密码',
  'user.role_granted': '授予角色',
  'user.role_revoked': '撤销角色',
  'user.certificate_added': '登记执法证',
  'session.logged_in': '登录',
  'session.logged_out': '退出登录',
  'session.login_failed': '登录失败',
  'api_token.created': '创建接口令牌',
  'api_token.revoked': '吊销接口令牌',
  'system.seeded': '初始化演示数据',
  'system.initialized': '首次安装：建立本级政府和首个管理员',
  'system.restored': '从备份恢复',
  'notification.read': '标记通知已读',
};

export function registerAuditLabels(labels: Record<string, string>): void {
  Object.assign(AUDIT_LABELS, labels);
}
