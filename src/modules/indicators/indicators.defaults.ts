/**
 * The default indicator tree, modelled on 《市县法治政府建设示范指标体系》(2021). Only the rows marked
 * `verified` were checked against the published table (一级 一、二, 二级 1–2, 三级 1–3, 24, 27, 30); the
 * rest follow the 2021–2025 纲要's chapters and are data the coordinator may edit, not rules.
 */
export interface DefaultIndicator {
  no: string;
  title: string;
  kind: 'group' | 'computed' | 'manual';
  source?: string;
  unit?: string;
  target?: number;
  op?: '>=' | '<=' | '=';
  verified?: boolean;
  children?: DefaultIndicator[];
}

export const DEFAULT_TREE: DefaultIndicator[] = [
  {
    no: '一',
    title: '政府职能依法全面履行',
    kind: 'group',
    verified: true,
    children: [
      {
        no: '一.1',
        title: '加大简政放权力度',
        kind: 'group',
        verified: true,
        children: [
          {
            no: '1',
            title: '行政审批服务“马上办、网上办、就近办、一次办、自助办”，审批事项在法定时限内办结',
            kind: 'manual',
            unit: '%',
            target: 100,
            op: '>=',
            verified: true,
          },
          {
            no: '2',
            title: '依法实施行政许可，不以备案、登记、行政确认、征求意见等方式变相设定许可',
            kind: 'manual',
            unit: '项',
            target: 0,
            op: '=',
            verified: true,
          },
          {
            no: '3',
            title: '行政审批中介服务清理，保留事项实行清单管理并向社会公开',
            kind: 'manual',
            unit: '项',
            verified: true,
          },
        ],
      },
    ],
  },
  {
    no: '二',
    title: '依法行政制度体系完善',
    kind: 'group',
    verified: true,
    children: [
      {
        no: '二.2',
        title: '提高公众参与度',
        kind: 'group',
        verified: true,
        children: [
          {
            no: '24',
            title: '规范性文件公开征求意见（一般不少于7个工作日，涉企的一般不少于30日）',
            kind: 'manual',
            unit: '%',
            target: 100,
            op: '>=',
            verified: true,
          },
        ],
      },
      {
        no: '二.3',
        title: '加强行政规范性文件监督管理',
        kind: 'group',
        children: [
          {
            no: '27',
            title: '行政规范性文件报备率、报备及时率、规范率',
            kind: 'computed',
            source: 'normative.filing_rate_pct',
            unit: '%',
            target: 100,
            op: '>=',
            verified: true,
          },
          {
            no: '二.3.2',
            title: '行政规范性文件合法性审核率',
            kind: 'computed',
            source: 'normative.legality_review_coverage_pct',
            unit: '%',
            target: 100,
            op: '>=',
          },
        ],
      },
    ],
  },
  {
    no: '三',
    title: '重大行政决策科学民主合法',
    kind: 'group',
    children: [
      {
        no: '三.1',
        title: '重大行政决策目录管理',
        kind: 'group',
        children: [
          {
            no: '三.1.1',
            title: '纳入年度目录的重大行政决策事项数',
            kind: 'computed',
            source: 'decisions.catalog_items',
            unit: '项',
          },
          {
            no: '三.1.2',
            title: '目录事项数同比变化',
            kind: 'computed',
            source: 'decisions.catalog_yoy_pct',
            unit: '%',
          },
          {
            no: '三.1.3',
            title: '作出决定的重大行政决策经合法性审查的比例',
            kind: 'computed',
            source: 'decisions.legality_review_coverage_pct',
            unit: '%',
            target: 100,
            op: '>=',
          },
          {
            no: '30',
            title: '重大行政决策事项、依据和结果公开，征求意见期一般不少于30日',
            kind: 'manual',
            unit: '%',
            target: 100,
            op: '>=',
            verified: true,
          },
        ],
      },
    ],
  },
  {
    no: '四',
    title: '行政执法严格规范公正文明',
    kind: 'group',
    children: [
      {
        no: '四.1',
        title: '执法队伍建设',
        kind: 'group',
        children: [
          {
            no: '四.1.1',
            title: '执法人员年度法律知识培训不少于60学时的比例',
            kind: 'manual',
            unit: '%',
            target: 100,
            op: '>=',
          },
        ],
      },
    ],
  },
  {
    no: '六',
    title: '社会矛盾纠纷依法有效化解',
    kind: 'group',
    children: [
      {
        no: '六.1',
        title: '行政应诉',
        kind: 'group',
        children: [
          {
            no: '六.1.1',
            title: '行政机关负责人出庭应诉率',
            kind: 'computed',
            source: 'litigation.head_appearance_pct',
            unit: '%',
            target: 100,
            op: '>=',
          },
        ],
      },
    ],
  },
  {
    no: '八',
    title: '法治政府建设科技保障',
    kind: 'group',
    children: [
      {
        no: '八.1',
        title: '法定期限数字化管理',
        kind: 'group',
        children: [
          {
            no: '八.1.1',
            title: '法定期限按期办结率',
            kind: 'computed',
            source: 'calendar.deadline_met_pct',
            unit: '%',
            target: 100,
            op: '>=',
          },
          {
            no: '八.1.2',
            title: '超期未办结的法定期限数',
            kind: 'computed',
            source: 'calendar.deadlines_overdue',
            unit: '项',
            target: 0,
            op: '=',
          },
        ],
      },
    ],
  },
  {
    no: '十',
    title: '法治政府建设组织领导落实到位',
    kind: 'group',
    children: [
      {
        no: '十.1',
        title: '推进机制',
        kind: 'group',
        children: [
          {
            no: '十.1.1',
            title: '实施方案年度任务完成率',
            kind: 'computed',
            source: 'plan.task_completion_pct',
            unit: '%',
            target: 100,
            op: '>=',
          },
          {
            no: '十.1.2',
            title: '超期未完成的实施方案任务数',
            kind: 'computed',
            source: 'plan.tasks_overdue',
            unit: '项',
            target: 0,
            op: '=',
          },
          {
            no: '十.1.3',
            title: '法治政府建设年度报告按时（4月1日前）向社会公开',
            kind: 'computed',
            source: 'reports.published_on_time_pct',
            unit: '%',
            target: 100,
            op: '>=',
          },
        ],
      },
    ],
  },
];
