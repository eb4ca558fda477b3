import type { Role } from '../access/actor.js';

/** The demo district: units drawn from the vocabulary of the source reports. */
export const DEMO_GOVERNMENT = { name: '示例区人民政府', shortName: '示例区政府', code: 'SLQ' };

export const DEMO_UNITS: { name: string; shortName: string; kind: 'department' | 'subdistrict' | 'town' | 'other'; code: string; sections?: string[] }[] = [
  { name: '区政府办公室', shortName: '区府办', kind: 'department', code: 'FBG' },
  { name: '区司法局', shortName: '区司法局', kind: 'department', code: 'SFJ', sections: ['依法治区办', '行政执法协调监督科', '法治调研科', '行政复议科'] },
  { name: '区信息委', shortName: '区信息委', kind: 'department', code: 'XXW' },
  { name: '区市场监管局', shortName: '区市场监管局', kind: 'department', code: 'SCJ', sections: ['法制科', '执法稽查支队'] },
  { name: '区城管执法局', shortName: '区城管执法局', kind: 'department', code: 'CGJ', sections: ['法制科'] },
  { name: '区生态环境局', shortName: '区生态环境局', kind: 'department', code: 'STJ' },
  { name: '区交通委', shortName: '区交通委', kind: 'department', code: 'JTW' },
  { name: '区卫健委', shortName: '区卫健委', kind: 'department', code: 'WJW' },
  { name: '区应急局', shortName: '区应急局', kind: 'department', code: 'YJJ' },
  { name: '区房管局', shortName: '区房管局', kind: 'department', code: 'FGJ' },
  { name: '区规划资源局', shortName: '区规划资源局', kind: 'department', code: 'GHZ' },
  { name: '区人社局', shortName: '区人社局', kind: 'department', code: 'RSJ' },
  { name: '区发改委', shortName: '区发改委', kind: 'department', code: 'FGW' },
  { name: '区财政局', shortName: '区财政局', kind: 'department', code: 'CZJ' },
  { name: '示例经济开发区管委会', shortName: '开发区管委会', kind: 'other', code: 'KFQ' },
  { name: '新城路街道办事处', shortName: '新城路街道', kind: 'subdistrict', code: 'XCL', sections: ['综合执法队'] },
  { name: '江川街道办事处', shortName: '江川街道', kind: 'subdistrict', code: 'JCJ', sections: ['综合执法队'] },
  { name: '古美街道办事处', shortName: '古美街道', kind: 'subdistrict', code: 'GMJ', sections: ['综合执法队'] },
  { name: '华漕镇人民政府', shortName: '华漕镇', kind: 'town', code: 'HCZ', sections: ['综合执法队'] },
  { name: '浦锦镇人民政府', shortName: '浦锦镇', kind: 'town', code: 'PJZ', sections: ['综合执法队'] },
];

/** The demo password: every demo account uses it (shown by `npm start`); real accounts get generated ones. */
export const DEMO_PASSWORD = process.env.FAZHI_DEMO_PASSWORD ?? 'Fazhi@2026';

/** One demo user per role. `org` is a unit code, or `root`; `grantAt` defaults to the user's org. */
export const DEMO_USERS: {
  username: string;
  displayName: string;
  org: string;
  roles: { role: Role; at?: string; subtree?: boolean }[];
  certificate?: { certificateNo: string; issuedOn: string; validUntil: string };
}[] = [
  { username: 'admin', displayName: '系统管理员', org: 'root', roles: [{ role: 'system_admin', subtree: true }] },
  { username: 'reviewer', displayName: '王审查（区司法局）', org: 'SFJ', roles: [{ role: 'legality_reviewer', at: 'root', subtree: true }] },
  { username: 'coordinator', displayName: '李统筹（依法治区办）', org: 'SFJ', roles: [{ role: 'coordinator', at: 'root', subtree: true }] },
  { username: 'leader', displayName: '赵副区长（分管法治）', org: 'root', roles: [{ role: 'leader', at: 'root', subtree: true }] },
  { username: 'govhead', displayName: '林区长（区政府主要负责人）', org: 'root', roles: [{ role: 'principal_head' }] },
  { username: 'liaison', displayName: '陈联络（区市场监管局）', org: 'SCJ', roles: [{ role: 'liaison', subtree: true }] },
  { username: 'head', displayName: '周局长（区市场监管局）', org: 'SCJ', roles: [{ role: 'principal_head', subtree: true }] },
  { username: 'staff', displayName: '孙科员（区市场监管局）', org: 'SCJ', roles: [{ role: 'staff' }] },
  {
    username: 'officer',
    displayName: '吴执法（区城管执法局）',
    org: 'CGJ',
    roles: [{ role: 'enforcement_officer' }],
    certificate: { certificateNo: '沪SLQ-0312021', issuedOn: '2024-03-01', validUntil: '2029-02-28' },
  },
  { username: 'adviser', displayName: '郑律师（法律顾问）', org: 'SFJ', roles: [{ role: 'legal_adviser', at: 'root', subtree: true }] },
  { username: 'liaison2', displayName: '钱联络（江川街道）', org: 'JCJ', roles: [{ role: 'liaison', subtree: true }] },
  { username: 'head2', displayName: '冯主任（江川街道）', org: 'JCJ', roles: [{ role: 'principal_head', subtree: true }] },
];
