/** The demo decision items (see decisions.demo.ts): what each is, who leads it, how far the seed drives it. */
import type { MAJOR_KINDS } from './decisions.schemas.js';

type Kind = keyof typeof MAJOR_KINDS;
/** The stage an item is driven to; the procedure's order is in decisions.demo-procedure.ts. */
export type Target =
  | 'proposed'
  | 'drafting'
  | 'participation'
  | 'legality_review'
  | 'collective_discussion'
  | 'executing'
  | 'completed';
export interface Item {
  title: string;
  lead: string;
  kind: Kind;
  plan: string;
  target: Target;
  tech?: boolean;
  risk?: boolean;
  doneOn?: string;
}

// Item titles drawn from the vocabulary of the source reports (城市更新, 公共数据, 实事项目, 十四五 …).
export const Y2025: Item[] = [
  {
    title: '示例区2025年区政府实事项目',
    lead: 'FGW',
    kind: 'development_plan',
    plan: '2025-12-31',
    target: 'completed',
    doneOn: '2025-12-20',
  },
  {
    title: '示例区公共数据管理办法',
    lead: 'XXW',
    kind: 'public_policy',
    plan: '2025-09-30',
    target: 'completed',
    tech: true,
    doneOn: '2025-09-18',
  },
  {
    title: '示例区信息化项目工程监理管理实施细则',
    lead: 'XXW',
    kind: 'public_policy',
    plan: '2025-06-30',
    target: 'completed',
    tech: true,
    doneOn: '2025-08-15',
  },
  {
    title: '示例区老旧小区综合改造三年行动计划',
    lead: 'FGJ',
    kind: 'construction_project',
    plan: '2025-10-31',
    target: 'completed',
    risk: true,
    doneOn: '2025-10-28',
  },
  {
    title: '示例区生活垃圾分类管理实施办法',
    lead: 'CGJ',
    kind: 'public_policy',
    plan: '2025-08-31',
    target: 'completed',
    doneOn: '2025-08-30',
  },
  {
    title: '示例区养老服务设施布局专项规划',
    lead: 'WJW',
    kind: 'development_plan',
    plan: '2025-11-30',
    target: 'completed',
    doneOn: '2025-12-10',
  },
  {
    title: '示例区河道综合整治工程',
    lead: 'STJ',
    kind: 'resources',
    plan: '2025-12-31',
    target: 'completed',
    risk: true,
    doneOn: '2025-12-26',
  },
  {
    title: '示例区公共停车收费管理办法',
    lead: 'JTW',
    kind: 'public_policy',
    plan: '2025-07-31',
    target: 'completed',
    doneOn: '2025-07-25',
  },
  {
    title: '示例区食品安全监管示范区建设方案',
    lead: 'SCJ',
    kind: 'public_policy',
    plan: '2025-12-31',
    target: 'executing',
  },
  {
    title: '示例区应急避难场所建设规划',
    lead: 'YJJ',
    kind: 'construction_project',
    plan: '2025-12-31',
    target: 'executing',
    risk: true,
  },
  {
    title: '示例区就业创业补贴实施细则',
    lead: 'RSJ',
    kind: 'public_policy',
    plan: '2025-09-30',
    target: 'completed',
    doneOn: '2025-09-29',
  },
];
export const Y2026: Item[] = [
  {
    title: '示例区2026年区政府实事项目',
    lead: 'FGW',
    kind: 'development_plan',
    plan: '2026-12-31',
    target: 'executing',
  },
  {
    title: '示例区城市更新实施办法',
    lead: 'GHZ',
    kind: 'public_policy',
    plan: '2026-09-30',
    target: 'participation',
    risk: true,
  },
  {
    title: '示例区“十五五”国民经济和社会发展规划纲要',
    lead: 'FGW',
    kind: 'development_plan',
    plan: '2026-03-31',
    target: 'collective_discussion',
  },
  {
    title: '示例区优化营商环境若干措施',
    lead: 'FGW',
    kind: 'public_policy',
    plan: '2026-06-30',
    target: 'legality_review',
  },
  {
    title: '示例区公共数据开放实施细则',
    lead: 'XXW',
    kind: 'public_policy',
    plan: '2026-08-31',
    target: 'drafting',
    tech: true,
  },
  {
    title: '示例区市场监管领域轻微违法行为免罚清单',
    lead: 'SCJ',
    kind: 'public_policy',
    plan: '2026-05-31',
    target: 'participation',
  },
  { title: '示例区集贸市场布局规划', lead: 'SCJ', kind: 'development_plan', plan: '2026-10-31', target: 'proposed' },
  { title: '示例区非机动车停放管理规定', lead: 'CGJ', kind: 'public_policy', plan: '2026-07-31', target: 'drafting' },
  {
    title: '示例区地下管网更新改造工程',
    lead: 'JTW',
    kind: 'construction_project',
    plan: '2026-12-31',
    target: 'proposed',
    risk: true,
  },
  { title: '示例区生态环境保护“十五五”规划', lead: 'STJ', kind: 'resources', plan: '2026-11-30', target: 'proposed' },
  { title: '示例区历史风貌区保护利用办法', lead: 'GHZ', kind: 'resources', plan: '2026-12-31', target: 'proposed' },
  {
    title: '示例区社区卫生服务中心标准化建设方案',
    lead: 'WJW',
    kind: 'construction_project',
    plan: '2026-09-30',
    target: 'drafting',
  },
  {
    title: '示例区住房租赁市场管理办法',
    lead: 'FGJ',
    kind: 'public_policy',
    plan: '2026-08-31',
    target: 'legality_review',
  },
  {
    title: '示例区安全生产治本攻坚三年行动方案',
    lead: 'YJJ',
    kind: 'public_policy',
    plan: '2026-06-30',
    target: 'executing',
    risk: true,
  },
  {
    title: '示例区高校毕业生就业促进计划',
    lead: 'RSJ',
    kind: 'public_policy',
    plan: '2026-04-30',
    target: 'executing',
  },
  {
    title: '示例经济开发区产业发展规划',
    lead: 'KFQ',
    kind: 'development_plan',
    plan: '2026-10-31',
    target: 'proposed',
  },
  {
    title: '江川街道社区综合体建设项目',
    lead: 'JCJ',
    kind: 'construction_project',
    plan: '2026-12-31',
    target: 'proposed',
  },
  {
    title: '示例区区级财政专项资金管理办法',
    lead: 'CZJ',
    kind: 'public_policy',
    plan: '2026-09-30',
    target: 'participation',
  },
  {
    title: '示例区智慧城市运行管理中心建设方案',
    lead: 'XXW',
    kind: 'construction_project',
    plan: '2026-12-31',
    target: 'executing',
    tech: true,
  },
  {
    title: '示例区公共文化设施免费开放实施办法',
    lead: 'FBG',
    kind: 'public_policy',
    plan: '2026-07-31',
    target: 'drafting',
  },
];
